"""The reader refreshes in the background: keys keep working, and the reader keeps its place.

Feeds come from the benchmark kit's serve.py (a real subprocess on 127.0.0.1), slowed
down with --latency-ms so the refresh is still running while keys are pressed.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual import events
from textual.worker import Worker, WorkerState

from newsterm.core.refresh.workers import PROCESS_POOL_FROM
from newsterm.ui.app import NewstermApp
from newsterm.ui.screens.help import HelpScreen
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from tests.support.benchkit import (
    BenchServer,
    free_port,
    generate_feeds,
    newsterm,
    start_server,
    write_config,
)
from tests.support.faultserver import FaultServer, running_fault_server
from tests.support.screen import main_screen, make_app, screen_text

# Eight feeds and the gated one: enough that the reader parses in processes, not threads.
FEEDS, ITEMS = 8, 10
OLD = 2  # feeds already refreshed once, by the CLI, before the reader opens
LATENCY_MS = 400
# One more feed, on the fault server, answers only when the test opens its gate: the
# refresh is certainly still running while keys are pressed, however slow the machine.
GATED_STORIES = 2


@dataclass
class Site:
    server: BenchServer
    files: list[Path]

    def feeds(self, files: list[Path]) -> list[dict[str, str]]:
        return [{"url": self.server.feed_url(f), "section": "News"} for f in files]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    root = tmp_path / "site"
    port = free_port()
    files = generate_feeds(root, port=port, feeds=FEEDS, items=ITEMS)
    server = start_server(root, port, latency_ms=LATENCY_MS)
    try:
        yield Site(server, files)
    finally:
        server.stop()


KEY_CHARS = {"down": None, "enter": "\r", "escape": "\x1b", "question_mark": "?"}
PROMPT = 1.0  # seconds between key and screen: past this a person thinks the key was lost


async def press(app: NewstermApp, key: str, took_effect: Callable[[], bool]) -> float:
    """Send one key as the terminal would and return how soon its effect was visible.

    Pilot.press() is not used for this: after each key it waits for the whole process to
    go idle (up to 1 s), and a refresh keeps the process busy, so it would measure the
    refresh, not the key.
    """
    driver = app._driver
    assert driver is not None
    event = events.Key(key, KEY_CHARS[key])
    event.set_sender(app)
    started = time.monotonic()
    driver.send_message(event)
    while not took_effect():
        assert time.monotonic() - started < 10, f"{key} had no effect"
        await asyncio.sleep(0.005)
    return time.monotonic() - started


def _refresh_worker(app: NewstermApp) -> Worker[None]:
    workers = [w for w in app.workers if w.group == "refresh"]
    assert len(workers) == 1, workers
    return workers[0]


def _status(app: NewstermApp) -> str:
    return str(app.screen.query_one("#status").render())


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    with running_fault_server() as server:
        yield server


async def test_keys_work_while_refreshing_and_the_reader_keeps_its_place(
    site: Site, faults: FaultServer, isolated_home: Path
) -> None:
    # An earlier refresh stored half the feeds; the other half are new subscriptions.
    old, fresh = site.files[:OLD], site.files[OLD:]
    write_config(isolated_home, site.feeds(old))
    done = newsterm(isolated_home, "refresh")
    assert done.returncode == 0, done.stderr
    gated = {"url": faults.url("/gated"), "section": "Slow"}
    write_config(isolated_home, [*site.feeds(old + fresh), gated])

    assert FEEDS + 1 >= PROCESS_POOL_FROM
    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        opened = time.monotonic()
        worker = _refresh_worker(app)
        assert worker.state == WorkerState.RUNNING
        headlines = screen.query_one(HeadlineList)
        assert len(headlines.stories) == len(old) * ITEMS
        assert headlines.cursor == 0

        took = await press(app, "down", lambda: headlines.cursor == 1)
        assert worker.state == WorkerState.RUNNING, "the key waited for the refresh"
        timings = {"down": took}

        chosen = headlines.stories[1]
        timings["enter"] = await press(
            app, "enter", lambda: screen.current is not None and screen.current.id == chosen.id
        )
        assert chosen.title[:30] in screen_text(app)
        assert worker.state == WorkerState.RUNNING, "opening a story waited for the refresh"

        timings["?"] = await press(
            app,
            "question_mark",
            lambda: isinstance(app.screen, HelpScreen) and "newsterm keys" in screen_text(app),
        )
        assert worker.state == WorkerState.RUNNING, "help waited for the refresh"
        timings["escape"] = await press(app, "escape", lambda: app.screen is screen)
        assert worker.state == WorkerState.RUNNING, "closing help waited for the refresh"
        print(timings, f"{time.monotonic() - opened:.2f} s after the reader opened")
        slow = {key: round(s, 3) for key, s in timings.items() if s > PROMPT}
        assert not slow, f"keys took effect late during a refresh: {slow}"
        assert worker.state == WorkerState.RUNNING
        faults.gate.set()

        await app.workers.wait_for_complete()
        await pilot.pause()
        assert worker.is_finished and worker.error is None
        new = len(fresh) * ITEMS + GATED_STORIES
        assert len(headlines.stories) == FEEDS * ITEMS + GATED_STORIES
        line = f"Refreshed {FEEDS + 1} feeds: {new} new"
        assert line in _status(app)
        assert line in screen_text(app)
        # The story being read is still open, and the list still points at it.
        assert screen.current is not None and screen.current.id == chosen.id
        assert screen.query_one(ArticleView).display
        assert chosen.title[:30] in screen_text(app)
        highlighted = headlines.highlighted
        assert highlighted is not None and highlighted.id == chosen.id


async def test_offline_says_so_and_shows_the_stored_stories(
    site: Site, isolated_home: Path
) -> None:
    site.server.set_latency(0)
    write_config(isolated_home, site.feeds(site.files))
    done = newsterm(isolated_home, "refresh")
    assert done.returncode == 0, done.stderr
    site.server.stop()  # nothing listens on the port any more

    app = make_app()
    async with app.run_test(size=(140, 36)) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = _status(app)
        assert status.startswith("offline: showing your library as last refreshed"), status
        assert "Refreshed" not in status
        headlines = screen.query_one(HeadlineList)
        assert len(headlines.stories) == FEEDS * ITEMS
        assert headlines.stories[0].title[:20] in screen_text(app)  # with its date, year and all
