"""A refresh keeps each item's HTML and builds its blocks when the story is opened.

The story a person opens must be exactly the one the parser builds at once:
same blocks, figures, links and related stories, for every feed of the corpus.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsterm.core.sources import parse_bytes
from newsterm.core.sources.html.kept import complete_article
from tests.conftest import CORPUS

UNREADABLE = {"rsp-allthis-partial.json"}  # truncated JSON: one error line either way
FEEDS = sorted(p for p in (CORPUS / "feeds").iterdir() if p.name not in UNREADABLE)


@pytest.mark.parametrize("path", FEEDS, ids=[p.name for p in FEEDS])
def test_blocks_built_on_opening_equal_blocks_built_at_once(path: Path) -> None:
    data = path.read_bytes()
    whole = parse_bytes(data, url="http://feeds.example/feed.xml")
    kept = parse_bytes(data, url="http://feeds.example/feed.xml", defer_blocks=True)
    assert [a.id for a in kept.articles] == [a.id for a in whole.articles]
    for at_once, later in zip(whole.articles, kept.articles, strict=True):
        assert complete_article(later).to_json() == at_once.to_json()


def test_kept_html_is_searchable_text_until_opened() -> None:
    data = (CORPUS / "feeds" / "nfp-tpm.atom").read_bytes()
    [first, *_] = parse_bytes(data, defer_blocks=True).articles
    assert first.html is not None and first.plain
    words = " ".join(first.texts()).split()
    assert len(words) > 50  # the story's words count (reading time, search) before opening
    assert "<" not in first.plain
