"""Headlines you can read: with real long titles (the Guardian's and TPM's feeds from the
corpus) the headline pane gets the room its titles need, the reader keeps two fifths of
the terminal, and the section list only what its names need."""

from __future__ import annotations

import os

import pytest

from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from newsterm.ui.widgets.section_list import SectionList
from tests.conftest import CORPUS
from tests.support.screen import main_screen, make_app

FEEDS = [CORPUS / "feeds" / "rssp-guardian.rss", CORPUS / "feeds" / "nfp-tpm.atom"]


def shown_of_title(row: str, title: str) -> int:
    """How many of the title's characters the row shows before it is cut."""
    text = row[3:]  # after the marks
    return len(os.path.commonprefix([text, title]))


@pytest.mark.parametrize(("columns", "least"), [(120, 38), (200, 55)])
async def test_a_headline_shows_most_of_a_long_title(columns: int, least: int) -> None:
    """Before, 34 characters at 120 columns and 30 at 200 (a feed column took the rest)."""
    app = make_app(*FEEDS)
    async with app.run_test(size=(columns, 30)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        headlines = screen.query_one(HeadlineList)
        stories = [headlines.stories[i] for i in range(10)]
        rows = [headlines.render_line(i).text for i in range(10)]
        shown = [shown_of_title(row, story.title) for row, story in zip(rows, stories, strict=True)]
        long_ones = [n for n, s in zip(shown, stories, strict=True) if len(s.title) > least]
        assert long_ones and min(long_ones) >= least, (shown, rows)
        assert screen.query_one(ArticleView).size.width >= 0.4 * columns - 4  # its padding
        assert screen.query_one(SectionList).size.width <= columns // 6
