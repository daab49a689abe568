"""Search finds every word the reader shows, parted where the reader parts its blocks.

A refresh keeps each item's HTML and indexes its words before any block is built;
those words must be the words the reader will show: a heading and the paragraph
after it are two words apart, never one glued word, while inline tags inside a
word (`un<b>believ</b>able`) leave it whole. Every story here is parsed as a
refresh parses it and stored in a real library file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsterm.core.library import Library
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Figure, Paragraph
from newsterm.core.sources import parse_bytes
from newsterm.core.sources.budget import ParseTooSlow, parse_deadline
from newsterm.core.sources.html.kept import plain_text


def feed(*descriptions: str) -> bytes:
    """An RSS feed with one item per HTML description (escaped, as feeds carry it)."""
    from xml.sax.saxutils import escape

    items = "".join(
        f"<item><title>Story {n}</title><guid>story-{n}</guid>"
        f"<description>{escape(html)}</description></item>"
        for n, html in enumerate(descriptions)
    )
    channel = f"<channel><title>T</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def refreshed(tmp_path: Path, *descriptions: str) -> Store:
    """A library file holding the feed's items as a refresh stores them (HTML kept)."""
    document = parse_bytes(feed(*descriptions), url="http://127.0.0.1/feed.xml", defer_blocks=True)
    assert all(article.html is not None for article in document.articles)
    store = Store(tmp_path / "library.sqlite")
    feed_id = store.ensure_feed("http://127.0.0.1/feed.xml", "T")
    store.save_articles(feed_id, document.articles)
    return store


# Each case: the HTML, and the words the reader shows in separate blocks (counted by hand).
BOUNDARIES = {
    "headings and paragraphs": (
        "<h2>Budget</h2><p>Trams will run later.</p><h2>Harbour</h2><p>Lighthouse</p>",
        ["budget", "trams", "harbour", "lighthouse"],
    ),
    "line breaks": ("<p>Quayside<br>Ferries<br/>Timetable</p>",
                    ["quayside", "ferries", "timetable"]),
    "list items": ("<ul><li>Bakery</li><li>Chandlery</li></ul><ol><li>Drydock</li></ol>",
                   ["bakery", "chandlery", "drydock"]),
    "table cells": ("<table><tr><th>Pier</th><th>Berth</th></tr><tr><td>Slipway</td>"
                    "<td>Mooring</td></tr></table>", ["pier", "berth", "slipway", "mooring"]),
    "caption after an image": (
        '<figure><img src="http://127.0.0.1/a.jpg"><figcaption>Beacon</figcaption></figure>'
        "Breakwater", ["beacon", "breakwater"]),
    "paragraphs inside a div": ("<div><p>Estuary</p><p>Lagoon</p></div><div>Saltmarsh</div>",
                                ["estuary", "lagoon", "saltmarsh"]),
    "quote and code": ("<blockquote>Anchor</blockquote><pre>Buoy</pre><hr>Capstan",
                       ["anchor", "buoy", "capstan"]),
}  # fmt: skip


@pytest.mark.parametrize("case", BOUNDARIES, ids=list(BOUNDARIES))
def test_each_block_of_kept_html_is_found_by_its_own_words(tmp_path: Path, case: str) -> None:
    html, words = BOUNDARIES[case]
    store = refreshed(tmp_path, html)
    try:
        for word in words:
            assert [hit.headline.title for hit in store.search(word)] == ["Story 0"], word
    finally:
        store.close()


def test_the_issues_story_is_found_by_trams(tmp_path: Path) -> None:
    store = refreshed(
        tmp_path,
        "<h2>Budget</h2><p>Trams will run later.</p><h2>Harbour</h2><p>Lighthouse…</p>",
        "<p>Nothing about public transport here.</p>",
    )
    try:
        assert [hit.headline.title for hit in store.search("trams")] == ["Story 0"]
        assert store.search("budgettrams") == []
    finally:
        store.close()


def test_inline_tags_inside_a_word_keep_it_one_word(tmp_path: Path) -> None:
    store = refreshed(
        tmp_path,
        "<p>An un<b>believ</b>able <a href='http://127.0.0.1/x'>sea</a>wall "
        "and a <span>light</span><em>house</em>.</p>",
    )
    try:
        for word in ("unbelievable", "seawall", "lighthouse"):
            assert len(store.search(word)) == 1, word
        for fragment in ("believ", "wall", "house"):  # prefixes of no word the reader shows
            assert store.search(fragment) == [], fragment
    finally:
        store.close()


def test_what_the_reader_never_shows_is_not_searchable(tmp_path: Path) -> None:
    store = refreshed(
        tmp_path,
        "<p>Harbour</p><script>trackingpixel()</script><style>.hiddenstyle{}</style>"
        "<!-- commentword --><form><button>Subscribe</button></form>",
    )
    try:
        assert len(store.search("harbour")) == 1
        for word in ("trackingpixel", "hiddenstyle", "commentword", "subscribe"):
            assert store.search(word) == [], word
    finally:
        store.close()


def test_figure_credits_and_descriptions_are_searchable(tmp_path: Path) -> None:
    """The reader shows a figure's description and its "Credit: …" line."""
    story = Article(
        title="Storm",
        blocks=[
            Paragraph("The storm passed."),
            Figure("http://127.0.0.1/a.jpg", alt="Waves over the seawall", caption="Spray",
                   credit="Jane Photographer/Agency"),
        ],
    )  # fmt: skip
    store = Store(tmp_path / "library.sqlite")
    try:
        store.save_articles(None, [story])
        for word in ("waves", "seawall", "photographer", "agency", "spray"):
            assert [hit.headline.title for hit in store.search(word)] == ["Storm"], word
    finally:
        store.close()


def test_a_local_page_is_searchable_block_by_block(tmp_path: Path) -> None:
    """A saved page read from disk builds its blocks at once: their words part as shown."""
    page = tmp_path / "story.html"
    page.write_text(
        "<html><head><title>Harbour budget</title></head><body><article>"
        "<h1>Harbour budget</h1><h2>Budget</h2><p>Trams will run later than planned, "
        "the council said on Monday after a long meeting about the harbour.</p>"
        "<h2>Harbour</h2><p>Lighthouse keepers will stay, the council said.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    library = Library.from_paths([page])
    assert [hit.headline.title for hit in library.search("trams")] == ["Harbour budget"]
    assert [hit.headline.title for hit in library.search("lighthouse")] == ["Harbour budget"]


def test_a_hostile_item_gives_up_within_the_parse_bound() -> None:
    """Marking a million block boundaries is a loop over untrusted input: it stops in time."""
    with parse_deadline(-1.0), pytest.raises(ParseTooSlow):
        plain_text("<p>x</p>" * 1000)
