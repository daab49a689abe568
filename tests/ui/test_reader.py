"""The reader driven by real key presses, as a person uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsterm.core.library import View
from newsterm.core.library.store import Store
from newsterm.core.model import Article
from newsterm.ui.screens.main import MainScreen
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from newsterm.ui.widgets.related_list import RelatedList
from newsterm.ui.widgets.section_list import SectionList
from tests.conftest import SEED
from tests.support.screen import main_screen, make_app, screen_text, write_second_article

SEED_TITLE = "Biden Urged Putin to De-escalate Tensions in Ukraine"
OTHER_TITLE = "The United States, Russia to Hold Security Talks on 10th January"


def all_articles(screen: MainScreen) -> list[Article]:
    """Every story in the library, read whole from the store."""
    stories = [screen.library.get(h.id) for h in screen.library.headlines(View("all"))]
    return [story for story in stories if story is not None]


async def test_first_run_opens_the_bundled_demo_library(isolated_home: Path) -> None:
    assert not isolated_home.exists()
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        articles = all_articles(screen)
        assert len(articles) >= 10
        sections = {e.view.section[0] for e in screen.library.sections() if e.view.section}
        assert len(sections) >= 4
        assert sum(1 for a in articles if a.figures) >= 3
        text = screen_text(app)
        assert "All" in text and "Unread" in text and "Starred" in text
        assert "bundled demo library" in text and "offline" in text


async def test_the_seed_opens_in_the_reader_and_1_follows_read_also(tmp_path: Path) -> None:
    other = write_second_article(tmp_path)
    app = make_app(SEED, other)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        assert screen.current is not None and screen.current.title == SEED_TITLE
        assert screen.focused is screen.query_one(ArticleView)
        assert "Updates › Politics" in screen_text(app)
        seen = ""
        for _ in range(8):  # read down the story, as a person would
            seen += screen_text(app)
            await pilot.press("pagedown")
            await pilot.pause()
        assert "Figure 1" in seen and "Credit: Web" in seen
        assert "President Biden Urged President Putin to De-escalate" in seen
        assert f"[1] {OTHER_TITLE[:40]}" in seen  # the rest may wrap onto the next line
        await pilot.press("1")
        await pilot.pause()
        assert screen.current.title == OTHER_TITLE
        assert OTHER_TITLE in screen_text(app)
        headlines = screen.query_one(HeadlineList)
        assert headlines.highlighted is not None and headlines.highlighted.title == OTHER_TITLE
        await pilot.press("backspace")
        await pilot.pause()
        assert screen.current.title == SEED_TITLE
        assert headlines.highlighted is not None and headlines.highlighted.title == SEED_TITLE
        await pilot.press("alt+right")
        await pilot.pause()
        assert screen.current.title == OTHER_TITLE
        await pilot.press("alt+left")
        await pilot.pause()
        assert screen.current.title == SEED_TITLE


async def test_tab_reaches_the_related_list_and_enter_follows(tmp_path: Path) -> None:
    other = write_second_article(tmp_path)
    app = make_app(SEED, other)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        for _ in range(4):
            if isinstance(screen.focused, RelatedList):
                break
            await pilot.press("tab")
        assert isinstance(screen.focused, RelatedList)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.current is not None and screen.current.title == OTHER_TITLE


async def test_numbers_follow_related_whichever_pane_has_focus(tmp_path: Path) -> None:
    other = write_second_article(tmp_path)
    app = make_app(SEED, other)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.query_one(SectionList).focus()
        await pilot.press("1")
        await pilot.pause()
        assert screen.current is not None and screen.current.title == OTHER_TITLE


async def test_following_a_related_story_reads_it_from_the_library_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Following `1` finds the story by its link, then opens it: one read of its body."""
    other = write_second_article(tmp_path)
    app = make_app(SEED, other)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        opened: list[str] = []
        read_whole = Store.article

        def counted_read(store: Store, story_id: str) -> Article | None:
            opened.append(story_id)
            return read_whole(store, story_id)

        monkeypatch.setattr(Store, "article", counted_read)
        await pilot.press("1")
        await pilot.pause()
        assert screen.current is not None and screen.current.title == OTHER_TITLE
        assert opened == [screen.current.id]


async def test_open_a_section_then_a_story_and_step_with_n_and_p() -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        sections = screen.query_one(SectionList)
        sections.focus()
        culture = next(
            i
            for i, e in enumerate(screen.library.sections())
            if e.view == View("section", ("Culture",))
        )
        sections.highlighted = 0
        for _ in range(culture):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        headlines = screen.query_one(HeadlineList)
        assert screen.view == View("section", ("Culture",))
        assert headlines.stories and all(s.sections[0] == "Culture" for s in headlines.stories)
        assert screen.focused is headlines
        await pilot.press("enter")
        await pilot.pause()
        first = headlines.stories[0]
        assert screen.current is not None and screen.current.id == first.id
        assert screen.library.is_read(first.id)
        assert first.title in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert screen.current.id == headlines.stories[1].id
        await pilot.press("p")
        await pilot.pause()
        assert screen.current.id == first.id
        await pilot.press("m")
        assert not screen.library.is_read(first.id)
        await pilot.press("s")
        assert screen.library.is_starred(first.id)


async def test_related_link_with_no_match_says_so_and_offers_search() -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        story = next(
            a
            for a in all_articles(screen)
            if any(screen.library.related_id(a, link) is None for link in a.related)
        )
        number = next(
            n
            for n, link in enumerate(story.related, 1)
            if screen.library.related_id(story, link) is None
        )
        screen.open_story(story.id)
        await pilot.press(str(number))
        await pilot.pause()
        assert screen.current is not None and screen.current.id == story.id
        missing = story.related[number - 1].text
        assert f'No story in the library matches "{missing}"' in screen_text(app)
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one("#search-input").value == missing  # type: ignore[attr-defined]


async def test_search_finds_and_opens_a_story() -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        await pilot.press("slash")
        await pilot.press(*"kelp")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.current is not None and "Kelp" in screen.current.title


async def test_narrow_terminal_shows_list_or_reader_and_escape_returns() -> None:
    app = make_app()
    async with app.run_test(size=(70, 24)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        reader = screen.query_one(ArticleView)
        assert not reader.display or reader.size.width == 0
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one(ArticleView).size.width > 60
        assert not screen.query_one(HeadlineList).display or (
            screen.query_one(HeadlineList).size.width == 0
        )
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one(HeadlineList).size.width > 20
        assert screen.focused is screen.query_one(HeadlineList)


async def test_every_size_from_tiny_to_huge_renders(tmp_path: Path) -> None:
    """Started in a tiny terminal, then resized through every layout, every key of the
    day's reading is pressed at each size (zero-width panes crash lists: none may)."""
    other = write_second_article(tmp_path)
    app = make_app(SEED, other)
    async with app.run_test(size=(20, 8)) as pilot:
        for size in [(20, 8), (24, 10), (40, 12), (99, 30), (100, 30), (300, 100)]:
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.press("escape", "down", "enter", "1", "backspace")
            if size in ((20, 8), (40, 12)):  # where zero-width panes lurk: the day's keys
                await pilot.press("N", "P", "space", "S", "H", "H", "g", "g", "l", "escape")
            await pilot.press("question_mark")
            await pilot.pause()
            assert len(screen_text(app).splitlines()) == size[1]
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, MainScreen), size


async def test_help_lists_the_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = screen_text(app)
        for expected in (
            "1 … 9",
            "Follow related story N",
            "Back to the story you came from",
            "Search",
        ):
            assert expected in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
