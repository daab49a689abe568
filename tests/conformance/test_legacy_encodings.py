"""Legacy encodings read as browsers read them (the WHATWG Encoding Standard), on both paths.

A Japanese feed declaring Shift_JIS writes `~` as byte 0x7E; browsers (and the standard,
whose Shift_JIS is Python's `cp932`) show `~`. The expected text here is the feed's
bytes decoded with `cp932`, compared with what each parser gives: the lxml fast path
and the feedparser fallback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsterm.core.model import Paragraph
from newsterm.core.sources import parse_bytes
from newsterm.core.sources.feeds import parse_feed
from tests.conftest import CORPUS

TITLE = "~user のページ: 日記 ~ 写真"
BODY = "ホーム ~ 日記 \\ 料金 ~500円"
LINK = "http://example.jp/~user/diary"
INNER = "~リンク"
INNER_LINK = "http://example.jp/~user/photos"


def shift_jis_feed(label: str, extra: str = "") -> bytes:
    body = f'<p>{BODY}{extra} <a href="{INNER_LINK}">{INNER}</a></p>'
    escaped = body.replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<?xml version="1.0" encoding="{label}"?>\n<rss version="2.0"><channel>'
        f"<title>日本のフィード</title><item><title>{TITLE}{extra}</title><link>{LINK}</link>"
        f"<description>{escaped}</description></item></channel></rss>"
    ).encode("cp932")


@pytest.mark.parametrize("fast", [True, False], ids=["lxml", "feedparser"])
@pytest.mark.parametrize("label", ["shift_jis", "Shift_JIS", "sjis", "windows-31j"])
def test_shift_jis_keeps_its_tildes_in_title_body_and_links(label: str, fast: bool) -> None:
    data = shift_jis_feed(label)
    standard = data.decode("cp932")  # the WHATWG decoding, independent of the parsers
    assert TITLE in standard and BODY in standard and LINK in standard
    [article] = parse_feed(data, fast=fast).articles
    assert article.title == TITLE
    assert article.url == LINK
    assert article.blocks == [Paragraph(f"{BODY} {INNER}")]
    assert [(link.text, link.url) for link in article.links] == [(INNER, INNER_LINK)]


@pytest.mark.parametrize("fast", [True, False], ids=["lxml", "feedparser"])
def test_shift_jis_windows_characters_are_read_not_guessed(fast: bool) -> None:
    """①, Ⅱ and 髙 are in the standard's Shift_JIS; a codec without them made mojibake."""
    data = shift_jis_feed("shift_jis", extra=" ①Ⅱ髙")
    [article] = parse_feed(data, fast=fast).articles
    assert article.title == f"{TITLE} ①Ⅱ髙"


LEGACY = sorted(
    path
    for path in (CORPUS / "feeds").iterdir()
    if b'encoding="utf-8"' not in path.read_bytes()[:200].lower()
    and b"encoding='utf-8'" not in path.read_bytes()[:200].lower()
    and not path.read_bytes().isascii()
    and path.suffix != ".json"
)


def test_the_corpus_has_legacy_encoded_feeds() -> None:
    assert {p.name for p in LEGACY} >= {"nfp-iconv.xml"}  # windows-1251


@pytest.mark.parametrize("path", LEGACY, ids=[p.name for p in LEGACY])
def test_corpus_legacy_encodings_read_the_same_on_both_paths(path: Path) -> None:
    data = path.read_bytes()
    for url in (None, "http://feeds.example/feed.xml"):
        fast = parse_bytes(data, url=url)
        slow = parse_feed(data, url, fast=False)
        assert [a.title for a in fast.articles] == [a.title for a in slow.articles]
        assert fast.to_json()["articles"] == slow.to_json()["articles"]
