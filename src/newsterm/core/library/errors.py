"""What can go wrong with the library file, as one line a person can read.

SQLite reports every failure as an error code; these classes are the few a caller
acts on (show the line, keep the marks for later, give up on the refresh), and the
functions here tell which code is which.
"""

from __future__ import annotations

import sqlite3

BUSY = "library is busy (another newsterm is writing)"


class StoreError(Exception):
    """The library cannot be used as it is (newer schema, unwritable place): one line to show."""


class WriteFailed(StoreError):
    """A write that could not be done now; the library is as it was before it."""


class LibraryBusy(WriteFailed):
    """Another process held the write lock for longer than this store waits."""


class LibraryUnwritable(WriteFailed):
    """The disk refused the write (full, or failing)."""


_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


def _code(error: sqlite3.Error) -> int:
    """The primary result code (the low byte of SQLite's extended code)."""
    return int(getattr(error, "sqlite_errorcode", 0)) & 0xFF


def is_busy(error: sqlite3.Error) -> bool:
    """Another connection holds the lock: worth waiting for, never damage."""
    return _code(error) in _BUSY_CODES


def is_damage(error: sqlite3.Error) -> bool:
    """Only a corrupt or foreign file is damage; a busy or unreadable one is left alone."""
    return _code(error) in _DAMAGE_CODES


def refused_write(error: sqlite3.Error) -> LibraryUnwritable | None:
    """A write the disk refused, as one line: full (ENOSPC), or an I/O error (a file size
    limit, a failing disk), which SQLite cannot tell apart from each other."""
    code = _code(error)
    if code == sqlite3.SQLITE_FULL:
        return LibraryUnwritable("disk full")
    if code == sqlite3.SQLITE_IOERR:
        return LibraryUnwritable("the library could not be written (disk I/O error)")
    return None
