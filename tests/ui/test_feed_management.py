"""Removing a feed and moving it to another section, from the reader (`D`, `M`)."""

from __future__ import annotations

import tomllib

from newsterm.config import Paths
from newsterm.ui.screens.main import MainScreen
from tests.support.libraries import subscribed_library
from tests.support.screen import main_screen, make_app, screen_text


def config_feeds() -> list[dict[str, object]]:
    with Paths.discover().config_file.open("rb") as handle:
        feeds = tomllib.load(handle).get("feed", [])
    assert isinstance(feeds, list)
    return feeds


async def test_move_a_feed_to_another_section() -> None:
    subscribed_library()
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("M")
        await pilot.pause()
        field = app.screen.query_one("#ask-input")
        field.value = ""  # type: ignore[attr-defined]
        await pilot.press(*"World/Europe", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "World" in text and "Europe" in text
        assert "Moved Harbour Gazette to World › Europe" in text
    assert config_feeds()[0]["section"] == "World/Europe"


async def test_remove_a_feed_keeps_nothing_but_starred_stories() -> None:
    subscribed_library()
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("s")  # star the highlighted story: it must survive
        await pilot.press("D")
        await pilot.pause()
        await pilot.press(*"yes", "enter")
        await pilot.pause()
        assert "Removed Harbour Gazette" in screen_text(app)
        assert screen.library.count() == 1
    assert config_feeds() == []


async def test_move_a_feed_to_the_top_takes_it_out_of_its_section() -> None:
    subscribed_library()
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        app.screen.query_one("#ask-input").value = ""  # type: ignore[attr-defined]
        await pilot.press("enter")
        await pilot.pause()
        assert "Moved Harbour Gazette to the top" in screen_text(app)
    assert "section" not in config_feeds()[0]  # the next run shows it where it was moved


async def test_removing_a_feed_closes_its_open_story() -> None:
    subscribed_library()
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("enter")  # open the highlighted story
        await pilot.pause()
        assert screen.current is not None
        opened = screen.current.title
        await pilot.press("D")
        await pilot.pause()
        await pilot.press(*"yes", "enter")
        await pilot.pause()
        text = screen_text(app)
        assert "this story went with it" in text
        assert f"Body of story {opened[-1]}." not in text
        assert screen.current is None
