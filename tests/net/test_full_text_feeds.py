"""A `full_text = true` feed: each summary-only story gets its page once, not at every
refresh (the library already holds it), over real HTTP on 127.0.0.1."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsterm.core.library.store import Store
from newsterm.core.model import Subscription
from newsterm.core.net.fetch import Fetcher
from newsterm.core.refresh.feeds import refresh

PAGE_WORDS = "The harbour bridge reopens on Monday after two years of repairs. " * 40


class Site(ThreadingHTTPServer):
    hits: Counter[str]
    feed_title: str


class Handler(BaseHTTPRequestHandler):
    server: Site

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.server.hits[self.path] += 1
        port = self.server.server_address[1]
        if self.path == "/feed":
            body = (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>'
                f"{self.server.feed_title}</title><item><title>Bridge reopens</title>"
                f"<guid>bridge-1</guid><link>http://127.0.0.1:{port}/page</link>"
                "<description>Short summary.</description></item></channel></rss>"
            ).encode()
            kind = "application/rss+xml"
        else:
            body = (
                "<html><head><title>Bridge reopens</title></head><body><article>"
                f"<h1>Bridge reopens</h1><p>{PAGE_WORDS}</p></article></body></html>"
            ).encode()
            kind = "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site(("127.0.0.1", 0), Handler)
    server.hits, server.feed_title = Counter(), "Harbour News"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


async def test_a_story_already_kept_is_not_fetched_again(site: Site) -> None:
    url = f"http://127.0.0.1:{site.server_address[1]}/feed"
    feed = Subscription(url, full_text=True)
    store = Store()
    async with Fetcher() as fetcher:
        [first] = await refresh([feed], store, fetcher, force=True)
        site.feed_title = "Harbour News, renamed"  # the feed changed: parsed and merged again
        [second] = await refresh([feed], store, fetcher, force=True)
    assert (first.new, second.new) == (1, 0)
    assert site.hits == Counter({"/feed": 2, "/page": 1})
    [headline] = store.headlines()
    article = store.article(headline.id)
    assert article is not None and "two years of repairs" in " ".join(article.texts())
