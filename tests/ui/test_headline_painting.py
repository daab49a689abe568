"""The headline pane reuses painted rows; what it shows must still follow every change.

Rows are cached by what they show, so each test changes one thing a person would
notice (the cursor, a read mark, focus, the theme, the scroll position) and reads
the screen back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rich.style import Style
from textual.pilot import Pilot

from newsterm.config import Config, Paths
from newsterm.core.library import Library
from newsterm.core.model import Article, Document, SourceInfo
from newsterm.ui.app import NewstermApp
from newsterm.ui.screens.main import MainScreen
from newsterm.ui.widgets.headline_list import READ_MARK, UNREAD_MARK, HeadlineList
from tests.support.screen import main_screen

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
STORIES = 300
SIZE = (120, 30)


def many_stories_app() -> NewstermApp:
    """300 unread stories, newest first: "Story 000" at the top."""
    articles = [
        Article(
            title=f"Story {number:03}",
            url=f"https://example.com/{number}",
            source="Example",
            published=NOW - timedelta(minutes=number),
        )
        for number in range(STORIES)
    ]
    library = Library.from_documents([Document(SourceInfo("rss"), articles)])
    return NewstermApp(library, Config(paths=Paths.discover()), clock=lambda: NOW)


def pane_rows(pilot: Pilot[None]) -> list[tuple[str, Style]]:
    """Each visible headline row as painted: its text and the style of its first cell."""
    app = pilot.app
    headlines = app.screen.query_one(HeadlineList)
    region = headlines.scrollable_content_region
    strips = app.screen._compositor.render_strips()
    rows = []
    for y in range(region.y, region.bottom):
        strip = strips[y].crop(region.x, region.right)
        first = next(iter(strip))
        rows.append((strip.text, first.style or Style()))
    return rows


def cursor_rows(pilot: Pilot[None], cursor: Style) -> list[str]:
    """Titles of the rows painted with the cursor bar."""
    return [text.strip() for text, style in pane_rows(pilot) if style.bgcolor == cursor.bgcolor]


async def started(pilot: Pilot[None]) -> tuple[MainScreen, HeadlineList, Style]:
    pilot.app.theme = "textual-dark"
    await pilot.pause()
    screen = main_screen(pilot.app)
    headlines = screen.query_one(HeadlineList)
    headlines.focus()
    await pilot.pause()
    cursor = headlines.get_component_rich_style("headline-list--cursor")
    return screen, headlines, cursor


async def test_the_cursor_bar_is_on_one_row_only_while_moving_and_scrolling() -> None:
    app = many_stories_app()
    async with app.run_test(size=SIZE) as pilot:
        _, headlines, cursor = await started(pilot)
        height = headlines.scrollable_content_region.height
        await pilot.press("down", "down")
        assert [row[:10] for row in cursor_rows(pilot, cursor)] == ["●  Story 0"]
        assert cursor_rows(pilot, cursor)[0].startswith(f"{UNREAD_MARK}  Story 002")
        for _ in range(height + 5):  # past the bottom: the pane scrolls a row per key
            await pilot.press("down")
        await pilot.pause()
        expected = f"Story {height + 7:03}"
        [only] = cursor_rows(pilot, cursor)
        assert expected in only
        assert pane_rows(pilot)[-1][0].startswith(f"{UNREAD_MARK}  {expected}")
        for _ in range(height + 5):  # and back up past the top: rows painted before return
            await pilot.press("up")
        await pilot.pause()
        [only] = cursor_rows(pilot, cursor)
        assert "Story 002" in only
        assert pane_rows(pilot)[0][0].startswith(f"{UNREAD_MARK}  Story 002")


async def test_a_row_marked_read_shows_the_read_mark_after_scrolling_away_and_back() -> None:
    app = many_stories_app()
    async with app.run_test(size=SIZE) as pilot:
        _, headlines, _ = await started(pilot)
        await pilot.press("down", "m")  # Story 001 marked read while painted
        await pilot.pause()
        assert pane_rows(pilot)[1][0].startswith(f"{READ_MARK}  Story 001")
        await pilot.press("pagedown", "pagedown", "home")
        await pilot.pause()
        rows = [text for text, _ in pane_rows(pilot)]
        assert rows[1].startswith(f"{READ_MARK}  Story 001")
        assert rows[2].startswith(f"{UNREAD_MARK}  Story 002")


async def test_leaving_the_pane_and_changing_theme_restyle_rows_already_painted() -> None:
    app = many_stories_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, headlines, _ = await started(pilot)

        def cursor_style() -> Style:
            return headlines.get_component_rich_style("headline-list--cursor", partial=True)

        await pilot.press("down")
        focused = pane_rows(pilot)[1][1]
        assert focused.color == cursor_style().color
        screen.query_one("#reader").focus()  # the cursor row changes colour without focus
        await pilot.pause()
        blurred = pane_rows(pilot)[1][1]
        assert blurred.color != focused.color
        assert blurred.color == cursor_style().color
        app.theme = "textual-light"
        await pilot.pause()
        light = pane_rows(pilot)[1][1]
        assert (light.color, light.bgcolor) != (blurred.color, blurred.bgcolor)
        assert light.color == cursor_style().color


async def test_the_scrollbar_thumb_follows_the_cursor_to_the_end() -> None:
    app = many_stories_app()
    async with app.run_test(size=SIZE) as pilot:
        _, headlines, _ = await started(pilot)
        bar = headlines.vertical_scrollbar

        def thumb_rows() -> list[int]:
            strips = app.screen._compositor.render_strips()
            x, top = bar.region.x, bar.region.y
            return [
                y - top
                for y in range(top, bar.region.bottom)
                if strips[y].crop(x, x + 1).text.strip()
                or any(seg.style and seg.style.reverse for seg in strips[y].crop(x, x + 1))
            ]

        at_top = thumb_rows()
        assert at_top and at_top[0] <= 1
        for _ in range(60):  # row by row past the bottom: the thumb moves down with them
            await pilot.press("down")
        await pilot.pause()
        moved = thumb_rows()
        assert moved and moved[0] >= at_top[0] + 2
        await pilot.press("end")
        await pilot.pause()
        at_end = thumb_rows()
        assert at_end and at_end[-1] >= bar.region.height - 2
        assert headlines.vertical_scrollbar.position == headlines.scroll_offset.y


async def test_every_row_of_the_pane_down_to_its_edge_shows_a_story() -> None:
    # Rows are cut to the pane's width, so there is nothing to scroll sideways: a
    # horizontal scrollbar only took the bottom row of every long list.
    app = many_stories_app()
    async with app.run_test(size=SIZE) as pilot:
        _, headlines, _ = await started(pilot)
        inside = headlines.content_region
        strips = app.screen._compositor.render_strips()
        rows = [
            strips[y].crop(inside.x, inside.right - 1).text for y in range(inside.y, inside.bottom)
        ]
        assert len(rows) == inside.height > 10
        assert all("Story" in row for row in rows), rows[-2:]
