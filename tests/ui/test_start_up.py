"""Start-up: the library is on screen first; counts and the refresh follow the first paint."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph
from newsterm.ui.screens.main import MainScreen
from tests.support.benchkit import write_config
from tests.support.screen import make_app, screen_text

FEED = "http://127.0.0.1:9/feed.xml"  # never fetched: the refresh is replaced below
TITLES = ["Harbour council approves the ferry plan", "Tram fares frozen", "Kelp survey begins"]


def _library(home: Path) -> None:
    store = Store(home / "data" / "library.sqlite")
    feed = store.ensure_feed(FEED, "Local", ("News",))
    store.save_articles(
        feed,
        [Article(title=t, guid=t, blocks=[Paragraph(f"{t}.")]) for t in TITLES],
        sections=("News", "Local"),
    )
    store.close()


async def test_start_up_refresh_begins_once_the_library_is_on_screen(
    isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _library(isolated_home)
    write_config(isolated_home, [{"url": FEED, "section": "News"}])
    started: list[tuple[str, list[str], bool]] = []

    def refresh_feeds(self: MainScreen, feeds: list[object], force: bool) -> None:
        started.append((screen_text(self.app), [f.url for f in feeds], force))  # type: ignore[attr-defined]

    monkeypatch.setattr(MainScreen, "refresh_feeds", refresh_feeds)
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        assert len(started) == 1, "the reader did not refresh its feeds at start"
        on_screen, urls, force = started[0]
        assert urls == [FEED] and force is False
        assert TITLES[0] in on_screen, "the refresh began before the headlines were painted"
        # The counts that walk the library arrive just after the first frame.
        shown = screen_text(app)
        assert "All 3" in shown and "Local 3" in shown
        assert "3 stories from your library · 3 unread" in shown
