"""Themes remembered, the command palette, and the mouse doing what keys do."""

from __future__ import annotations

import json
from pathlib import Path

from newsterm.config import Paths
from newsterm.ui.widgets.headline_list import HeadlineList
from tests.support.screen import main_screen, make_app, screen_text


async def test_chosen_theme_is_remembered_for_the_next_run() -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.theme = "nord"
        await pilot.pause()
    state = json.loads(Paths.discover().ui_state_file.read_text(encoding="utf-8"))
    assert state["theme"] == "nord"
    again = make_app()
    async with again.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_command_palette_runs_reader_actions() -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        titles = [command.title for command in app.get_system_commands(screen)]
        assert len(titles) == len(set(titles))  # each action once
        assert {"Star (s)", "Back (backspace / alt+←)", "Search (/)", "Next (n)"} <= set(titles)
        assert not any("Follow related story" in title for title in titles)
        assert "Follow a related story (1 … 9)" in titles  # one command, not nine
        # The words a person tries find the marking actions (the palette matches titles).
        for word, wanted in [
            ("mark", {"Mark read/unread (m)", "Mark all read (A)", "Undo mark all read (u)"}),
            ("unread", {"Next unread (N)", "Previous unread (P)", "Mark read/unread (m)"}),
            ("read", {"Mark all read (A)", "Hide read (H)"}),
        ]:
            assert wanted <= {t for t in titles if word in t.lower()}, word
        first = screen.query_one(HeadlineList).highlighted
        assert first is not None
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Star")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.library.is_starred(first.id)


async def test_clicking_a_headline_opens_it(tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        headlines = screen.query_one(HeadlineList)
        second = headlines.stories[1]
        await pilot.click(HeadlineList, offset=(5, 1))
        await pilot.pause()
        assert screen.current is not None and screen.current.id == second.id
        assert second.title[:20] in screen_text(app)
