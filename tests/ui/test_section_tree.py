"""The section list as a tree: a section with sections or feeds under it folds to one line
(`left`) and unfolds (`right`), remembered for the next run; `A` in the section list
marks the highlighted section or feed read, whichever view is listed."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from newsterm.config import Config
from newsterm.core.model import Article, Paragraph
from newsterm.ui.app import NewstermApp
from newsterm.ui.run import choose_library
from newsterm.ui.screens.ask import AskScreen
from newsterm.ui.screens.main import MainScreen
from newsterm.ui.widgets.keyed_list import KeyedList
from newsterm.ui.widgets.section_list import SectionList
from tests.support.libraries import write_stories
from tests.support.screen import main_screen, screen_text

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
PLACES = [("News", "Harbour Gazette"), ("News", "Tide Post"), ("News", "Tide Post"), ("Sport",)]


def write_library(home: Path) -> Path:
    articles = [
        Article(
            title=f"Story {n}",
            url=f"https://example.org/{n}",
            sections=place,
            published=NOW - timedelta(hours=n + 1),
            blocks=[Paragraph(f"Body of story {n}.")],
        )
        for n, place in enumerate(PLACES)
    ]
    return write_stories(home, articles)


def the_app() -> NewstermApp:
    library, _ = choose_library([], Config.load())
    return NewstermApp(library, Config.load(), clock=lambda: NOW)


def shown(sections: SectionList) -> list[str]:
    """The section list's lines as painted, counts and marks included."""
    return [str(sections.get_option_at_index(i).prompt) for i in range(sections.option_count)]


async def in_sections(pilot: Pilot[None], name: str) -> tuple[MainScreen, SectionList]:
    """The section list focused, with the entry named `name` highlighted."""
    await pilot.pause()
    screen = main_screen(pilot.app)
    sections = screen.query_one(SectionList)
    sections.focus()
    sections.highlighted = next(i for i, line in enumerate(shown(sections)) if name in line)
    await pilot.pause()
    return screen, sections


async def test_left_folds_a_section_right_unfolds_it_and_the_next_run_remembers(
    isolated_home: Path,
) -> None:
    write_library(isolated_home)
    async with the_app().run_test(size=(120, 36)) as pilot:
        _, sections = await in_sections(pilot, "News")
        lines = shown(sections)
        assert "▾ News 3/3" in lines
        assert any("Tide Post 2/2" in line for line in lines)
        await pilot.press("left")
        await pilot.pause()
        lines = shown(sections)
        assert not any("Tide Post" in line or "Harbour Gazette" in line for line in lines)
        assert "▸ News 3/3" in lines  # its count is all of it
        assert any("Sport 1/1" in line for line in lines)
        await pilot.press("right")
        await pilot.pause()
        assert any("Tide Post" in line for line in shown(sections))
        sections.highlighted = next(i for i, s in enumerate(shown(sections)) if "Tide" in s)
        await pilot.press("left")  # on a feed: up to its section, nothing folded
        await pilot.pause()
        assert "News" in shown(sections)[sections.highlighted or 0]
        assert any("Tide Post" in line for line in shown(sections))
        await pilot.press("left")
        await pilot.pause()

    async with the_app().run_test(size=(120, 36)) as pilot:
        _, sections = await in_sections(pilot, "News")
        assert not any("Tide Post" in line for line in shown(sections))


async def test_a_in_the_section_list_marks_the_highlighted_feed_read(isolated_home: Path) -> None:
    path = write_library(isolated_home)
    async with the_app().run_test(size=(120, 36)) as pilot:
        screen, _ = await in_sections(pilot, "Tide Post")
        assert screen.view.label == "All"  # highlighted, not chosen: All is still listed
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(pilot.app.screen, AskScreen)
        assert "Mark 2 unread stories in News › Tide Post read?" in screen_text(pilot.app)
        await pilot.press("y", "enter")
        await pilot.pause()
    with contextlib.closing(sqlite3.connect(path)) as db:
        unread = {t for (t,) in db.execute("SELECT title FROM articles WHERE read = 0")}
    assert unread == {"Story 0", "Story 3"}  # the Gazette's and Sport's stay unread


async def test_a_view_from_config_lists_what_its_query_says(isolated_home: Path) -> None:
    write_library(isolated_home)
    config = isolated_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(
        '[[view]]\nname = "Tide this week"\n'
        "query = 'unread section:\"News/Tide Post\" newer:7d'\n"
        '[[view]]\nname = "Broken"\nquery = "unread auther:x"\n',
        encoding="utf-8",
    )
    async with the_app().run_test(size=(120, 36)) as pilot:
        screen, sections = await in_sections(pilot, "Tide this week")
        lines = shown(sections)
        assert lines.index("Tide this week 2/2") == 4  # after the four views, before News
        assert not any("Broken" in line for line in lines)
        notes = [note.message for note in pilot.app._notifications]
        assert any('view "Broken": query' in n and 'unknown field "auther:"' in n for n in notes)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.label == "Tide this week"
        titles = [s.title for s in screen.query_one("HeadlineList").stories]
        assert titles == ["Story 1", "Story 2"]


async def test_f_narrows_the_view_as_you_type_and_a_marks_what_is_listed(
    isolated_home: Path,
) -> None:
    path = write_library(isolated_home)
    async with the_app().run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(pilot.app)

        def titles() -> list[str]:
            stories = screen.query_one("HeadlineList").stories
            return [stories[i].title for i in range(len(stories))]

        assert len(titles()) == 4
        await pilot.press("f", *"section:")
        await pilot.pause()
        # Each letter narrowed the list ("sect…" are words to look for), then "section:"
        # cannot be read: one line says why, and the list stays as the last query left it.
        assert screen.status.startswith('Filter: "section:" needs a value')
        assert titles() == []
        await pilot.press(*"sport")
        await pilot.pause()
        assert titles() == ["Story 3"] and screen.status == "All, filtered: 1 story"
        await pilot.press("enter")  # kept: back in the headlines, the filter still shown
        await pilot.pause()
        assert screen.query_one("HeadlineList").has_focus
        assert "section:sport" in screen_text(pilot.app)
        await pilot.press("A")
        await pilot.pause()
        assert "Mark 1 unread story in All (filtered) read?" in screen_text(pilot.app)
        await pilot.press("y", "enter")
        await pilot.pause()
        await pilot.press("f", "escape")  # cleared: every story again
        await pilot.pause()
        assert len(titles()) == 4 and "section:sport" not in screen_text(pilot.app)
    with contextlib.closing(sqlite3.connect(path)) as db:
        read = {t for (t,) in db.execute("SELECT title FROM articles WHERE read = 1")}
    assert read == {"Story 3"}  # only what the filter listed


async def test_j_and_k_move_in_the_section_list_and_the_search_results(
    isolated_home: Path,
) -> None:
    write_library(isolated_home)
    async with the_app().run_test(size=(120, 36)) as pilot:
        _, sections = await in_sections(pilot, "All")
        await pilot.press("j", "j")
        await pilot.pause()
        assert shown(sections)[sections.highlighted or 0].startswith("Today")
        await pilot.press("k")
        await pilot.pause()
        assert shown(sections)[sections.highlighted or 0].startswith("Unread")
        await pilot.press("slash", *"story", "down", "j")
        await pilot.pause()
        results = pilot.app.screen.query_one("#search-results", KeyedList)
        assert results.has_focus and results.highlighted == 1
