"""`newsterm cat -` reads standard input; a pipe or a device named as a file is refused in
one line, at once, instead of blocking on it or reading it forever."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.support.benchkit import newsterm

SEED_TITLE = "Biden Urged Putin to De-escalate Tensions in Ukraine"


def test_cat_dash_reads_standard_input() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "newsterm", "cat", "-", "--json"],
        input=SEED.read_bytes(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert SEED_TITLE.encode() in done.stdout


@pytest.mark.parametrize("command", [("cat",), ()])
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    isolated_home: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    done = newsterm(isolated_home, *command, str(fifo), timeout=20)
    assert done.returncode == 1
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"newsterm: {fifo}: a named pipe, not a file")


def test_a_device_is_refused_not_read(isolated_home: Path) -> None:
    done = newsterm(isolated_home, "cat", "/dev/zero", timeout=20)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line == (
        "newsterm: /dev/zero: a character device, not a file (to read standard input, name it -)"
    )
