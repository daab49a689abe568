"""Titles from strangers show exactly as written: no markup, no links, no actions."""

from __future__ import annotations

from pathlib import Path

from newsterm.ui.screens.main import MainScreen
from tests.support.screen import make_app, screen_text

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


async def test_an_unreadable_file_costs_one_line_not_the_app(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A Good Story\n\nIts standfirst\n\nA body paragraph of text.\n", "utf-8")
    (tmp_path / "[bold]broken.xml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    app = make_app(tmp_path)
    async with app.run_test(size=(160, 30)) as pilot:
        await pilot.pause(0.3)
        text = screen_text(app)
        assert "A Good Story" in text
        assert "1 could not be read" in text
        # The status line names the file literally (its name is markup-shaped) and says why.
        assert "[bold]broken.xml: binary data, not text" in text
