"""Getting through the unread with the keyboard: `N`/`P` open the next or previous unread
story of the list, skipping the read ones; `space` pages down the open story and, at its
end, opens the next unread one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from newsterm.config import Config
from newsterm.core.model import Article, Block, Paragraph
from newsterm.ui.app import NewstermApp
from newsterm.ui.run import choose_library
from newsterm.ui.screens.main import MainScreen
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from tests.support.libraries import write_stories
from tests.support.screen import main_screen

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
SIZE = (120, 36)
# Newest first as listed; the last two are undated (listed last, in the order stored).
Story = tuple[str, int | None, bool]  # title, hours old (None: undated), read
STORIES: list[Story] = [("Story 0", 1, False), ("Story 1", 2, True), ("Story 2", 3, True)]
STORIES += [("Story 3", 4, False), ("Story 4", None, False), ("Story 5", None, True)]
LONG: list[Block] = [
    Paragraph(f"Paragraph {n} of the long story, which goes on for a while.") for n in range(80)
]


def write_library(home: Path) -> None:
    articles = [
        Article(
            title=title,
            url=f"https://example.org/{n}",
            guid=f"s{n}",
            sections=("News",),
            published=NOW - timedelta(hours=hours) if hours is not None else None,
            blocks=LONG if n == 0 else [Paragraph(f"Body of {title}.")],
        )
        for n, (title, hours, _) in enumerate(STORIES)
    ]
    read = [a for a, (*_, was_read) in zip(articles, STORIES, strict=True) if was_read]
    write_stories(home, articles, read=read)


def the_app() -> NewstermApp:
    library, _ = choose_library([], Config.load())
    return NewstermApp(library, Config.load(), clock=lambda: NOW)


async def started(pilot: Pilot[None]) -> MainScreen:
    await pilot.pause()
    screen = main_screen(pilot.app)
    screen.query_one(HeadlineList).focus()
    await pilot.pause()
    return screen


def opened(screen: MainScreen) -> str | None:
    return screen.current.title if screen.current else None


async def test_space_reads_to_the_end_then_opens_the_next_unread(isolated_home: Path) -> None:
    write_library(isolated_home)
    async with the_app().run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("N")  # the highlighted story is unread: it is the next one
        await pilot.pause()
        assert opened(screen) == "Story 0"
        reader = screen.query_one(ArticleView)
        pages = 0
        while opened(screen) == "Story 0" and pages < 50:
            await pilot.press("space")
            await pilot.pause()
            pages += 1
        assert pages > 2  # the long story took pages to read, not one key
        assert opened(screen) == "Story 3"  # Story 1 and 2 were read: skipped
        assert reader.scroll_y == 0  # the next story starts at its top
        await pilot.press("N")
        await pilot.pause()
        assert opened(screen) == "Story 4"  # undated, listed after the dated ones
        await pilot.press("N")
        await pilot.pause()
        assert opened(screen) == "Story 4"
        assert "No unread stories below" in screen.status


async def test_shift_p_goes_back_up_through_the_unread_only(isolated_home: Path) -> None:
    write_library(isolated_home)
    async with the_app().run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("end", "enter")  # Story 5, read and undated, the last row
        await pilot.pause()
        assert opened(screen) == "Story 5"
        for expected in ("Story 4", "Story 3", "Story 0"):
            await pilot.press("P")
            await pilot.pause()
            assert opened(screen) == expected
        await pilot.press("P")
        await pilot.pause()
        assert opened(screen) == "Story 0"
        assert "No unread stories above" in screen.status


def listed_titles(screen: MainScreen) -> list[str]:
    stories = screen.query_one(HeadlineList).stories
    return [stories[i].title for i in range(len(stories))]


async def test_h_hides_read_stories_keeps_the_open_one_and_is_remembered(
    isolated_home: Path,
) -> None:
    write_library(isolated_home)
    async with the_app().run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        assert len(listed_titles(screen)) == 6
        await pilot.press("H")
        await pilot.pause()
        assert listed_titles(screen) == ["Story 0", "Story 3", "Story 4"]
        assert "read stories hidden" in screen.status
        await pilot.press("enter")  # Story 0 is read now, and open
        await pilot.pause()
        await pilot.press("g", "g")  # listed again twice: the open story stays
        await pilot.pause()
        assert listed_titles(screen) == ["Story 0", "Story 3", "Story 4"]

    async with the_app().run_test(size=SIZE) as pilot:  # the next run remembers
        screen = await started(pilot)
        assert listed_titles(screen) == ["Story 3", "Story 4"]
        await pilot.press("H")
        await pilot.pause()
        assert len(listed_titles(screen)) == 6


async def test_the_next_run_goes_back_to_the_story_and_where_it_was_left(
    isolated_home: Path,
) -> None:
    write_library(isolated_home)
    async with the_app().run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("enter", "space", "space")  # Story 0, two pages down
        await pilot.pause()
        reader = screen.query_one(ArticleView)
        left_at = reader.scroll_y
        assert left_at > 0 and not reader.at_end
        await pilot.press("n")
        await pilot.pause()
        assert opened(screen) == "Story 1"

    async with the_app().run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        await pilot.press("backspace")  # the history survived the restart
        await pilot.pause()
        await pilot.pause()
        assert opened(screen) == "Story 0"
        assert screen.query_one(ArticleView).scroll_y == left_at


SORTED = [("Quay", "Tide Post", 1, True), ("Ferry", "alpha Times", 2, False)]
SORTED += [("Bridge", "Tide Post", 3, False), ("Storm", "alpha Times", None, True)]


def write_sorting_library(home: Path) -> None:
    articles = [
        Article(
            title=title,
            url=f"https://example.org/{title}",
            source=source,
            sections=("News",),
            published=NOW - timedelta(hours=hours) if hours is not None else None,
            blocks=[Paragraph(f"Body of {title}.")],
        )
        for title, source, hours, _ in SORTED
    ]
    read = [a for a, story in zip(articles, SORTED, strict=True) if story[3]]
    write_stories(home, articles, read=read)


async def test_s_sorts_the_view_four_ways_and_each_view_remembers_its_own(
    isolated_home: Path,
) -> None:
    write_sorting_library(isolated_home)
    async with the_app().run_test(size=SIZE) as pilot:
        screen = await started(pilot)
        assert listed_titles(screen) == ["Quay", "Ferry", "Bridge", "Storm"]  # newest first
        orders = []
        for _ in range(4):
            await pilot.press("S")
            await pilot.pause()
            orders.append(listed_titles(screen))
        assert orders == [
            ["Bridge", "Ferry", "Quay", "Storm"],  # oldest first, the undated one last
            ["Ferry", "Storm", "Quay", "Bridge"],  # by feed (alpha before Tide, any case)
            ["Ferry", "Bridge", "Quay", "Storm"],  # unread first, newest first in each
            ["Quay", "Ferry", "Bridge", "Storm"],  # round to newest first again
        ]
        await pilot.press("S")  # oldest first, for All only
        await pilot.pause()
        assert "oldest first" in screen.status

    async with the_app().run_test(size=SIZE) as pilot:  # the next run remembers it
        screen = await started(pilot)
        assert listed_titles(screen) == ["Bridge", "Ferry", "Quay", "Storm"]
        await pilot.press("N")  # the highlighted story is unread: opened
        await pilot.pause()
        assert opened(screen) == "Bridge"
        await pilot.press("N")  # the next unread in this order, not in newest-first's
        await pilot.pause()
        assert opened(screen) == "Ferry"
        await pilot.press("N")
        await pilot.pause()
        assert opened(screen) == "Ferry" and "No unread stories below" in screen.status
        screen.query_one("SectionList").focus()
        await pilot.press("down", "down", "down", "down", "enter")  # the News section
        await pilot.pause()
        assert screen.view.label == "News"
        assert listed_titles(screen) == ["Quay", "Ferry", "Bridge", "Storm"]  # its own order
