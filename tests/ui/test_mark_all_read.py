"""`A` marks every unread story of the view read, after saying how many and asking; `u`
puts back exactly those stories (the ones read before stay read)."""

from __future__ import annotations

import contextlib
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsterm.config import Config
from newsterm.core.model import Article, Paragraph
from newsterm.ui.app import NewstermApp
from newsterm.ui.run import choose_library
from newsterm.ui.screens.ask import AskScreen
from newsterm.ui.widgets.section_list import SectionList
from tests.support.libraries import write_stories
from tests.support.screen import main_screen, screen_text

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
# (section, read): four News stories, one of them read; two Sport stories, unread.
STORIES = [("News", False), ("News", True), ("News", False), ("News", False)]
STORIES += [("Sport", False), ("Sport", False)]


def write_library(home: Path) -> Path:
    articles = [
        Article(
            title=f"Story {n}",
            url=f"https://example.org/{n}",
            guid=f"s{n}",
            sections=(section,),
            published=NOW - timedelta(hours=n + 1),
            blocks=[Paragraph(f"Body of story {n}.")],
        )
        for n, (section, _) in enumerate(STORIES)
    ]
    read = [a for a, (_, was_read) in zip(articles, STORIES, strict=True) if was_read]
    return write_stories(home, articles, read=read)


def unread_titles(path: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return {t for (t,) in db.execute("SELECT title FROM articles WHERE read = 0")}


async def test_a_marks_the_section_read_after_asking_and_u_undoes_it(isolated_home: Path) -> None:
    path = write_library(isolated_home)
    library, _ = choose_library([], Config.load())
    app = NewstermApp(library, Config.load(), clock=lambda: NOW)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        sections = screen.query_one(SectionList)
        sections.focus()
        news = next(i for i, e in enumerate(screen.sections) if e.view.section == ("News",))
        sections.highlighted = sections.get_option_index(str(news))
        await pilot.press("enter")
        await pilot.pause()
        assert screen.view.section == ("News",)

        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, AskScreen)
        assert "Mark 3 unread stories in News read?" in screen_text(app)
        await pilot.press("n", "o", "enter")  # said no: nothing changes
        await pilot.pause()
        assert unread_titles(path) == {"Story 0", "Story 2", "Story 3", "Story 4", "Story 5"}

        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y", "enter")
        await pilot.pause()
        assert unread_titles(path) == {"Story 4", "Story 5"}  # Sport is another section
        assert "Marked 3 stories in News read" in screen.status
        counts = {e.view.label: e.unread for e in screen.sections}
        assert counts["News"] == 0 and counts["Sport"] == 2 and counts["Unread"] == 2

        await pilot.press("u")
        await pilot.pause()
        assert unread_titles(path) == {"Story 0", "Story 2", "Story 3", "Story 4", "Story 5"}
        assert {e.view.label: e.unread for e in screen.sections}["News"] == 3
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing to undo" in screen.status
        assert "Story 1" not in unread_titles(path)  # read before: the undo left it read
