"""Read a named file without ever blocking on a pipe or a device.

Opening a FIFO waits for a writer and reading a device may never end, so only
regular files are read; anything else is refused in one line before it is
opened. The file is opened non-blocking and checked again, in case it was
swapped for a pipe in between. Standard input is read only when named `-`.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_NOT_FILES = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotARegularFile(OSError):
    """The name is a pipe, a device or a socket: `strerror` says which, in one line."""


def _refusal(mode: int) -> str | None:
    for is_kind, name in _NOT_FILES:
        if is_kind(mode):
            return f"{name}, not a file (to read standard input, name it -)"
    return None


def read_local_file(path: Path, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a regular file; raises OSError (NotARegularFile too)."""
    if reason := _refusal(path.stat().st_mode):
        raise NotARegularFile(0, reason)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    with os.fdopen(os.open(path, flags), "rb") as handle:
        if reason := _refusal(os.fstat(handle.fileno()).st_mode):
            raise NotARegularFile(0, reason)
        return handle.read(limit + 1)
