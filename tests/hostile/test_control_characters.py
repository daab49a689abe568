"""One control character in one paragraph of a page must not cost the story its words.

Each test takes a real article page from the corpus, puts one control character (raw
or as a character reference) into one paragraph, and reads it the way a person would
meet it: `newsterm cat` of the saved page, a full-text fetch over 127.0.0.1, starring a
summary-only story in the reader, and a refreshed story whose HTML was kept. The body
must hold as many words as the untouched page gives (and as Readability's expected
output for that page holds), and none of the control characters.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from newsterm.config import Config, Paths
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph, Subscription, block_to_json
from newsterm.core.net.fetch import Fetcher
from newsterm.core.refresh.fulltext import full_text
from newsterm.core.sources import parse_bytes
from newsterm.core.sources.html.kept import complete_article
from newsterm.subscriptions import add
from tests.conftest import CORPUS
from tests.support.screen import main_screen, make_app

ARTICLES = CORPUS / "articles"
# Pages whose extraction failed outright on one control character (1,876 and 1,157 words).
PAGES = ("rdb-engadget", "rdb-la-nacion")
CHARACTERS = {"ref-1": b"&#1;", "esc": b"\x1b", "bel": b"\x07", "soh": b"\x01"}
SLACK = 3  # words: a character glued between two words may join them
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def page_bytes(name: str) -> bytes:
    return (ARTICLES / f"{name}.source.html").read_bytes()


def with_character(data: bytes, character: bytes) -> bytes:
    """The page with `character` put between two words in the middle of its first long <p>."""
    for opening in re.finditer(rb"<p[ >]", data):
        start = data.index(b">", opening.start()) + 1
        end = data.index(b"</p>", start)
        if end - start > 200:
            middle = data.rindex(b" ", start, (start + end) // 2)
            return data[:middle] + character + data[middle:]
    raise AssertionError("no long paragraph in the page")


def readability_words(name: str) -> int:
    """Words in Readability's expected output for the page (counted by lxml, not newsterm)."""
    expected = (ARTICLES / f"{name}.expected.html").read_bytes()
    return len(lxml.html.fromstring(expected).text_content().split())


def clean_page_words(name: str) -> int:
    return parse_bytes(page_bytes(name)).articles[0].word_count


def assert_keeps_the_story(name: str, words: int, texts: list[str]) -> None:
    assert abs(words - clean_page_words(name)) <= SLACK
    assert abs(words - readability_words(name)) <= 0.05 * readability_words(name)
    assert not any(CONTROL.search(text) for text in texts)


def block_texts(article: Article) -> list[str]:
    return [str(block_to_json(block)) for block in article.blocks]


# ---------------------------------------------------------------- newsterm cat of a saved page


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("character", CHARACTERS.values(), ids=CHARACTERS.keys())
def test_cat_of_a_saved_page_keeps_its_words(tmp_path: Path, name: str, character: bytes) -> None:
    path = tmp_path / f"{name}.html"
    path.write_bytes(with_character(page_bytes(name), character))
    result = subprocess.run(
        [sys.executable, "-m", "newsterm", "cat", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    [clean] = parse_bytes(page_bytes(name)).to_json()["articles"]
    assert abs(json_words(article) - json_words(clean)) <= SLACK
    assert abs(json_words(article) - readability_words(name)) <= 0.05 * readability_words(name)
    assert not CONTROL.search(result.stdout.replace("\n", " "))


def json_words(article: dict[str, Any]) -> int:
    """Words of the body blocks of `cat --json` (paragraphs, headings, quotes, lists)."""
    texts = [" ".join(b.get("items", [])) or b.get("text", "") for b in article["blocks"]]
    return sum(len(text.split()) for text in texts)


# ---------------------------------------------------------------- a page fetched over HTTP


class PageServer(ThreadingHTTPServer):
    page: bytes


class PageHandler(BaseHTTPRequestHandler):
    server: PageServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        body = self.server.page
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def page_server() -> Iterator[PageServer]:
    server = PageServer(("127.0.0.1", 0), PageHandler)
    server.page = b""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def summary_only(url: str) -> Article:
    return Article(
        title="A summary-only story",
        url=url,
        guid="summary-only-1",
        published=datetime(2026, 11, 20, tzinfo=UTC),
        blocks=[Paragraph("Only a short summary of the story.")],
    )


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("character", CHARACTERS.values(), ids=CHARACTERS.keys())
async def test_full_text_fetch_keeps_the_page_words(
    page_server: PageServer, name: str, character: bytes
) -> None:
    page_server.page = with_character(page_bytes(name), character)
    url = f"http://127.0.0.1:{page_server.server_address[1]}/story"
    async with Fetcher() as fetcher:
        fuller = await full_text(fetcher, summary_only(url))
    assert fuller is not None
    assert_keeps_the_story(name, fuller.word_count, block_texts(fuller))


# ---------------------------------------------------------------- starring in the reader


async def test_starring_a_summary_only_story_keeps_its_page_in_full(
    page_server: PageServer,
) -> None:
    name = PAGES[0]
    page_server.page = with_character(page_bytes(name), b"\x1b")
    url = f"http://127.0.0.1:{page_server.server_address[1]}/story"
    feed = "http://127.0.0.1:9/closed-port-feed.xml"  # the feed itself stays offline
    add(Config.load(), Subscription(feed, "Gadget News", ("Tech",)))
    store = Store(Paths.discover().library_file)
    store.save_articles(
        store.ensure_feed(feed, "Gadget News", ("Tech",)),
        [summary_only(url)],
        sections=("Tech", "Gadget News"),
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [headline] = screen.library.store.headlines()
        kept = screen.library.store.article(headline.id)
    assert kept is not None
    assert_keeps_the_story(name, kept.word_count, block_texts(kept))


# ---------------------------------------------------------------- a refreshed story's kept HTML


def feed_with_body(html: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Gadget News</title><link>http://gadgets.example/</link><item>"
        "<title>A story kept as HTML</title><link>http://gadgets.example/story</link>"
        f"<guid>kept-1</guid><description>{escape(html)}</description></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("reference", ["&#1;", "&#x001b;"])
def test_a_kept_story_opened_keeps_its_words(name: str, reference: str) -> None:
    body = (ARTICLES / f"{name}.expected.html").read_bytes()
    dirty = with_character(body, reference.encode()).decode("utf-8")
    [clean] = parse_bytes(feed_with_body(body.decode("utf-8")), defer_blocks=True).articles
    [kept] = parse_bytes(feed_with_body(dirty), defer_blocks=True).articles
    assert abs(kept.word_count - clean.word_count) <= SLACK  # the words search and sizes see
    opened = complete_article(kept)
    assert abs(opened.word_count - complete_article(clean).word_count) <= SLACK
    assert not any(CONTROL.search(text) for text in block_texts(opened))
