"""Every real-world feed in the corpus loads, with the item counts and first titles that
were counted independently of any feed library (MANIFEST.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsterm.core.model import Document
from newsterm.core.sources import SourceError, parse_bytes
from tests.conftest import CORPUS
from tests.support.manifest import READABLE, ROWS, UNREADABLE


def test_the_manifest_lists_the_whole_feed_folder() -> None:
    assert len(ROWS) == len(list((CORPUS / "feeds").iterdir())) == 59


def load(row: dict[str, str]) -> Document:
    path = CORPUS / row["file"]
    return parse_bytes(path.read_bytes(), name=Path(row["file"]).name)


@pytest.mark.parametrize("row", READABLE, ids=[r["file"] for r in READABLE])
def test_feed_item_count_and_first_title(row: dict[str, str]) -> None:
    document = load(row)
    assert len(document.articles) == int(row["item_count"])
    expected_kind = {"rss1": "rdf", "atom1": "atom", "json": "jsonfeed", "json-rss": "jsonfeed"}
    assert document.source.kind == expected_kind.get(row["format"], "rss")
    if not document.articles:
        return
    title = document.articles[0].title
    if row["first_title"] in ("(no title)", "(empty title)"):
        # An untitled item is shown by the start of its text, never as a blank row.
        assert title and title != row["first_title"]
    else:
        assert title == row["first_title"]


@pytest.mark.parametrize("row", UNREADABLE, ids=[r["file"] for r in UNREADABLE])
def test_unreadable_feed_is_one_clear_error(row: dict[str, str]) -> None:
    with pytest.raises(SourceError) as error:
        load(row)
    assert "\n" not in str(error.value) and str(error.value)


@pytest.mark.parametrize("row", READABLE, ids=[r["file"] for r in READABLE])
def test_every_item_has_safe_text_and_absolute_links(row: dict[str, str]) -> None:
    for article in load(row).articles:
        for link in [*article.links, *article.related]:
            assert link.url is None or "://" in link.url or link.url.startswith("mailto:")
        for block in article.blocks:
            text = getattr(block, "text", "")
            assert "\x1b" not in text and "<p>" not in text
