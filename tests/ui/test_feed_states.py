"""A feed that fails, is empty or was never fetched stays in the section list with its
state, so its error can be read and `D` can remove it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsterm.config import Config, Paths
from newsterm.core.library import Library, View
from newsterm.core.model import Subscription
from newsterm.subscriptions import add
from newsterm.ui.widgets.section_list import SectionList
from tests.support.faultserver import FaultServer, running_fault_server
from tests.support.screen import main_screen, make_app, screen_text


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


def subscribe(*feeds: Subscription) -> None:
    config = Config.load()
    for feed in feeds:
        config, _ = add(config, feed)


async def test_a_failing_feed_is_listed_marked_explained_and_removable(
    server: FaultServer,
) -> None:
    missing = server.url("/status/404")
    subscribe(Subscription(missing, "Lost Gazette", ("News",)))
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        sections = screen.query_one(SectionList)
        views = [entry.view for entry in screen.library.sections()]
        feed_view = View("section", ("News", "Lost Gazette"))
        assert feed_view in views  # no stories, yet listed under its section
        assert SectionList.FAILING_MARK + "Lost Gazette" in screen_text(app)
        sections.focus()
        sections.highlighted = views.index(feed_view)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "failing since" in text and "HTTP 404 Not Found" in text
        sections.focus()
        await pilot.press("D")
        await pilot.pause()
        await pilot.press(*"yes", "enter")
        await pilot.pause()
        assert "Removed Lost Gazette" in screen_text(app)
        assert Config.load().feeds == ()
        assert feed_view not in [entry.view for entry in screen.library.sections()]


def test_every_subscription_has_a_section_and_a_state_before_any_refresh() -> None:
    feeds = (
        Subscription("http://127.0.0.1:9/a.xml", "Never Fetched", ("Local",)),
        Subscription("http://127.0.0.1:9/b.xml"),
    )
    subscribe(*feeds)
    library = Library.open_file(Paths.discover().library_file, Config.load().feeds)
    entries = {entry.view.section: entry for entry in library.sections()}
    never = entries[("Local", "Never Fetched")]
    assert never.feed is not None and never.feed.line() == "never fetched"
    assert ("Local",) in entries  # its folder too, though nothing is in it yet
    untitled = entries[("http://127.0.0.1:9/b.xml",)]
    assert untitled.total == 0 and untitled.feed is not None


async def test_a_long_section_name_is_cut_short_not_its_count_or_mark(
    server: FaultServer,
) -> None:
    long_name = "Taverncast - Happy Hour in Your Head - Since 2005"
    subscribe(Subscription(server.url("/status/500"), long_name))
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        rows = [line[:26].rstrip(" ▕") for line in screen_text(app).splitlines()]
        [row] = [row for row in rows if row.startswith(SectionList.FAILING_MARK + "Taverncast")]
        assert row.endswith("…")  # one row, cut short, mark first
        assert not any(row.startswith("in Your Head") for row in rows)  # never wrapped
