"""The reader's network work from its keys: `a` checks and adds a feed, `s` keeps a page.

Real sockets on 127.0.0.1: the fault server for feeds, and a small HTTP server for a
story's page. What the workers find reaches the screen as messages, so these follow
each from the key to what is on screen and in config.toml and the library.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from newsterm.config import Config, Paths
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph, Subscription
from newsterm.subscriptions import add
from newsterm.ui.app import NewstermApp
from newsterm.ui.screens.add_feed import AddFeedScreen
from tests.support.faultserver import FaultServer, running_fault_server
from tests.support.libraries import FEED, subscribed_library
from tests.support.screen import main_screen, make_app, screen_text

SIZE = (160, 36)
CLOSED = "http://127.0.0.1:9/feed.xml"  # nothing listens: the start-up refresh fails fast
WORDS = " ".join(["The harbour ferry plan was approved after a long debate."] * 40)
PAGE = f"""<!doctype html><html><head><title>Ferry plan approved</title></head><body>
<article><h1>Ferry plan approved</h1>{"".join(f"<p>{WORDS}</p>" for _ in range(3))}</article>
</body></html>"""


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    with running_fault_server() as server:
        yield server


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """The files of `folder` over HTTP on 127.0.0.1; yields the base URL."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def status(app: NewstermApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def config_feeds() -> list[dict[str, object]]:
    with Paths.discover().config_file.open("rb") as handle:
        feeds = tomllib.load(handle).get("feed", [])
    assert isinstance(feeds, list)
    return feeds


async def until(check: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "it did not happen in time"
        await asyncio.sleep(0.05)


async def test_a_checks_the_feed_adds_it_under_its_section_and_refreshes_it(
    faults: FaultServer,
) -> None:
    subscribed_library()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("a")
        assert isinstance(app.screen, AddFeedScreen)
        await pilot.press(*faults.url("/feed"), "enter", *"Wire", "enter")
        assert app.screen is screen
        await until(lambda: "Refreshed 1 feed: 2 new" in status(app))
        await pilot.pause()
        text = screen_text(app)
        assert "Wire" in text and "First story" in text
    assert [feed["url"] for feed in config_feeds()] == [FEED, faults.url("/feed")]
    assert config_feeds()[1]["section"] == "Wire"


async def test_a_with_a_page_that_is_no_feed_adds_nothing_and_says_why(
    faults: FaultServer,
) -> None:
    subscribed_library()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("a", *faults.url("/not-a-feed"), "enter", "enter")
        await until(lambda: status(app).startswith("Not added: "))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert status(app).startswith("Not added: ")
    assert [feed["url"] for feed in config_feeds()] == [FEED]


async def test_starring_a_summary_keeps_its_page_for_reading_offline(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "ferry.html").write_text(PAGE, encoding="utf-8")
    with serving(site) as base:
        config = Config.load()
        add(config, Subscription(CLOSED, "Harbour Gazette", ("News",)))
        store = Store(Paths.discover().library_file)
        feed = store.ensure_feed(CLOSED, "Harbour Gazette", ("News",))
        summary = Article(
            title="Ferry plan approved",
            url=f"{base}/ferry.html",
            guid="ferry",
            blocks=[Paragraph("The council approved the ferry plan.")],
        )
        store.save_articles(feed, [summary], sections=("News", "Harbour Gazette"))
        store.close()
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = main_screen(app)
            await pilot.press("enter", "s")  # open it, then star it
            await until(lambda: "kept in full for offline reading" in status(app))
            assert status(app) == "Starred and kept in full for offline reading: " + summary.title
            kept = app.library.get(summary.id)
            assert kept is not None and kept.word_count > 250
            assert screen.current is not None and screen.current.word_count == kept.word_count
            assert "after a long debate" in screen_text(app)  # the reader shows the page now


def feed_story(base: str, words: int) -> Article:
    """One story of a subscribed feed, whose page is `ferry.html` under `base`."""
    config = Config.load()
    add(config, Subscription(CLOSED, "Harbour Gazette", ("News",)))
    store = Store(Paths.discover().library_file)
    feed = store.ensure_feed(CLOSED, "Harbour Gazette", ("News",))
    text = " ".join(["The council approved the ferry plan."] * (words // 6))
    story = Article(
        title="Ferry plan approved",
        url=f"{base}/ferry.html",
        guid="ferry",
        blocks=[Paragraph(text)],
    )
    store.save_articles(feed, [story], sections=("News", "Harbour Gazette"))
    store.close()
    return story


async def open_the_story(app: NewstermApp, pilot: Pilot[None]) -> None:
    """Once the start-up refresh is over, the highlighted (only) story opened."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def reader_version(app: NewstermApp) -> str:
    line = app.screen.query_one("#article-version", Static)
    return str(line.render()) if line.display else ""


async def test_x_fetches_the_page_of_any_story_keeps_it_and_switches_texts(
    tmp_path: Path,
) -> None:
    from newsterm.ui.story_version import FEED_TEXT, FROM_PAGE, SHOW_FEED_TEXT

    site = tmp_path / "site"
    site.mkdir()
    (site / "ferry.html").write_text(PAGE, encoding="utf-8")
    with serving(site) as base:
        story = feed_story(base, words=300)  # not a teaser: x fetches it all the same
        app = make_app()
        async with app.run_test(size=SIZE) as pilot:
            await open_the_story(app, pilot)
            assert reader_version(app) == ""  # the feed's text is all there is
            await pilot.press("x")
            await until(lambda: "kept for offline reading" in status(app))
            await pilot.pause()
            assert reader_version(app) == FROM_PAGE + SHOW_FEED_TEXT
            assert "after a long debate" in screen_text(app)
    # The site is gone: switching texts is the library's work, not the network's.
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_the_story(app, pilot)
        assert reader_version(app) == FROM_PAGE + SHOW_FEED_TEXT  # kept across runs
        assert "after a long debate" in screen_text(app)
        await pilot.press("x")
        await pilot.pause()
        assert reader_version(app) == FEED_TEXT
        shown = screen_text(app)
        assert "after a long debate" not in shown and "approved the ferry plan" in shown
        await pilot.press("x")
        await pilot.pause()
        assert reader_version(app) == FROM_PAGE + SHOW_FEED_TEXT
        assert "after a long debate" in screen_text(app)
    kept = Store(Paths.discover().library_file).article(story.id)
    assert kept is not None and kept.from_page and kept.word_count > 300  # more than the feed


async def test_x_with_the_site_unreachable_says_so_and_keeps_the_summary() -> None:
    from newsterm.ui.story_version import SUMMARY

    story = feed_story("http://127.0.0.1:9", words=12)  # nothing listens on port 9
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_the_story(app, pilot)
        assert reader_version(app) == SUMMARY
        await pilot.press("x")
        await until(lambda: status(app).startswith("Could not fetch the full article: "))
        assert reader_version(app) == SUMMARY
    kept = Store(Paths.discover().library_file).article(story.id)
    assert kept is not None and not kept.from_page
