"""A 12 MB story (allowed: under the 16 MB fetch cap) opens with its first words, ends with
the line that says it was shortened, and the reader answers keys while it is open."""

from __future__ import annotations

import html

from textual.pilot import Pilot

from newsterm.config import Config, Paths
from newsterm.core.library import Library
from newsterm.core.sources import parse_bytes
from newsterm.ui.app import NewstermApp
from newsterm.ui.widgets.article_view import ArticleView
from tests.support.screen import main_screen

OPENING = "The opening words of a very long story."
FILLER = "All work and no play makes a long story in the reader. " * 40


def twelve_megabyte_feed() -> bytes:
    paragraphs = [f"<p>{OPENING}</p>"] + [f"<p>{n}: {FILLER}</p>" for n in range(5_800)]
    body = html.escape("\n".join(paragraphs))
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>'
        f"<item><title>The long one</title><link>http://example.org/long</link>"
        f"<description>{body}</description></item></channel></rss>"
    )
    data = feed.encode()
    assert 12 * 2**20 < len(data) < 16 * 2**20
    return data


def reader_text(pilot: Pilot[None]) -> str:
    reader = pilot.app.screen.query_one(ArticleView).region
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strips[y].crop(reader.x, reader.right).text for y in reader.line_range)


async def test_a_12_mb_refreshed_story_opens_and_the_reader_answers_keys() -> None:
    # As a refresh stores it: the item's HTML, whose blocks are built when it is opened.
    document = parse_bytes(twelve_megabyte_feed(), defer_blocks=True)
    library = Library.from_documents([document])
    app = NewstermApp(library, Config(paths=Paths.discover()))
    async with app.run_test(size=(120, 40)) as pilot:
        [story] = library.store.headlines()
        main_screen(app).open_story(story.id)
        await pilot.pause()
        assert OPENING in reader_text(pilot)
        app.screen.query_one(ArticleView).focus()
        await pilot.press("end")
        await pilot.pause()
        shown = " ".join(reader_text(pilot).split())
        assert "Story shortened: newsterm shows the first" in shown
        assert OPENING not in shown
        await pilot.press("home")
        await pilot.pause()
        assert OPENING in reader_text(pilot)
