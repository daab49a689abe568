"""Faults of the machine, made for real: another process holding the library's write lock,
and a disk that fills up (a small tmpfs where one can be mounted, else a file size limit).
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

_HOLD = (
    "import sqlite3, sys\n"
    "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
    "db.execute('BEGIN IMMEDIATE')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
    "db.execute('ROLLBACK')\n"
)


@contextlib.contextmanager
def write_locked(library: Path) -> Iterator[None]:
    """Another process holds the library's write lock until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(library)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "locked\n"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


@contextlib.contextmanager
def small_disk(folder: Path, size: int) -> Iterator[None]:
    """`folder` on a tmpfs of `size` bytes (root only); skips where none can be mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True).returncode != 0:
        pytest.skip("no tmpfs can be mounted here (needs root)")
    try:
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def newsterm_limited(
    home: Path, *args: str, file_size: int | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m newsterm ARGS`; with `file_size`, no file it writes may grow past it
    (RLIMIT_FSIZE: the kernel refuses the write, EFBIG; Python ignores SIGXFSZ)."""

    def limit() -> None:
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))

    env = {**os.environ, "NEWSTERM_HOME": str(home), "TZ": "UTC", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "newsterm", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit,
    )
