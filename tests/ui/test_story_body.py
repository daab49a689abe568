"""The reader keeps a story's wrapped lines; what it shows must follow the story and the size.

Each test changes what a person would notice (the story, the terminal width, the
theme) and reads the painted screen back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from rich.console import Group
from rich.segment import Segment
from textual.pilot import Pilot

from newsterm import render
from newsterm.config import Config, Paths
from newsterm.core.library import Library
from newsterm.core.model import Article, Document, Link, Paragraph, SourceInfo
from newsterm.ui.app import NewstermApp
from newsterm.ui.screens.main import MainScreen
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from newsterm.ui.widgets.story_body import StoryBody
from tests.support.screen import main_screen, make_app, screen_text

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
WORDS = [f"w{number:03}" for number in range(1, 201)]


def two_stories_app() -> tuple[NewstermApp, str, str]:
    """A long story of numbered words, and a short one with a link under it."""
    long = Article(
        title="The long story",
        url="https://example.com/long",
        source="Example",
        published=NOW - timedelta(hours=1),
        blocks=[Paragraph(" ".join(WORDS[start : start + 50])) for start in range(0, 200, 50)],
        id="long",
    )
    short = Article(
        title="The short story",
        url="https://example.com/short",
        source="Example",
        published=NOW - timedelta(hours=2),
        blocks=[Paragraph("Only one short paragraph here.")],
        links=[Link("Further reading", "https://example.com/more")],
        id="short",
    )
    library = Library.from_documents([Document(SourceInfo("rss"), [long, short])])
    app = NewstermApp(library, Config(paths=Paths.discover()), clock=lambda: NOW)
    return app, long.id, short.id


def reader_text(pilot: Pilot[None]) -> str:
    """The reader pane's painted text, a line per row, right-trimmed."""
    reader = pilot.app.screen.query_one(ArticleView).region
    strips = pilot.app.screen._compositor.render_strips()
    rows = (strips[y].crop(reader.x, reader.right).text.rstrip() for y in reader.line_range)
    return "\n".join(rows)


def words_read(pilot: Pilot[None]) -> list[str]:
    return [word for word in reader_text(pilot).split() if word.startswith("w")]


async def opened(pilot: Pilot[None], story_id: str) -> MainScreen:
    screen = main_screen(pilot.app)
    screen.open_story(story_id)
    await pilot.pause()
    return screen


async def test_resizing_rewraps_the_story_without_losing_a_word() -> None:
    app, long_id, _ = two_stories_app()
    async with app.run_test(size=(160, 60)) as pilot:
        await opened(pilot, long_id)
        wide = reader_text(pilot)
        assert words_read(pilot) == WORDS
        await pilot.resize_terminal(120, 60)
        await pilot.pause()
        narrow = reader_text(pilot)
        assert narrow != wide
        body = app.screen.query_one(StoryBody)
        seen: list[str] = []
        for _ in range(6):  # the narrower story is taller: page through it
            seen += [word for word in words_read(pilot) if word not in seen]
            await pilot.press("pagedown")
            await pilot.pause()
        assert seen == WORDS
        assert all(len(line) <= body.content_region.width + 4 for line in narrow.splitlines())


async def test_opening_another_story_shows_it_and_nothing_of_the_last() -> None:
    app, long_id, short_id = two_stories_app()
    async with app.run_test(size=(160, 60)) as pilot:
        await opened(pilot, long_id)
        assert "w001" in reader_text(pilot)
        await opened(pilot, short_id)
        text = reader_text(pilot)
        assert "The short story" in text and "Only one short paragraph here." in text
        assert not [word for word in text.split() if word in WORDS]
        assert "The long story" not in text
        # What follows the story (its related list) starts right after the short story's
        # own last line, not after the long story's height.
        lines = [line.strip() for line in text.splitlines()]
        after = next(n for n, line in enumerate(lines) if line.startswith("No related stories"))
        assert after == lines.index("Only one short paragraph here.") + 2
        await opened(pilot, long_id)
        assert words_read(pilot)[:3] == WORDS[:3]


async def test_a_new_theme_repaints_the_story_in_its_colours() -> None:
    app, long_id, _ = two_stories_app()
    async with app.run_test(size=(160, 60)) as pilot:
        app.theme = "textual-dark"
        await opened(pilot, long_id)
        body = app.screen.query_one(StoryBody)

        def word_colour() -> object:
            strips = app.screen._compositor.render_strips()
            region = body.region
            for y in region.line_range:
                for segment in strips[y].crop(region.x, region.right):
                    if "w001" in segment.text:
                        return segment.style.color if segment.style else None
            raise AssertionError("w001 is not on screen")

        dark = word_colour()
        assert dark == body.visual_style.rich_style.color
        app.theme = "textual-light"
        await pilot.pause()
        assert word_colour() != dark
        assert word_colour() == body.visual_style.rich_style.color
        assert "w001" in screen_text(app)


async def test_every_demo_story_measures_and_paints_as_rendered_whole() -> None:
    """Blocks are measured by wrapping and rendered one at a time, yet the story's height
    and every line match rendering the whole story at once (figures, lists, quotes too)."""
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.images_on = False  # compared with render.body, which draws no pictures
        body = screen.query_one(StoryBody)
        stories = [headline.id for headline in screen.query_one(HeadlineList).stories]
        assert len(stories) >= 10
        for columns in (157, 101):  # an odd width and the narrowest three-pane one
            await pilot.resize_terminal(columns, 50)
            for story_id in stories:
                await opened(pilot, story_id)
                article = screen.library.get(story_id)
                assert article is not None
                width = body.content_region.width
                whole = Group(render.header(article), *render.body(article))
                options = app.console_options.update(highlight=False, width=width, height=None)
                segments = app.console.render(
                    body.post_render(whole, body.visual_style.rich_style), options
                )
                expected = [
                    list(line)
                    for line in Segment.split_and_crop_lines(
                        segments, width, include_new_lines=False, pad=False
                    )
                ]
                assert body.size.height == len(expected), (columns, article.title)
                painted = [list(body.render_line(y)) for y in range(len(expected))]
                assert painted == expected, (columns, article.title)
