"""Opening a story reads its stored form once: one decode, and kept HTML parsed once.

A refresh stores each item's HTML and builds its blocks only when the story is
opened. Opening used to derive the story's words from that HTML (a full parse)
and then parse it again for the blocks; the words are needed only when building
the blocks gives up. The counts here are of the real functions, wrapped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest

from newsterm.core.library import stored_story
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph
from newsterm.core.sources import parse_bytes
from newsterm.core.sources.budget import ParseTooSlow
from newsterm.core.sources.html import kept

FEED_URL = "http://127.0.0.1/feed.xml"
STORY_HTML = (
    "<h2>Budget</h2><p>Trams will run <b>later</b> on weekdays.</p>"
    '<figure><img src="http://127.0.0.1/tram.jpg" alt="A tram">'
    "<figcaption>The night tram <span>Photo: Staff</span></figcaption></figure>"
    '<ul><li>Harbour line</li><li>Hill line</li></ul><p>See <a href="http://127.0.0.1/x">'
    "the timetable</a>.</p>"
)


def feed(html: str) -> bytes:
    item = f"<item><title>Trams run later</title><guid>trams</guid><description>{escape(html)}"
    channel = f"<channel><title>T</title>{item}</description></item></channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def parsed(*, defer_blocks: bool) -> Article:
    [article] = parse_bytes(feed(STORY_HTML), url=FEED_URL, defer_blocks=defer_blocks).articles
    return article


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A library file holding the story as a refresh stores it: its HTML kept."""
    article = parsed(defer_blocks=True)
    assert article.html is not None
    opened = Store(tmp_path / "library.sqlite")
    opened.save_articles(opened.ensure_feed(FEED_URL, "T"), [article])
    yield opened
    opened.close()


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often the stored form is decoded, and the kept HTML parsed for words, for blocks."""
    counted: Counter[str] = Counter()

    def counting(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            counted[name] += 1
            return real(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(stored_story, "decode_doc", counting("decode", stored_story.decode_doc))
    monkeypatch.setattr(kept, "plain_text", counting("words", kept.plain_text))
    monkeypatch.setattr(kept, "feed_item_blocks", counting("blocks", kept.feed_item_blocks))
    return counted


def story_id(store: Store) -> str:
    [headline] = store.headlines()
    return headline.id


def test_opening_a_kept_story_decodes_it_once_and_parses_its_html_once(
    store: Store, calls: Counter[str]
) -> None:
    article = store.article(story_id(store))
    assert article is not None and article.html is None and article.blocks
    assert calls == {"decode": 1, "blocks": 1}  # no parse for words the reader never uses


def test_opening_a_story_stored_with_its_blocks_decodes_it_once(
    tmp_path: Path, calls: Counter[str]
) -> None:
    store = Store(tmp_path / "library.sqlite")
    store.save_articles(None, [parsed(defer_blocks=False)])
    calls.clear()
    assert store.article(story_id(store)) is not None
    assert calls == {"decode": 1}
    store.close()


def test_the_opened_story_is_the_story_built_at_once(store: Store) -> None:
    article = store.article(story_id(store))
    assert article is not None
    assert article.to_json() == parsed(defer_blocks=False).to_json()


def test_a_story_too_slow_to_build_shows_the_words_search_found(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Building blocks that passes its time bound falls back to the story's words, as
    they were given to the search index: derived then, since opening did not derive them."""

    def too_slow(*args: object) -> object:
        raise ParseTooSlow("took longer than 10 s to read; gave up")

    monkeypatch.setattr(kept, "feed_item_blocks", too_slow)
    article = store.article(story_id(store))
    assert article is not None
    words = kept.plain_text(STORY_HTML)
    assert "Budget Trams will run later" in words
    assert article.blocks == [Paragraph(words)]
    assert [hit.headline.id for hit in store.search("timetable")] == [article.id]


def test_a_search_hit_decodes_its_story_once(store: Store, calls: Counter[str]) -> None:
    assert [hit.snippet for hit in store.search("weekdays")]  # the words are in the snippet
    assert calls == {"decode": 1, "words": 1}
