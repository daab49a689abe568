"""One write at a time: waiting for another process's write, and saying so.

Two newsterm processes share one library file (WAL mode). A write takes the
lock with BEGIN IMMEDIATE; while the other holds it, the attempt is repeated in
short steps so the wait can be told once (a line on stderr, a notification),
and given up in one line after `wait` seconds. A disk that refuses the write
becomes one line too, and the library is left as it was before the write.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterator

from newsterm.core.library.errors import BUSY, LibraryBusy, is_busy, refused_write

WRITE_WAIT = 30.0
"""Seconds a write waits for another process's: a refresh writes one feed at a time (well
under a second each) and a first open migrates the schema, so this is time enough."""
WAIT_STEP_MS = 250  # SQLite's own busy wait per attempt: between attempts the wait is told


@contextlib.contextmanager
def write_transaction(
    db: sqlite3.Connection, wait: float, on_wait: Callable[[str], None] | None
) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT: all of it lands, or none of it does (WriteFailed)."""
    _begin(db, wait, on_wait)
    try:
        yield db
        db.execute("COMMIT")
    except BaseException as error:
        if db.in_transaction:  # a full disk makes SQLite roll back by itself
            db.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error) and (refused := refused_write(error)):
            raise refused from None
        raise


def _begin(db: sqlite3.Connection, wait: float, on_wait: Callable[[str], None] | None) -> None:
    """Take the write lock, waiting for another process's write in short steps, so the
    wait can be told; LibraryBusy once `wait` seconds have passed."""
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            db.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error):
                raise
            if time.monotonic() >= deadline:
                raise LibraryBusy(f"{BUSY}; gave up after {wait:g} s") from None
            if not told and on_wait:
                on_wait(f"{BUSY}; waiting…")
                told = True
