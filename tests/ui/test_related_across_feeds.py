"""Related stories computed across feeds, driven by real keys: follow another outlet's
report of the same event, come back, and list one row per event."""

from __future__ import annotations

from pathlib import Path

from newsterm.config import Config
from newsterm.core.library import View
from newsterm.ui.app import NewstermApp
from newsterm.ui.widgets.article_view import NO_RELATED
from newsterm.ui.widgets.headline_list import HeadlineList
from newsterm.ui.widgets.related_list import SAME_EVENT
from tests.support.labelled import Labelled, library_of, load
from tests.support.screen import main_screen, screen_text

# Counted from the labels in data/tune.json, not from the matcher.
STRIKE = "marrisport-dock-strike"


def _stories() -> list[Labelled]:
    return load("tune")


def _app(stories: list[Labelled]) -> NewstermApp:
    return NewstermApp(library_of(stories), Config.load())


async def test_a_number_follows_another_outlets_report_and_backspace_returns(
    isolated_home: Path,
) -> None:
    stories = _stories()
    strike = [s for s in stories if s.event == STRIKE]
    first, *others = strike
    app = _app(stories)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = main_screen(app)
        screen.open_story(first.article.id)
        await pilot.pause()
        assert SAME_EVENT in screen_text(app)
        related = screen.related
        assert related is not None
        number = len(related.named) + 1  # the first "same story elsewhere" entry
        await pilot.press(str(number))
        await pilot.pause()
        assert screen.current is not None
        landed = screen.current.id
        assert landed in {s.article.id for s in others}
        assert screen.current.source != first.outlet or landed != first.article.id
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.current.id == first.article.id


async def test_a_story_with_nothing_related_says_so_in_one_line(isolated_home: Path) -> None:
    stories = _stories()
    app = _app(stories)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = main_screen(app)
        alone = next(
            s.article.id for s in stories
            if not screen.library.related(screen.library.get(s.article.id))  # type: ignore[arg-type]
        )  # fmt: skip
        screen.open_story(alone)
        await pilot.pause()
        assert NO_RELATED in screen_text(app)
        await pilot.press("1")
        assert "no related stories" in screen.status


async def test_g_lists_one_row_per_event_and_counts_the_others(isolated_home: Path) -> None:
    stories = _stories()
    app = _app(stories)
    async with app.run_test(size=(140, 50)) as pilot:
        screen = main_screen(app)
        await pilot.pause()
        every = len(app.screen.query_one(HeadlineList).stories)
        assert every == screen.library.count() > len(stories)
        strike_ids = {s.article.id for s in stories if s.event == STRIKE}
        rows = screen.library.headlines(View("all"))
        assert any(h.coverage >= len(strike_ids) - 1 for h in rows if h.id in strike_ids)
        assert "+" in screen_text(app)  # the quiet count on the rows
        await pilot.press("g")
        await pilot.pause()
        grouped = app.screen.query_one(HeadlineList).stories
        listed = [h.id for h in grouped]
        assert len(grouped) < every
        assert len(strike_ids & set(listed)) == 1  # the strike's reports: one row
        await pilot.press("g")
        await pilot.pause()
        assert len(app.screen.query_one(HeadlineList).stories) == every
