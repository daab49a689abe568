"""Helpers for Pilot tests: start the reader like the CLI does, and read what is on screen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App

from newsterm.config import Config
from newsterm.ui.app import NewstermApp
from newsterm.ui.run import choose_library
from newsterm.ui.screens.main import MainScreen


def make_app(*sources: Path) -> NewstermApp:
    """The app exactly as `newsterm SOURCE...` (or bare `newsterm`) would build it."""
    config = Config.load()
    library, open_story = choose_library(list(sources), config)
    return NewstermApp(library, config, open_story=open_story)


def main_screen(app: App[Any]) -> MainScreen:
    """The reader's main screen (and a clear failure when something else is on top)."""
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


def screen_text(app: App[object]) -> str:
    """Every character currently painted, row by row: what a person sees."""
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


SECOND_ARTICLE = """Home › World › Security

The United States, Russia to Hold Security Talks on 10th January

Officials from both countries agreed a date for talks in Geneva

By Test Writer
Published 2 January 2022

Delegations from Washington and Moscow will meet in Geneva on the tenth of January to discuss
security in Europe, officials said on Sunday. The talks follow weeks of tension on the border.

Geneva Venue Chosen

The meeting will take place at the mission of the United States, with a second round planned
for later in the month if the first produces progress, according to people briefed on it.
"""


def write_second_article(folder: Path) -> Path:
    """A story whose headline is the seed's `Read Also:` title, so `1` can follow it."""
    path = folder / "other-article.txt"
    path.write_text(SECOND_ARTICLE, encoding="utf-8")
    return path
