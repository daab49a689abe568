"""Marking a story moves the section list's numbers by one, without counting the library.

The expected numbers are counted here, independently, from the library file with
sqlite3; every SQL statement the reader runs while marking is recorded on the
library's own connection, so a COUNT (a recount) or a page of headlines read
again (a dropped page) would show.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from newsterm.config import Config
from newsterm.core.library import SectionEntry
from newsterm.core.model import Article, Paragraph
from newsterm.ui.app import NewstermApp
from newsterm.ui.run import choose_library
from newsterm.ui.screens.main import MainScreen
from newsterm.ui.widgets.headline_list import READ_MARK, STAR_MARK, UNREAD_MARK, HeadlineList
from newsterm.ui.widgets.section_list import SectionList
from tests.support.libraries import write_stories
from tests.support.screen import main_screen

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
SIZE = (140, 36)
SEPARATOR = "\x1f"  # how the library file joins a section path
# (sections, hours old): newest first, as the headlines list them.
STORIES = [
    (("News", "Local"), 1),
    (("News", "World"), 3),
    (("Culture",), 5),
    (("News", "Local"), 30),
    (("News", "World"), 40),
    (("Culture", "Film"), 50),
    (("Sport",), 70),
]
Counts = dict[str, tuple[int, int]]


def write_library(home: Path) -> Path:
    """Seven stories in nested sections, three of them from the last 24 hours."""
    articles = [
        Article(
            title=f"Story {n}",
            url=f"https://example.org/{n}",
            guid=f"s{n}",
            sections=sections,
            published=NOW - timedelta(hours=hours),
            blocks=[Paragraph(f"Body of story {n}.")],
        )
        for n, (sections, hours) in enumerate(STORIES)
    ]
    return write_stories(home, articles, read=[articles[5]], starred=[articles[4]])


def counted_from_file(path: Path) -> Counts:
    """(total, unread) of every view and section, counted from the file's rows."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        rows = db.execute("SELECT section_path, read, starred, published FROM articles").fetchall()
    since = (NOW - timedelta(hours=24)).timestamp()
    totals: Counter[str] = Counter()
    unread: Counter[str] = Counter()
    for section_path, read, starred, published in rows:
        parts = section_path.split(SEPARATOR)
        views = ["All", "Unread"] if not read else ["All"]
        views += ["Today"] * (published >= since) + ["Starred"] * starred
        views += [" › ".join(parts[:depth]) for depth in range(1, len(parts) + 1)]
        for view in views:
            totals[view] += 1
            unread[view] += not read
    for view in ("All", "Unread", "Today", "Starred"):
        totals[view] += 0
    return {view: (totals[view], unread[view]) for view in totals}


def listed(screen: MainScreen) -> Counts:
    entries: tuple[SectionEntry, ...] = screen.sections
    return {entry.view.label: (entry.total, entry.unread) for entry in entries}


def painted_numbers(screen: MainScreen) -> list[tuple[int, int]]:
    """The unread/total numbers each row of the section list shows, top to bottom."""
    sections = screen.query_one(SectionList)
    prompts = [str(sections.get_option_at_index(i).prompt) for i in range(sections.option_count)]
    counts = [p.split()[-1].split("/") for p in prompts]
    return [(int(unread), int(total)) for unread, total in counts]


def headline_rows(screen: MainScreen) -> list[str]:
    """Each painted row of the headline pane, as text."""
    region = screen.query_one(HeadlineList).scrollable_content_region
    strips = screen._compositor.render_strips()
    rows = [strips[y].crop(region.x, region.right).text for y in range(region.y, region.bottom)]
    return [row for row in rows if row.strip()]


def changed(before: Counts, after: Counts) -> Counts:
    """What moved, and by how much: {view: (total delta, unread delta)}."""
    deltas = {v: (after[v][0] - before[v][0], after[v][1] - before[v][1]) for v in after}
    return {view: delta for view, delta in deltas.items() if delta != (0, 0)}


@contextlib.contextmanager
def statements(app: NewstermApp) -> Iterator[list[str]]:
    """Every SQL statement run on the library's connection meanwhile."""
    seen: list[str] = []
    db = app.library.store.db
    db.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        db.set_trace_callback(None)


def no_count_and_no_page(seen: list[str]) -> None:
    assert not [s for s in seen if "count(" in s.lower()], seen
    assert not [s for s in seen if "ORDER BY published DESC" in s], "a page was read again"


def the_app() -> NewstermApp:
    config = Config.load()
    library, _ = choose_library([], config)
    return NewstermApp(library, config, clock=lambda: NOW)


async def started(pilot: Pilot[None]) -> tuple[MainScreen, HeadlineList]:
    await pilot.pause()
    screen = main_screen(pilot.app)
    headlines = screen.query_one(HeadlineList)
    headlines.focus()
    await pilot.pause()
    return screen, headlines


async def test_m_and_s_move_the_numbers_by_one_where_the_story_is_listed(
    isolated_home: Path,
) -> None:
    path = write_library(isolated_home)
    app = the_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, headlines = await started(pilot)
        before = counted_from_file(path)
        assert listed(screen) == before  # the first count, after the first paint

        with statements(app) as seen:
            await pilot.press("m")  # Story 0: News › Local, an hour old, unread
            await pilot.pause()
        after = counted_from_file(path)
        assert listed(screen) == after
        assert changed(before, after) == {
            "All": (0, -1),
            "Unread": (-1, -1),
            "Today": (0, -1),
            "News": (0, -1),
            "News › Local": (0, -1),
        }
        assert painted_numbers(screen) == [(e.unread, e.total) for e in screen.sections]
        no_count_and_no_page(seen)
        assert headline_rows(screen)[0].startswith(f"{READ_MARK}  Story 0")

        before = after
        with statements(app) as seen:
            await pilot.press("down", "down", "s")  # Story 2: Culture, five hours old, unread
            await pilot.pause()
        after = counted_from_file(path)
        assert listed(screen) == after
        assert changed(before, after) == {"Starred": (1, 1)}
        no_count_and_no_page(seen)
        assert headline_rows(screen)[2].startswith(f"{UNREAD_MARK}{STAR_MARK} Story 2")  # both

        before = after
        with statements(app) as seen:
            await pilot.press("down", "down", "enter")  # opening Story 4 marks it read
            await pilot.pause()
        assert screen.current is not None and screen.current.title == "Story 4"
        after = counted_from_file(path)
        assert listed(screen) == after
        assert changed(before, after) == {  # 40 hours old and starred: not Today, Starred
            "All": (0, -1),
            "Unread": (-1, -1),
            "Starred": (0, -1),
            "News": (0, -1),
            "News › World": (0, -1),
        }
        no_count_and_no_page(seen)


async def test_marking_in_the_unread_view_keeps_the_list_whole(isolated_home: Path) -> None:
    """The story marked read stays listed, marked, until the view is listed again; the
    pages are not read again (one read again had a story fewer than the list's length)."""
    path = write_library(isolated_home)
    app = the_app()
    async with app.run_test(size=SIZE) as pilot:
        screen, headlines = await started(pilot)
        screen.query_one(SectionList).focus()
        await pilot.press("down", "enter")  # Unread
        await pilot.pause()
        assert len(headlines.stories) == 6
        with statements(app) as seen:
            await pilot.press("down", "m", "end")
            await pilot.pause()
        assert app.is_running and main_screen(app) is screen
        rows = headline_rows(screen)
        assert [re.findall(r"Story \d", row) for row in rows] == [
            [f"Story {n}"] for n in (0, 1, 2, 3, 4, 6)
        ]
        assert rows[1].startswith(f"{READ_MARK}  Story 1")
        assert listed(screen) == counted_from_file(path)
        assert listed(screen)["Unread"] == (5, 5)
        no_count_and_no_page(seen)
