"""A config.toml that cannot be read, written or understood, met by the subscription commands.

Nothing is listed, exported or refreshed from a guess, nothing is saved over a file that
could not be read, and no setting is dropped without a line naming it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.benchkit import newsterm, read_config

FEED = "http://127.0.0.1:9/gazette.xml"  # nothing listens there
OTHER = "http://news.example/other.xml"


def config_file(home: Path, text: str | bytes) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def opml_of(folder: Path, url: str) -> Path:
    path = folder / "list.opml"
    path.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><head><title>List</title></head>'
        f'<body><outline type="rss" text="Other" xmlUrl="{url}"/></body></opml>',
        encoding="utf-8",
    )
    return path


def every_command(tmp_path: Path) -> list[list[str]]:
    return [
        ["list"],
        ["export"],
        ["refresh"],
        ["remove", FEED],
        ["add", "--no-check", OTHER],
        ["import", str(opml_of(tmp_path, OTHER))],
    ]


BROKEN = (
    f'[[feed]]\nurl = "{FEED}"\n[keymap\n',
    "line 3, column 8: Expected ']' at the end of a table declaration",
)
NOT_UTF8 = (f'[[feed]]\nurl = "{FEED}"\ntitle = "Caf\xe9"\n'.encode("latin-1"), "line 3, column 13")


@pytest.mark.parametrize("broken", [BROKEN, NOT_UTF8], ids=["syntax", "latin-1"])
def test_every_subscription_command_stops_at_a_config_it_cannot_read(
    broken: tuple[str | bytes, str], isolated_home: Path, tmp_path: Path
) -> None:
    text, where = broken
    path = config_file(isolated_home, text)
    before = path.read_bytes()
    for command in every_command(tmp_path):
        done = newsterm(isolated_home, *command)
        assert done.returncode == 2, (command, done.stdout, done.stderr)
        assert done.stdout == "", command  # no empty list, no empty OPML backup
        [line] = done.stderr.splitlines()
        assert line.startswith(f"newsterm: cannot read {path}, {where}"), (command, line)
        assert path.read_bytes() == before, command
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make a file or folder read-only, also for root (who ignores permission bits)."""
    if os.geteuid() == 0:
        if shutil.which("chattr") is None:
            pytest.skip("root ignores permissions and chattr is not installed")
        flags = ["chattr", "+i", str(path)]
        if subprocess.run(flags, capture_output=True).returncode != 0:
            pytest.skip("this file system cannot make files immutable")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_config_is_one_line_and_left_as_it_was(
    what: str, isolated_home: Path, tmp_path: Path
) -> None:
    path = config_file(isolated_home, f'[[feed]]\nurl = "{FEED}"\n')
    before = path.read_bytes()
    with read_only(path if what == "file" else path.parent):
        for command in every_command(tmp_path)[3:]:  # remove, add, import: they save
            done = newsterm(isolated_home, *command)
            assert done.returncode == 2, (command, done.stdout, done.stderr)
            [line] = done.stderr.splitlines()
            assert line.startswith(f"newsterm: cannot change {path}: "), (command, line)
            assert line.endswith("nothing was changed"), line
            assert path.read_bytes() == before, command
    assert sorted(p.name for p in path.parent.iterdir()) == ["config.toml"]


def test_settings_it_cannot_use_are_named_one_line_each(isolated_home: Path) -> None:
    path = config_file(
        isolated_home,
        'themes = "nord"\n'
        'refresh_minutes = "15"\n'
        "[[feed]]\n"
        f'url = "{FEED}"\n'
        'section = "News"\n'
        "limit = -5\n"
        'colour = "red"\n'
        "[[feed]]\n"
        'title = "A feed with no address"\n',
    )
    done = newsterm(isolated_home, "list")
    assert done.returncode == 0, done.stderr
    assert f"News: <{FEED}> [never fetched]" in done.stdout
    assert done.stderr.splitlines() == [
        f'newsterm: {path}: unknown setting "themes", ignored',
        f'newsterm: {path}: refresh_minutes = "15" is not a whole number, 0 or more; using 60',
        f'newsterm: {path}: feed 1 ({FEED}): unknown setting "colour", ignored',
        f"newsterm: {path}: feed 1 ({FEED}): limit = -5 is not a whole number, 1 or more; "
        "every item is kept",
        f"newsterm: {path}: feed 2: no url, so it is not refreshed",
    ]


def test_saving_subscriptions_keeps_what_newsterm_does_not_know(isolated_home: Path) -> None:
    config_file(
        isolated_home,
        f'theme = "nord"\n[[feed]]\nurl = "{FEED}"\nsection = "News"\ncolour = "red"\n'
        'limit = "100"\n[[feed]]\ntitle = "A feed with no address yet"\n',
    )
    done = newsterm(isolated_home, "add", "--no-check", OTHER, "--section", "Sport")
    assert done.returncode == 0, done.stderr
    saved = read_config(isolated_home)
    assert saved["theme"] == "nord"
    assert saved["feed"] == [
        {"url": FEED, "section": "News", "colour": "red", "limit": "100"},
        {"title": "A feed with no address yet"},
        {"url": OTHER, "section": "Sport"},
    ]
