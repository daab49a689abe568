"""The lxml fast path gives exactly the feedparser path's Document, or steps aside.

Differential: every XML feed of the corpus and a set of generated feeds are read
both ways (`parse_feed(..., fast=False)` is feedparser, the reference) and must
agree article by article, field by field, with and without a feed URL (the URL
changes both the base for relative links and feedparser's choice of encoding).
"""

from __future__ import annotations

import difflib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsterm.core.model import Document
from newsterm.core.sources.feeds import parse_feed
from newsterm.core.sources.feeds.fast import parse_feed_fast
from newsterm.core.sources.feeds.fast.dates import fast_date
from tests.conftest import CORPUS, SHARED

FEEDS = sorted(p for p in (CORPUS / "feeds").iterdir() if p.suffix != ".json")
GENFEEDS = SHARED / "bench" / "genfeeds.py"

# The corpus files that fall back to feedparser, and why (the counts below follow from this):
#   not well-formed XML, so feedparser's loose parser is the only reader:
#     ffp-kagi.xml, ffp-pypy.xml, rssp-rss091.rss, rssp-itunes-keywords-astext.rss,
#     rssp-itunes-missing-image.rss (text before the XML declaration),
#     ffp-osm-pl.xml (unclosed CDATA), rssp-phys-org-daily-sci-tech-news.rss (bare "&"),
#     rssp-uolNoticias.rss (Latin-1 bytes without a declaration);
#   GeoRSS elements, whose feedparser handlers are not ported:
#     ffp-osm.xml, rssp-feedburner.atom;
#   inline XHTML that feedparser also interprets as feed elements: nfp-intertwingly.atom;
#   only with a URL: no encoding declared and non-ASCII bytes, which feedparser then
#   reads as ISO-8859-1: nfp-relative-channel-image-url.xml, rsp-scriptingNews.rss.
FAST_WITHOUT_URL = 41
FAST_WITH_URL = 39


def as_json(document: Document) -> dict[str, Any]:
    return {
        "source": {
            "kind": document.source.kind,
            "title": document.source.title,
            "url": document.source.url,
        },
        "articles": [dict(a.to_json(), guid=a.guid) for a in document.articles],
    }


def assert_same(name: str, reference: Document, fast: Document) -> None:
    expected, got = as_json(reference), as_json(fast)
    if expected == got:
        return
    diff = difflib.unified_diff(
        json.dumps(expected, indent=1, ensure_ascii=False, sort_keys=True).splitlines(),
        json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True).splitlines(),
        "feedparser",
        "fast path",
        lineterm="",
        n=2,
    )
    pytest.fail(f"{name}: the fast path differs from feedparser\n" + "\n".join(list(diff)[:80]))


def check(path: Path, url: str | None) -> bool:
    """Compare both paths on one file; True when the fast path took it."""
    data = path.read_bytes()
    fast = parse_feed_fast(data, url)
    if fast is None:
        return False
    assert_same(f"{path.name} (url={url})", parse_feed(data, url, fast=False), fast)
    return True


@pytest.mark.parametrize("url", [None, "https://feeds.example.org/dir/feed.xml"])
def test_corpus_feeds_read_the_same_both_ways(url: str | None) -> None:
    taken = [path.name for path in FEEDS if check(path, url)]
    assert len(FEEDS) == 52
    assert len(taken) >= (FAST_WITH_URL if url else FAST_WITHOUT_URL), taken


@pytest.fixture(scope="module")
def generated_feeds(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("genfeeds")
    args = ["--feeds", "30", "--items", "20", "--seed", "42", "--html-bytes", "3000"]
    subprocess.run(
        [sys.executable, str(GENFEEDS), str(out), *args], check=True, capture_output=True
    )
    return sorted((out / "feeds").glob("*.xml"))


@pytest.mark.parametrize("url", [None, "https://feeds.example.org/feed.xml"])
def test_every_generated_feed_takes_the_fast_path_and_agrees(
    generated_feeds: list[Path], url: str | None
) -> None:
    assert len(generated_feeds) == 30
    for path in generated_feeds:
        assert check(path, url), f"{path.name} fell back to feedparser"


def test_the_default_path_is_the_fast_one_and_falls_back() -> None:
    well_formed = CORPUS / "feeds" / "rssp-guardian.rss"
    broken = CORPUS / "feeds" / "rssp-phys-org-daily-sci-tech-news.rss"
    assert parse_feed_fast(broken.read_bytes(), None) is None
    assert len(parse_feed(broken.read_bytes()).articles) == 30
    assert as_json(parse_feed(well_formed.read_bytes())) == as_json(
        parse_feed(well_formed.read_bytes(), fast=False)
    )


@pytest.mark.parametrize(
    "value",
    [
        "Mon, 02 Jun 2025 11:22:00 GMT",
        "Mon, 02 Jun 2025 11:22:00 +0000",
        "Tue, 2 Jun 2025 23:59:59 -0730",
        "02 Jun 2025 13:22:00 +0200",
        "Sun, 29 Feb 2024 00:00:00 GMT",
        "Mon, 30 Feb 2025 10:00:00 GMT",
        "Mon, 02 Jun 2025 24:00:00 GMT",
        "2025-06-02T11:22:00Z",
        "2025-06-02T13:22:00+02:00",
        "2025-06-02T13:22:00.123456-05:30",
        "2025-13-02T13:22:00Z",
        "03 Apr 02 1500 GMT",
        "",
    ],
)
def test_everyday_dates_are_read_as_feedparser_reads_them(value: str) -> None:
    from feedparser.datetimes import _parse_date

    assert fast_date(value) == _parse_date(value)
