"""The search screen lists the best stories, a few screenfuls at most, and says so if more."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph
from newsterm.ui.screens.search import RESULTS, SearchScreen
from tests.support.screen import make_app, screen_text


def _library(home: Path, stories: int) -> None:
    store = Store(home / "data" / "library.sqlite")
    feed = store.ensure_feed("https://news.example/feed.xml")
    store.save_articles(feed, [Article(title="Lantern festival crowds", guid="t")])
    store.save_articles(
        feed,
        [
            Article(title=f"Notes {n}", guid=str(n), blocks=[Paragraph("The lantern parade.")])
            for n in range(stories)
        ],
    )
    store.close()


async def test_many_matches_list_the_best_and_say_there_are_more(isolated_home: Path) -> None:
    _library(isolated_home, RESULTS + 10)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"lantern")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one(OptionList)
        assert results.option_count == RESULTS
        assert results.get_option_at_index(0).prompt.plain.startswith("Lantern festival crowds")
        assert f"More than {RESULTS} stories: the best {RESULTS}" in screen_text(app)


async def test_few_matches_are_all_listed_and_counted(isolated_home: Path) -> None:
    _library(isolated_home, 3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"lantern")
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 4
        assert "4 stories" in screen_text(app)


async def test_down_from_the_words_lands_on_the_first_result_and_enter_opens_it(
    isolated_home: Path,
) -> None:
    _library(isolated_home, 3)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"festival", "down")
        await pilot.pause()
        results = app.screen.query_one(OptionList)
        assert results.has_focus and results.highlighted == 0
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        current = app.screen.current  # type: ignore[attr-defined]
        assert current is not None and current.title == "Lantern festival crowds"
