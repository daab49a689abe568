"""Run newsterm on a real pseudo-terminal and keep every byte it writes to it."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from pathlib import Path

from tests.conftest import REPO

ROWS, COLS = 40, 140
RUN_SECONDS = 15.0


def run_in_pty(
    argv: list[str], home: Path, *, quit_after_paint: bytes | None = None
) -> tuple[bytes, int | None]:
    """Run argv on a pty and return every byte it wrote, and its exit code (None: killed)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "COLUMNS": str(COLS),
        "LINES": str(ROWS),
        "NEWSTERM_HOME": str(home),
        "TZ": "UTC",
    }
    env.pop("NO_COLOR", None)
    env.pop("TEXTUAL", None)
    process = subprocess.Popen(
        argv,
        stdin=slave,
        stdout=slave,
        stderr=slave,
        cwd=REPO,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    out = bytearray()
    deadline = time.monotonic() + RUN_SECONDS
    last_output = time.monotonic()
    sent_quit = False
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
                last_output = time.monotonic()
            elif process.poll() is not None:
                break
            if (
                quit_after_paint is not None
                and not sent_quit
                and quit_after_paint in out
                and time.monotonic() - last_output > 0.8
            ):
                os.write(master, b"q")
                sent_quit = True
        try:
            code: int | None = process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            code = None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)
        os.close(master)
    return bytes(out), code
