"""The reader and config.toml: a file it cannot read, one changed while it runs, a bad keymap.

The reader opens on the library with the line naming the problem on screen, saves nothing
while it stands, and reads the file again when it changes.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from newsterm.config import Paths
from newsterm.ui.app import NewstermApp
from tests.support.benchkit import newsterm
from tests.support.faultserver import FaultServer, running_fault_server
from tests.support.libraries import subscribed_library
from tests.support.screen import main_screen, make_app, screen_text

SIZE = (200, 30)
PROBLEM = "column 8: Expected ']' at the end of a table declaration"


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    with running_fault_server() as server:
        yield server


def status(app: NewstermApp) -> str:
    return str(app.screen.query_one("#status", Static).render())


def banner(app: NewstermApp) -> Static:
    return app.screen.query_one("#config-problem", Static)


async def until(check: Callable[[], bool], seconds: float = 6.0) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, "it did not happen in time"
        await asyncio.sleep(0.05)


async def test_a_broken_config_opens_the_library_read_only_until_it_is_fixed() -> None:
    subscribed_library()
    config = Paths.discover().config_file
    good = config.read_bytes()
    config.write_bytes(good + b"[keymap\n")  # a table header missing its bracket
    broken_line = len(good.splitlines()) + 1
    line = f"cannot read {config}, line {broken_line}, {PROBLEM}"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = main_screen(app)
        assert banner(app).display and banner(app).region.y == 0  # on top, not a toast
        assert line in str(banner(app).render())
        assert PROBLEM in screen_text(app)
        assert "Gazette story 2" in screen_text(app)  # the library is there to read

        for key in ("a", "D", "M"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, f"{key} asked for a change that cannot be saved"
            assert status(app) == f"Not saved: {line}", key
        await pilot.press("R")
        assert status(app) == f"Not refreshed: {line}"
        assert config.read_bytes() == good + b"[keymap\n"

        config.write_bytes(good)  # fixed in an editor while the reader runs
        await until(lambda: not banner(app).display)
        assert status(app) == f"{config} reads again: 1 subscription"
        await pilot.press("D")
        await pilot.pause()
        assert app.screen is not screen  # "Remove Harbour Gazette?" is asked now


async def test_a_feed_added_from_the_command_line_is_refreshed_by_R(
    faults: FaultServer, isolated_home: Path
) -> None:
    subscribed_library()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        added = newsterm(isolated_home, "add", faults.url("/feed"), "--section", "Wire")
        assert added.returncode == 0, added.stderr
        await pilot.press("R")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Refreshed 2 feeds: 2 new" in status(app)
        assert "Wire" in text and "First story" in text and "Second story" in text
    assert faults.hits["/feed"] == 2  # checked by `add`, then refreshed by R


async def test_a_keymap_id_no_binding_has_is_named_on_screen() -> None:
    config = Paths.discover().config_file
    config.parent.mkdir(parents=True)
    config.write_text('[keymap]\nbakc = "h"\nhelp = "f1"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        warning = f'{config}: keymap: no key binding is called "bakc" (did you mean "back"?)'
        assert main_screen(app).library.errors == [f"{warning}; ignored"]
        assert '"bakc"' in screen_text(app)
        assert "could not be read" in status(app)
