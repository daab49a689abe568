"""How a feed's batch of rows lands in the table: which stored stories it may be, and the
columns and ids of the stories it adds.

The pairing itself (which item is which story) is library/merge.py, pure rules
with no database; this is the SQL around it, one query per 500 identities
however long the feed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from newsterm.core.library.merge import Stored
from newsterm.core.library.records import section_path
from newsterm.core.library.story_rows import StoryRow, key
from newsterm.core.model import stable_id

_STORED = "SELECT rowid, id, identity, content_key, title_key, published FROM articles "
_CHUNK = 500  # well under SQLite's limit on the parameters of one statement


def stored(db: sqlite3.Connection, feed_id: int | None, rows: list[StoryRow]) -> list[Stored]:
    """The feed's stories that share an identity with a row: one query per 500 identities."""
    wanted = list(dict.fromkeys(k for r in rows for k in (r.identity, r.legacy_identity) if k))
    found: list[Stored] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        query = _STORED + f"WHERE feed_id IS ? AND identity IN ({marks}) ORDER BY rowid"
        found += [Stored(*entry) for entry in db.execute(query, (feed_id, *chunk))]
    return found


def orphans(db: sqlite3.Connection, feed_id: int | None, rows: list[StoryRow]) -> dict[str, Stored]:
    """Starred stories kept from a feed that was removed, taken back when it is added again."""
    if feed_id is None or not rows:
        return {}
    identities = {row.id: row.identity for row in rows}
    adopted: dict[str, Stored] = {}
    for start in range(0, len(rows), _CHUNK):
        chunk = [row.id for row in rows[start : start + _CHUNK]]
        marks = ",".join("?" * len(chunk))
        query = _STORED + f"WHERE feed_id IS NULL AND id IN ({marks})"
        for entry in db.execute(query, chunk):
            orphan = Stored(*entry)
            if identities[orphan.id] == orphan.identity:
                adopted[orphan.id] = orphan
    return adopted


def scoped(row: StoryRow, scope: str) -> StoryRow:
    """A local file's item: its identity within that file (before, it was the bare one)."""
    return replace(row, identity=key(f"{scope}\x00{row.identity}"), legacy_identity=row.identity)


def insert(db: sqlite3.Connection, row: StoryRow, values: tuple[object, ...]) -> int:
    """Store a new story under the item's own id, unless another story has it (the same
    guid in another feed, a second item under one guid): then under one derived from it,
    the same on every run. `values` are the feed's id and `columns`. Returns its rowid."""
    story_id = row.id
    while True:
        cursor = db.execute(
            "INSERT INTO articles(id, feed_id, identity, url_key, content_key, url, title, "
            "source, published, doc, title_key, section_path, fetched_at, authors) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            (story_id, *values),
        )
        if cursor.rowcount:
            return int(cursor.lastrowid or 0)
        story_id = stable_id(f"{story_id}\x00{row.identity}\x00{row.content_key}")


def update(db: sqlite3.Connection, rowid: int, values: tuple[object, ...]) -> None:
    """Store a story's new text (and the feed it is in now) over the stored one; its marks
    stay. `values` are the feed's id and `columns`, as for `insert`."""
    db.execute(
        "UPDATE articles SET feed_id = ?, identity = ?, url_key = ?, "
        "content_key = ?, url = ?, title = ?, source = ?, published = ?, doc = ?, "
        "title_key = ?, section_path = ?, fetched_at = ?, authors = ? WHERE rowid = ?",
        (*values, rowid),
    )


def columns(row: StoryRow, sections: tuple[str, ...] | None, now: float) -> tuple[object, ...]:
    """The stored columns a row brings, in the order `insert` and `update` name them after
    the feed's id. `sections` overrides the story's own (None keeps them)."""
    chosen = sections if sections is not None else (row.sections or ("Other",))
    return (
        row.identity,
        row.url_key,
        row.content_key,
        row.url,
        row.title,
        row.source,
        row.published,
        row.doc,
        row.title_key,
        section_path(chosen),
        now,
        row.authors,
    )
