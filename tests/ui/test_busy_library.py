"""The reader while another process writes the library: a mark it cannot save now is
kept and saved when the library is free; the reader stays up and says so, and a mark
still unsaved at the end costs one line and a non-zero exit. Real keys, a real lock."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from newsterm.ui.widgets.headline_list import HeadlineList
from tests.conftest import SEED
from tests.support.machine import write_locked
from tests.support.screen import main_screen, make_app, screen_text

BUSY = "library is busy (another newsterm is writing)"


def library_with_the_seed(home: Path) -> Path:
    config = home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f"library_wait_seconds = 1\nsources = [{str(SEED)!r}]\n", encoding="utf-8")
    return home / "data" / "library.sqlite"


def saved_read(library: Path) -> list[int]:
    """The read mark of every story, as a fresh sqlite3 connection finds it on disk."""
    with contextlib.closing(sqlite3.connect(library)) as db:
        return [row[0] for row in db.execute("SELECT read FROM articles")]


async def test_m_while_another_process_writes_keeps_the_mark_and_saves_it_later(
    isolated_home: Path,
) -> None:
    library = library_with_the_seed(isolated_home)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        screen.query_one(HeadlineList).focus()
        assert saved_read(library) == [0]
        with write_locked(library):
            await pilot.press("m")
            await pilot.pause()
            assert app.is_running and main_screen(app) is screen
            notes = [note.message for note in app._notifications]
            assert any(BUSY in note for note in notes), notes
            assert saved_read(library) == [0]
        for _ in range(100):  # the reader tries again every few seconds
            if saved_read(library) == [1]:
                break
            await pilot.pause(0.1)
        assert saved_read(library) == [1]
        await pilot.pause()
        assert "Saved 1 mark made while the library was busy" in screen_text(app)


async def test_quitting_with_a_mark_still_unsaved_is_one_line_and_a_non_zero_exit(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = library_with_the_seed(isolated_home)
    app = make_app()
    with write_locked(library):
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            main_screen(app).query_one(HeadlineList).focus()
            await pilot.press("m", "q")
        capsys.readouterr()
        from newsterm.ui.run import _save_marks_left  # what run_reader does once the app ends

        status = _save_marks_left(app.library, app.config)
    assert status == 1
    assert capsys.readouterr().err.splitlines() == [
        f"newsterm: {BUSY}; waiting…",
        f"newsterm: 1 read or starred mark not saved: {BUSY}; gave up after 1 s",
    ]
    assert saved_read(library) == [0]
