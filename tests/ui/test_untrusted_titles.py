"""Titles from strangers show exactly as written: no markup, no links, no actions."""

from __future__ import annotations

from pathlib import Path

from newsterm.ui.screens.main import MainScreen
from tests.ui.screen import make_app, screen_text

HOSTILE_TITLES = ["[/] closing tag", "[bold]x", "[link=file:///etc/passwd]y", "[@click=app.quit]z"]


async def test_markup_in_titles_and_text_appears_literally(tmp_path: Path) -> None:
    for number, title in enumerate(HOSTILE_TITLES):
        (tmp_path / f"story-{number}.txt").write_text(
            f"{title}\n\nA standfirst with [red]brackets[/red]\n\n"
            "A paragraph of body text that is long enough to read as a paragraph [/b].\n",
            encoding="utf-8",
        )
    app = make_app(tmp_path / "story-0.txt", tmp_path)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for title in HOSTILE_TITLES:
            assert title in text
        assert "A standfirst with [red]brackets[/red]" in text
        assert "[/b]." in text
        assert isinstance(app.screen, MainScreen)  # [@click=app.quit] did not run
