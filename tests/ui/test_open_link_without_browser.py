"""`o` where no browser can start: the reader says so and shows the link to copy.

A real environment without a browser: no display, nothing on PATH, and BROWSER
naming a command that fails, as on a server reached over ssh.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from tests.support.screen import main_screen, make_app, screen_text

LINK = "https://example.org/2026/03/harbour-ferry-plan-approved"
STORY = f"""Home › Local

Harbour council approves the ferry plan

The vote was close, and the first boats will run next spring.

URL: {LINK}

Councillors voted by twelve to eleven on Tuesday night to approve a ferry link across the
harbour, ending a debate that has run for most of the decade.
"""


@pytest.fixture
def no_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setenv("BROWSER", "/bin/false")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    # webbrowser reads the environment once per process, at its first use: read it anew.
    monkeypatch.setattr(webbrowser, "_tryorder", None)


@pytest.mark.usefixtures("no_browser")
async def test_o_without_a_browser_says_so_and_shows_the_link(tmp_path: Path) -> None:
    story = tmp_path / "ferry.txt"
    story.write_text(STORY, encoding="utf-8")
    app = make_app(story)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert main_screen(app).current is not None  # the story is open
        await pilot.press("o")
        await pilot.pause()
        shown = screen_text(app)
    assert "Opened" not in shown
    assert "No browser could be started" in shown
    assert LINK in shown
