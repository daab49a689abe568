"""Opening the library file: SQLite set up for sharing, an older file upgraded, a damaged
one moved aside.

WAL mode lets two newsterm processes share the file (one writes while the other
reads). A first open after an update upgrades the file (library/schema.py) in
one transaction, which waits for another process's write like any other write.
A corrupt or foreign file is kept for the person to inspect, renamed, and a
fresh library started, so the reader still opens; anything else that stops the
file from opening (a newer schema, a folder that cannot be written) is one line.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from newsterm.core.library.errors import StoreError, is_busy, is_damage
from newsterm.core.library.schema import MIGRATIONS, SCHEMA_VERSION, Progress
from newsterm.core.library.transaction import WAIT_STEP_MS, write_transaction
from newsterm.core.text.clean import clean_line

MEMORY = ":memory:"
PAGE_SIZE = 8192
WAL_PAGES = 4096
CACHE_KIB = 16384  # a refresh writes into every index at random places: keep them in memory


def open_library(
    path: Path | str, progress: Progress, wait: float, on_wait: Callable[[str], None] | None
) -> tuple[sqlite3.Connection, str | None]:
    """The open, up-to-date library, and what the person must be told about opening it
    (a damaged file moved aside), else None. StoreError when it cannot be used."""
    try:
        return _connect(path, progress, wait, on_wait), None
    except PermissionError as error:
        raise StoreError(f"cannot write the library at {path}: {error.strerror}") from None
    except sqlite3.OperationalError as error:
        if "unable to open" in str(error) or "readonly" in str(error):
            raise StoreError(
                f"cannot open the library at {path} for writing ({error}); "
                "check that its folder exists and is writable"
            ) from None
        raise
    except sqlite3.DatabaseError as error:
        if path == MEMORY or not is_damage(error):
            raise  # "database is locked" is another newsterm at work, not damage
        moved = _move_aside(Path(path))
        notice = (
            f"The library file was damaged ({clean_line(str(error))}); it was moved to "
            f"{moved.name} and a fresh library was started."
        )
        return _connect(path, progress, wait, on_wait), notice


def _connect(
    path: Path | str, progress: Progress, wait: float, on_wait: Callable[[str], None] | None
) -> sqlite3.Connection:
    if path != MEMORY:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(str(path), timeout=WAIT_STEP_MS / 1000, isolation_level=None)
    try:
        # A stored story is about 2 KB: 4 KB pages held one each, half empty. Only a new
        # file takes the size (an existing one keeps its own).
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        db.execute(f"PRAGMA busy_timeout = {WAIT_STEP_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if path != MEMORY:
            _use_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")
            # Copy the log into the file every 32 MiB, not every 8: a refresh rewrites
            # the same index pages over and over, and each copy ends in an fsync.
            db.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGES}")
            db.execute(f"PRAGMA journal_size_limit = {WAL_PAGES * PAGE_SIZE}")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _upgrade(db, progress, wait, on_wait)
        _probe(db)
    except (sqlite3.DatabaseError, StoreError):
        db.close()
        raise
    return db


def _upgrade(
    db: sqlite3.Connection, progress: Progress, wait: float, on_wait: Callable[[str], None] | None
) -> None:
    """Run the schema steps this file has not had; a newer newsterm's file is left alone."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        db.close()
        raise StoreError(
            f"this library was written by a newer newsterm (schema {version}; this version "
            f"reads up to {SCHEMA_VERSION}): update newsterm to open it; it was left as it is"
        )
    if version == SCHEMA_VERSION:
        return
    with write_transaction(db, wait, on_wait):
        version = db.execute("PRAGMA user_version").fetchone()[0]  # another process?
        for number in range(version, SCHEMA_VERSION):
            MIGRATIONS[number](db, progress)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _probe(db: sqlite3.Connection) -> None:
    """Touch the first page of every table and index, so damage shows at open, not mid-read.

    Cheap (a handful of pages whatever the library's size), unlike an integrity check.
    """
    for name, kind in db.execute(
        "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'index') "
        "AND name NOT LIKE 'sqlite_%' AND sql IS NOT NULL"
    ).fetchall():
        if kind == "table" and not name.startswith("articles_fts"):
            db.execute(f'SELECT * FROM "{name}" LIMIT 1').fetchall()
    db.execute("SELECT id FROM articles ORDER BY published DESC LIMIT 1").fetchall()
    db.execute("SELECT section_path FROM articles INDEXED BY articles_counts LIMIT 1").fetchall()
    db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'newsterm' LIMIT 1")


def _use_wal(db: sqlite3.Connection, patience: float = 15.0) -> None:
    """Switch to WAL once; the switch answers SQLITE_BUSY at once when another process
    is opening the same new file, so wait for it like the busy timeout would."""
    deadline = time.monotonic() + patience
    while db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _move_aside(path: Path) -> Path:
    """Keep a damaged library for the person to inspect; never delete it silently."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    attempt = 1
    while any(target.with_name(target.name + end).exists() for end in ("", "-wal", "-shm")):
        attempt += 1  # an earlier damaged copy from the same second: never overwrite it
        target = path.with_name(f"{path.name}.damaged-{stamp}-{attempt}")
    path.replace(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(target.with_name(target.name + suffix))
    return target
