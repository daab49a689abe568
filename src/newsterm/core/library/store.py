"""The library on disk: one SQLite file of feeds, articles, read/starred state and a search index.

Every article is stored whole (the document model, compressed), so everything
reads offline. Writes happen one transaction per feed, so a `kill -9` in the
middle of a refresh leaves either all of a feed's new items or none of them.
WAL mode lets two newsterm processes share the file; a write waits for the other's
(saying so), then gives up in one line, as does a write the disk cannot hold. All
SQL is parameterised; keys built from feed data are hashed, so a hostile
10 MB guid costs 32 bytes of index.

This is the Store's reading and writing of feeds, stories and marks; its neighbours
hold the rest: opening.py (the file, WAL, a damaged file), schema.py (the tables
and their upgrades), transaction.py and errors.py (waiting, and what fails),
search.py (the search index), saving.py and merge.py (how a feed's batch lands).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from newsterm.core.library import coverage, saving
from newsterm.core.library import search as search_index
from newsterm.core.library.errors import BUSY, StoreError, WriteFailed
from newsterm.core.library.merge import pair, without_repeats
from newsterm.core.library.opening import MEMORY, open_library
from newsterm.core.library.query import ALL, ORDERS, Query, filters
from newsterm.core.library.records import (
    FEED_COLUMNS,
    feed_row,
    headline,
    section_path,
    sections_of,
)
from newsterm.core.library.rules import Rule, apply_rules
from newsterm.core.library.schema import SCHEMA_VERSION, Progress, quiet
from newsterm.core.library.stored_story import opened, with_words
from newsterm.core.library.story_rows import (
    StoryRow,
    authors_text,
    encode_doc,
    key,
    story_row,
    title_key,
)
from newsterm.core.library.transaction import WRITE_WAIT, write_transaction
from newsterm.core.model import Article, FeedRow, Headline, Link, SearchHit
from newsterm.core.related.recent import RecentStories
from newsterm.core.text.url_key import url_key

__all__ = [  # what callers have always imported from here, wherever it now lives
    "BUSY",
    "MEMORY",
    "SCHEMA_VERSION",
    "WRITE_WAIT",
    "Query",
    "SaveResult",
    "Store",
    "StoreError",
    "WriteFailed",
]


_COVERAGE = "(SELECT count(*) FROM story_matches m WHERE m.story = articles.rowid AND m.kind > 1)"
"""A headline's count of other outlets' reports of its event, as its related list shows
them (library/coverage.py)."""
_HEADLINE_COLUMNS = f"id, title, source, published, url, section_path, read, starred, {_COVERAGE}"


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What saving a feed's items did: stories added, and stories whose text changed."""

    new: int
    updated: int


class Store:
    """One open library file. Not thread-safe: use it from the thread that opened it."""

    def __init__(
        self,
        path: Path | str = MEMORY,
        progress: Progress = quiet,
        *,
        wait: float = WRITE_WAIT,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """`wait`: seconds a write waits for another process's; `on_wait` is told once
        per write that has to wait (a line on stderr, a notification)."""
        self.path = path
        self.wait = wait
        self.on_wait = on_wait
        self.progress = progress
        """Where an upgrade of an older library file says how far it is."""
        # `notice`: what opening did that the person must be told (a damaged file moved).
        self.db, self.notice = open_library(path, progress, wait, on_wait)
        self._recent: RecentStories | None = None
        """The recent stories new ones are matched against, read on the first match."""
        self._recent_version = 0
        """The file's data_version when they were read: another process's writes since
        (a refresh from cron) mean reading them again."""
        self._unmatched: deque[int] | None = None
        """The backlog still to match, in order, read on the first match_backlog."""

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA optimize")
        self.db.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT: all of it lands, or none of it does (WriteFailed)."""
        try:
            with write_transaction(self.db, self.wait, self.on_wait) as db:
                yield db
        except BaseException:
            self._forget_matching()  # it may hold stories the transaction did not store
            raise

    def optimize(self) -> None:
        """Give the query planner fresh statistics (cheap; run after a refresh). Only a
        help: a busy or full library goes without."""
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA optimize")

    # ---- feeds ------------------------------------------------------------------------

    def ensure_feed(self, url: str, title: str = "", sections: Iterable[str] = ()) -> int:
        path = section_path(sections)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO feeds(url, title, section_path) VALUES (?, ?, ?) "
                "ON CONFLICT(url) DO UPDATE SET section_path = excluded.section_path, "
                "title = CASE WHEN excluded.title != '' THEN excluded.title ELSE title END",
                (url, title, path),
            )
            row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
        return int(row[0])

    def feeds(self) -> list[FeedRow]:
        rows = self.db.execute(f"SELECT {FEED_COLUMNS} FROM feeds ORDER BY id").fetchall()
        return [feed_row(row) for row in rows]

    def feed(self, url: str) -> FeedRow | None:
        row = self.db.execute(f"SELECT {FEED_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
        return feed_row(row) if row else None

    def move_feed(self, url: str, sections: tuple[str, ...]) -> None:
        """File a feed (and every story it brought) under other sections."""
        with self.transaction() as db:
            row = db.execute("SELECT id, title FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:
                return
            feed_id, title = row
            db.execute(
                "UPDATE feeds SET section_path = ? WHERE id = ?", (section_path(sections), feed_id)
            )
            db.execute(
                "UPDATE articles SET section_path = ? WHERE feed_id = ?",
                (section_path((*sections, title or url)), feed_id),
            )

    def remove_feed(self, url: str) -> bool:
        """Forget a feed and its stories, except the starred ones (kept, of no feed)."""
        with self.transaction() as db:
            row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:
                return False
            rowids = db.execute(
                "SELECT rowid FROM articles WHERE feed_id = ? AND starred = 0", (row[0],)
            ).fetchall()
            for (rowid,) in rowids:
                search_index.unindex(db, rowid)
            db.execute("DELETE FROM articles WHERE feed_id = ? AND starred = 0", (row[0],))
            db.execute("UPDATE articles SET feed_id = NULL WHERE feed_id = ?", (row[0],))
            db.execute("DELETE FROM feeds WHERE id = ?", (row[0],))
        self._forget_matching()  # it holds the stories that went
        return True

    def record_check(
        self,
        feed_id: int,
        *,
        status: str,
        error: str | None = None,
        next_check_at: float | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        now: float | None = None,
    ) -> None:
        """What the last refresh of a feed found (304, an error, a retry time)."""
        now = now or time.time()
        failing_since = now if status == "error" else None
        with self.transaction() as db:
            db.execute(
                "UPDATE feeds SET last_status = ?, last_error = ?, checked_at = ?, "
                "next_check_at = ?, etag = COALESCE(?, etag), "
                "last_modified = COALESCE(?, last_modified), "
                "failing_since = CASE WHEN ? IS NULL THEN NULL "
                "ELSE COALESCE(failing_since, ?) END WHERE id = ?",
                (
                    status, error, now, next_check_at, etag, last_modified,
                    failing_since, failing_since, feed_id,
                ),
            )  # fmt: skip

    # ---- articles ---------------------------------------------------------------------

    def save_articles(
        self, feed_id: int | None, articles: Iterable[Article], scope: str = "", **options: Any
    ) -> SaveResult:
        """`save_rows` for articles at hand (a refresh builds rows where it parsed them).

        Stories of no feed (local files) are told apart by `scope`, their file: two files
        holding items with one guid are two sets of stories, as two feeds would be.
        """
        rows = [story_row(article) for article in articles]
        if feed_id is None and scope:
            rows = [saving.scoped(row, scope) for row in rows]
        return self.save_rows(feed_id, rows, **options)

    def save_rows(
        self,
        feed_id: int | None,
        rows: Iterable[StoryRow],
        *,
        sections: tuple[str, ...] | None = None,
        feed_title: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        next_check_at: float | None = None,
        now: float | None = None,
    ) -> SaveResult:
        """Merge a feed's items into its stories (library/merge.py) in ONE transaction.

        An item seen before keeps its id and its read/starred state; only its
        text is updated. `sections` overrides each story's own breadcrumb
        (a subscription's folder); None keeps the story's sections.
        """
        now = now or time.time()
        new = updated = 0
        batch = without_repeats(rows)
        with self.transaction() as db:
            paired = pair(batch, saving.stored(db, feed_id, batch))
            unpaired = [row for row, entry in zip(batch, paired, strict=True) if entry is None]
            adopted = saving.orphans(db, feed_id, unpaired)
            indexed: list[tuple[int, tuple[str, str, str]]] = []
            seen: list[int] = []
            added: list[tuple[int, float, bytes]] = []
            edited: list[tuple[bytes, int]] = []
            for row, existing in zip(batch, paired, strict=True):
                orphan = adopted.get(row.id)
                existing = existing or orphan
                values = (feed_id, *saving.columns(row, sections, now))
                if existing is None:
                    rowid = saving.insert(db, row, values)
                    added.append((rowid, row.published or now, row.signature))
                    new += 1
                else:
                    rowid = existing.rowid
                    changed = existing.content_key != row.content_key
                    if not (changed or orphan or existing.identity != row.identity):
                        seen.append(rowid)
                        continue
                    search_index.unindex(db, rowid)
                    saving.update(db, rowid, values)
                    edited.append((row.signature, rowid))
                    updated += changed
                seen.append(rowid)
                indexed.append((rowid, row.indexed))
            search_index.index_words(db, indexed)
            self._file(db, feed_id, added, edited)
            db.executemany(
                "UPDATE articles SET last_seen = ? WHERE rowid = ?",
                [(now, rowid) for rowid in seen],
            )
            if feed_id is not None:
                db.execute(
                    "UPDATE feeds SET last_status = 'ok', last_error = NULL, checked_at = ?, "
                    "next_check_at = ?, etag = ?, last_modified = ?, failing_since = NULL, "
                    "title = COALESCE(NULLIF(?, ''), title) WHERE id = ?",
                    (now, next_check_at, etag, last_modified, feed_title or "", feed_id),
                )
        return SaveResult(new, updated)

    def _file(
        self,
        db: sqlite3.Connection,
        feed_id: int | None,
        added: list[tuple[int, float, bytes]],
        edited: list[tuple[bytes, int]],
    ) -> None:
        """Match new stories with the recent ones (library/coverage.py); an edited story
        keeps its event and pairs, and its new signature is matched against from the next
        time the recent stories are read."""
        db.executemany("UPDATE story_signatures SET terms = ? WHERE rowid = ?", edited)
        if added:
            coverage.file_stories(db, self._recent_in(db), feed_id, added)

    def _recent_in(self, db: sqlite3.Connection) -> RecentStories:
        version = int(db.execute("PRAGMA data_version").fetchone()[0])
        if self._recent is None or version != self._recent_version:
            self._recent, self._recent_version = coverage.load_recent(db), version
        elif len(self._recent) > coverage.MOST_LOADED * 5 // 4:
            self._recent.trim(coverage.MOST_LOADED)
        return self._recent

    def _forget_matching(self) -> None:
        self._recent = self._unmatched = None

    def stored_ids(self, feed_id: int | None, rows: list[StoryRow]) -> list[str | None]:
        """The id each row already has in this feed (None: a new story), without saving."""
        paired = pair(rows, saving.stored(self.db, feed_id, rows))
        return [entry.id if entry else None for entry in paired]

    def article(self, story_id: str) -> Article | None:
        """The story as the reader shows it, read from its stored form once."""
        row = self.db.execute("SELECT doc FROM articles WHERE id = ?", (story_id,)).fetchone()
        return opened(row[0], story_id) if row else None

    def replace_article(self, article: Article) -> None:
        """Store a fuller text of a story (its page, fetched on starring or with `x`); marks
        are kept, and so is the feed's own text, the first time it is replaced."""
        row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is None:
            return
        doc = encode_doc(article)
        with self.transaction() as db:
            search_index.unindex(db, row[0])
            db.execute(
                "UPDATE articles SET feed_doc = COALESCE(feed_doc, doc), doc = ?, authors = ? "
                "WHERE rowid = ?",
                (doc, authors_text(article), row[0]),
            )
            search_index.index(db, row[0], article)

    def has_feed_text(self, story_id: str) -> bool:
        row = self.db.execute(
            "SELECT feed_doc IS NOT NULL FROM articles WHERE id = ?", (story_id,)
        ).fetchone()
        return bool(row and row[0])

    def feed_text(self, story_id: str) -> Article | None:
        """The feed's own text of a story whose page was fetched; None if it never was."""
        row = self.db.execute("SELECT feed_doc FROM articles WHERE id = ?", (story_id,)).fetchone()
        return opened(row[0], story_id) if row and row[0] is not None else None

    def feed_url_of(self, story_id: str) -> str | None:
        row = self.db.execute(
            "SELECT f.url FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?",
            (story_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def headlines(
        self, query: Query = ALL, limit: int = 1_000_000, offset: int = 0
    ) -> list[Headline]:
        """In the query's order (newest first, undated last, unless it says otherwise), one
        page at a time."""
        where, params = filters(query)
        rows = self.db.execute(
            f"SELECT {_HEADLINE_COLUMNS} FROM articles WHERE {where} "
            f"ORDER BY {ORDERS[query.order]} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [headline(row) for row in rows]

    def listed_ids(self, query: Query) -> list[str]:
        """Every id `headlines(query)` lists, in its order, as it is now (an order the marks
        change is kept as it was listed: HeadlineWindow)."""
        where, params = filters(query)
        sql = f"SELECT id FROM articles WHERE {where} ORDER BY {ORDERS[query.order]}"
        return [str(row[0]) for row in self.db.execute(sql, params)]

    def headlines_of(self, story_ids: list[str]) -> list[Headline]:
        """These stories' headlines, in the order given (a story no longer stored is left
        out)."""
        marks = ",".join("?" * len(story_ids))
        rows = self.db.execute(
            f"SELECT {_HEADLINE_COLUMNS} FROM articles WHERE id IN ({marks})", story_ids
        ).fetchall()
        found = {row[0]: headline(row) for row in rows}
        return [found[i] for i in story_ids if i in found]

    def position(self, query: Query, story_id: str) -> int | None:
        """Where a story sits in `headlines(query)`, counted without loading the list."""
        where, params = filters(query)
        if query.order != "newest":  # numbered in SQL: one pass over the view's stories
            found = self.db.execute(
                f"SELECT n FROM (SELECT id, row_number() OVER (ORDER BY {ORDERS[query.order]}) "
                f"- 1 AS n FROM articles WHERE {where}) WHERE id = ?",
                (*params, story_id),
            ).fetchone()
            return int(found[0]) if found else None
        here = self._listed_at(story_id)
        if here is None:
            return None
        above, extra = _above(*here)
        found = self.db.execute(
            f"SELECT count(*) FROM articles WHERE {where} AND {above}", (*params, *extra)
        ).fetchone()[0]
        listed = self.db.execute(
            f"SELECT 1 FROM articles WHERE {where} AND id = ?", (*params, story_id)
        ).fetchone()
        return int(found) if listed else None

    def nearest_unread(self, query: Query, story_id: str, step: int) -> str | None:
        """The first unread story after `story_id` (step +1) or before it (-1) in
        `headlines(query)`'s newest-first order (undated last, then as stored)."""
        assert query.order == "newest", "other orders are walked row by row (HeadlineWindow)"
        here = self._listed_at(story_id)
        if here is None:
            return None
        where, params = filters(replace(query, unread=True))
        if step > 0:
            (past, extra), order = _below(*here), "published DESC, rowid"
        else:  # nearest first: the reverse order, where undated stories come first
            (past, extra), order = _above(*here), "published, rowid DESC"
        found = self.db.execute(
            f"SELECT id FROM articles WHERE {where} AND {past} ORDER BY {order} LIMIT 1",
            (*params, *extra),
        ).fetchone()
        return str(found[0]) if found else None

    def _listed_at(self, story_id: str) -> tuple[float | None, int] | None:
        """What places a story in the headlines' order: (published, rowid)."""
        row = self.db.execute(
            "SELECT published, rowid FROM articles WHERE id = ?", (story_id,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def count_all(self, sql: str, params: tuple[object, ...]) -> int:
        """Stories a view condition (`{t}` columns) picks, hidden ones included."""
        found = self.db.execute(
            f"SELECT count(*) FROM articles WHERE {sql.replace('{t}', '')}", params
        ).fetchone()
        return int(found[0])

    def count(self, query: Query = ALL) -> int:
        where, params = filters(query)
        row = self.db.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()
        return int(row[0])

    def section_counts(self) -> dict[tuple[str, ...], tuple[int, int]]:
        """Total and unread stories for every section path (leaves only; callers roll up)."""
        rows = self.db.execute(
            "SELECT section_path, count(*), sum(read = 0) FROM articles "
            "INDEXED BY articles_counts WHERE hidden = 0 GROUP BY section_path"
        ).fetchall()
        return {sections_of(path): (total, unread) for path, total, unread in rows}

    def find_related(self, link: Link, *, exclude: str | None = None) -> str | None:
        """The id of the story a related link means: by URL, else by normalised title."""
        lookups: list[tuple[str, str]] = []
        if link.url:
            lookups.append(("url_key", key(url_key(link.url))))
        if link.text:
            lookups.append(("title_key", title_key(link.text)))
        for column, value in lookups:
            row = self.db.execute(
                f"SELECT id FROM articles WHERE {column} = ? AND id IS NOT ? "
                "ORDER BY published DESC LIMIT 1",
                (value, exclude),
            ).fetchone()
            if row:
                return str(row[0])
        return None

    def covered(self, story_id: str) -> list[coverage.Covered]:
        """The same event in other outlets, then similar stories (library/coverage.py)."""
        return coverage.covered(self.db, story_id)

    def related_listing(self) -> Iterator[coverage.Listed]:
        """Every story with its related stories' ids (for `newsterm related`)."""
        return coverage.every_story(self.db)

    def backlog(self) -> int:
        """Stories stored before this newsterm matched stories, not matched yet."""
        return coverage.backlog(self.db)

    def match_backlog(self, limit: int = 500) -> int:
        """Match up to `limit` stories of the backlog, oldest first, in one transaction."""
        with self.transaction() as db:
            recent = self._recent_in(db)
            if self._unmatched is None:
                self._unmatched = deque(coverage.unmatched(db))
            batch = [self._unmatched.popleft() for _ in range(min(limit, len(self._unmatched)))]
            coverage.match_some(db, recent, batch)
            return len(batch)

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Stories with every word (or a word it begins), best first (library/search.py)."""
        return search_index.search(self.db, query, limit)

    # ---- marks ------------------------------------------------------------------------

    def holds(self, story_id: str) -> bool:
        """Whether the story is stored, without reading its body."""
        row = self.db.execute("SELECT 1 FROM articles WHERE id = ?", (story_id,)).fetchone()
        return row is not None

    def flags(self, story_id: str) -> tuple[bool, bool]:
        """(read, starred) of one story; (False, False) when it is not stored."""
        row = self.db.execute(
            "SELECT read, starred FROM articles WHERE id = ?", (story_id,)
        ).fetchone()
        return (bool(row[0]), bool(row[1])) if row else (False, False)

    def set_flag(self, story_id: str, column: str, value: bool) -> None:
        self.set_flags({(story_id, column): value})

    def set_flags(self, marks: Mapping[tuple[str, str], bool]) -> None:
        """Save marks, {(story id, "read" or "starred"): value}, in one transaction."""
        if any(column not in ("read", "starred") for _, column in marks):
            raise ValueError(sorted({column for _, column in marks}))
        with self.transaction() as db:
            for (story_id, column), value in marks.items():
                db.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (int(value), story_id))

    def mark_all_read(self, query: Query) -> list[str]:
        """Mark the query's unread stories read in one transaction; the ids it changed, so
        the change can be undone (`set_flags` with them unread)."""
        where, params = filters(replace(query, unread=True))
        with self.transaction() as db:
            ids = [row[0] for row in db.execute(f"SELECT id FROM articles WHERE {where}", params)]
            db.executemany("UPDATE articles SET read = 1 WHERE id = ?", [(i,) for i in ids])
        return ids

    # ---- upkeep -----------------------------------------------------------------------

    def last_rowid(self) -> int:
        """Where the stories stored from now on begin (rules run on those only)."""
        return int(self.db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])

    def apply_rules(self, rules: tuple[Rule, ...], after_rowid: int) -> list[int]:
        """Each rule's hits among the stories stored after `after_rowid` (library/rules.py)."""
        with self.transaction() as db:
            return apply_rules(db, rules, after_rowid, time.time())

    def prune(self, older_than_days: float, now: float | None = None) -> int:
        """Forget read, unstarred stories older than the given age that their feed no longer
        lists (so they cannot come back as unread); starred ones stay forever, and so do
        those whose marks still wait to be pushed to the sync server."""
        cutoff = (now or time.time()) - older_than_days * 86400
        with self.transaction() as db:
            rowids = db.execute(
                "SELECT rowid FROM articles WHERE read = 1 AND starred = 0 "
                "AND COALESCE(published, fetched_at) < ? AND COALESCE(last_seen, fetched_at) < ? "
                "AND rowid NOT IN (SELECT story FROM marks_to_push)",
                (cutoff, cutoff),
            ).fetchall()
            for (rowid,) in rowids:
                search_index.unindex(db, rowid)
            db.executemany("DELETE FROM articles WHERE rowid = ?", rowids)
        if rowids:
            self._forget_matching()  # it holds the stories that went
        return len(rowids)

    def check(self) -> list[str]:
        """Consistency problems: every article readable and indexed once (for tests, tools)."""
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        articles = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        indexed = self.db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
        if articles != indexed:
            problems.append(f"{articles} articles but {indexed} index entries")
        for (doc,) in self.db.execute("SELECT doc FROM articles"):
            if with_words(doc) is None:
                problems.append("an unreadable article")
        return problems


def _above(published: float | None, rowid: int) -> tuple[str, tuple[object, ...]]:
    """The stories listed above one in the headlines (newest first, undated last, then
    in the order stored), as a condition and its parameters."""
    if published is None:
        return "(published IS NOT NULL OR rowid < ?)", (rowid,)
    return "(published > ? OR (published = ? AND rowid < ?))", (published, published, rowid)


def _below(published: float | None, rowid: int) -> tuple[str, tuple[object, ...]]:
    """The stories listed below one in the headlines."""
    if published is None:
        return "(published IS NULL AND rowid > ?)", (rowid,)
    return (
        "(published < ? OR (published = ? AND rowid > ?) OR published IS NULL)",
        (published, published, rowid),
    )
