"""The library's side of sync (core/sync): which stories came from the server and under
what number, the marks the server last gave each, and the marks made here that wait to
be pushed (queued by a trigger, schema v12, whatever changed them).

A mark goes one way at a time: one changed here is pushed, then the server's marks
are applied only where the server changed them since it last said (so a mark made
here is never undone by the server's older word), and never to a story with a mark
still waiting to go.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsterm.core.library.store import Store
from newsterm.core.library.story_rows import story_row
from newsterm.core.model import Article, Mark

_ACCOUNT, _SINCE = "account", "since"


@dataclass(frozen=True, slots=True)
class Waiting:
    """A mark made here, to push: the story's number on the server and its new value."""

    story: int
    item: str
    mark: Mark
    value: bool


@dataclass(frozen=True, slots=True)
class Synced:
    """A server story as the library holds it: its marks there and here."""

    story: int
    item: str
    server_read: bool
    server_starred: bool


def since(store: Store, account: str) -> str | None:
    """Where the last sync with `account` stopped (None: it never ran). A library that
    synced with another account forgets that account's numbers (its stories stay)."""
    rows = dict(store.db.execute("SELECT key, value FROM sync_state").fetchall())
    if rows.get(_ACCOUNT) == account:
        return rows.get(_SINCE)
    with store.transaction() as db:
        db.execute("DELETE FROM synced_stories")
        db.execute("DELETE FROM marks_to_push")
        db.execute("DELETE FROM sync_state")
        db.execute("INSERT INTO sync_state VALUES (?, ?)", (_ACCOUNT, account))
    return None


def waiting(store: Store) -> list[Waiting]:
    rows = store.db.execute(
        "SELECT m.story, s.item, m.mark, m.value FROM marks_to_push m "
        "JOIN synced_stories s ON s.rowid = m.story ORDER BY m.rowid"
    ).fetchall()
    return [Waiting(story, item, mark, bool(value)) for story, item, mark, value in rows]


def pushed(store: Store, marks: Iterable[Waiting]) -> None:
    """These marks reached the server: the server now says so too (unless the mark
    changed here again meanwhile, which then still waits)."""
    with store.transaction() as db:
        for mark in marks:
            column = "server_read" if mark.mark == "read" else "server_starred"
            db.execute(
                f"UPDATE synced_stories SET {column} = ? WHERE rowid = ?",
                (int(mark.value), mark.story),
            )
            db.execute(
                "DELETE FROM marks_to_push WHERE story = ? AND mark = ? AND value = ?",
                (mark.story, mark.mark, int(mark.value)),
            )


def keep_items(
    store: Store,
    feed_id: int,
    stories: list[tuple[str, Article, bool, bool]],
    sections: tuple[str, ...],
) -> int:
    """Store the server's stories of one feed (item, article, read, starred); how many
    were new. A story already held keeps its marks here; a new one takes the server's."""
    rows = [story_row(article) for _, article, _, _ in stories]
    saved = store.save_rows(feed_id, rows, sections=sections)
    after = store.stored_ids(feed_id, rows)
    with store.transaction() as db:
        for (item, _, read, starred), story_id in zip(stories, after, strict=True):
            row = db.execute("SELECT rowid FROM articles WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                continue
            known = db.execute("SELECT 1 FROM synced_stories WHERE item = ?", (item,)).fetchone()
            if known is None:  # new to sync (even if a sync cut short stored its text): the
                # server's marks, before it is a synced story (so they are not pushed back)
                db.execute(
                    "UPDATE articles SET read = ?, starred = ? WHERE rowid = ?",
                    (int(read), int(starred), row[0]),
                )
            db.execute(
                "INSERT OR IGNORE INTO synced_stories(rowid, item, server_read, server_starred) "
                "VALUES (?, ?, ?, ?)",
                (row[0], item, int(read), int(starred)),
            )
    return saved.new


def move_point(store: Store, point: str) -> None:
    """Every story up to `point` is kept: the next sync asks for those after it."""
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO sync_state VALUES (?, ?)", (_SINCE, point))


def synced(store: Store) -> list[Synced]:
    rows = store.db.execute(
        "SELECT rowid, item, server_read, server_starred FROM synced_stories"
    ).fetchall()
    return [Synced(story, item, bool(read), bool(starred)) for story, item, read, starred in rows]


def apply(store: Store, changes: Iterable[tuple[Synced, Mark, bool]]) -> int:
    """The server's marks that changed there since it last said, made here too (but not
    over a mark made here that still waits); how many stories changed."""
    changed = 0
    with store.transaction() as db:
        queued = db.execute("SELECT coalesce(max(rowid), 0) FROM marks_to_push").fetchone()[0]
        for story, mark, value in changes:
            column = "server_read" if mark == "read" else "server_starred"
            db.execute(
                f"UPDATE synced_stories SET {column} = ? WHERE rowid = ?",
                (int(value), story.story),
            )
            cursor = db.execute(
                f"UPDATE articles SET {mark} = ? WHERE rowid = ? AND {mark} != ? AND NOT EXISTS "
                "(SELECT 1 FROM marks_to_push WHERE story = ? AND mark = ?)",
                (int(value), story.story, int(value), story.story, mark),
            )
            changed += cursor.rowcount
        db.execute("DELETE FROM marks_to_push WHERE rowid > ?", (queued,))  # the server's own
    return changed


def server_dropped(store: Store, stories: Iterable[Synced]) -> None:
    """Stories the server deleted: its lists name them no more, but their marks here stay
    as they are (and are never pushed: they did not change here)."""
    with store.transaction() as db:
        db.executemany(
            "UPDATE synced_stories SET server_read = 1, server_starred = 0 WHERE rowid = ?",
            [(story.story,) for story in stories],
        )
