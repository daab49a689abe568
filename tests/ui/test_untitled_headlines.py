"""A story without a headline still has a readable row: the start of its text, as `cat` shows."""

from __future__ import annotations

import json
from pathlib import Path

from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph
from tests.support.benchkit import newsterm
from tests.support.screen import make_app, screen_text, write_second_article

BODY = (
    "Lifeboat volunteers brought four kayakers ashore at Gull Point after the wind turned "
    "on Sunday afternoon, and all four were home by the evening."
)
PAGE = f"<html><body><p>{BODY}</p><p>The crew launched within six minutes.</p></body></html>"
FIRST_WORDS = " ".join(BODY.split()[:12]) + "…"


def test_cat_gives_a_page_without_a_headline_the_start_of_its_text(
    isolated_home: Path, tmp_path: Path
) -> None:
    page = tmp_path / "lifeboat.html"
    page.write_text(PAGE, encoding="utf-8")
    done = newsterm(isolated_home, "cat", str(page), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["articles"][0]["title"] == FIRST_WORDS


async def test_the_headline_pane_shows_a_page_without_a_headline(tmp_path: Path) -> None:
    page = tmp_path / "lifeboat.html"
    page.write_text(PAGE, encoding="utf-8")
    app = make_app(write_second_article(tmp_path), page)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        rows = screen_text(app).splitlines()
    # The page's row holds its first words, whatever the pane cuts off at the end.
    assert any(FIRST_WORDS[:30] in row for row in rows)


async def test_a_stored_story_without_a_title_is_not_a_blank_row(isolated_home: Path) -> None:
    store = Store(isolated_home / "data" / "library.sqlite")
    store.save_articles(None, [Article(title="", guid="a", blocks=[Paragraph(BODY)])])
    store.close()
    app = make_app()  # your library
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
    assert "(untitled)" in shown
