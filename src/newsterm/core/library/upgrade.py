"""A library written by an earlier newsterm, brought up to date before anything uses it.

An upgrade that reads every story (re-indexing search) takes a while on a big
library. The front door runs it first and passes on how far it is, so the person
sees the upgrade at work instead of a command (or the reader) that seems to hang.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from newsterm.core.library.schema import SCHEMA_VERSION, Progress
from newsterm.core.library.store import Store


def upgrade_library(path: Path, progress: Progress) -> str | None:
    """Upgrade the library file at `path` if an earlier version wrote it.

    Returns what the person must be told besides the progress (a damaged file that was
    moved aside), else None. Raises StoreError when the library cannot be used.
    """
    if not _is_older(path):
        return None
    store = Store(path, progress=progress, on_wait=progress)
    store.close()
    return store.notice


def _is_older(path: Path) -> bool:
    """A quick look at the file's schema version, without writing or creating anything."""
    if not path.is_file():
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return False  # damaged, locked or unreadable: the command's own opening says so
    return 0 < version < SCHEMA_VERSION
