"""The library on disk: one SQLite file of feeds, articles, read/starred state and a search index.

Every article is stored whole (the document model, compressed), so everything
reads offline. Writes happen one transaction per feed, so a `kill -9` in the
middle of a refresh leaves either all of a feed's new items or none of them.
WAL mode lets two newsterm processes share the file; a write waits for the other's
(saying so), then gives up in one line, as does a write the disk cannot hold. All
SQL is parameterised; keys built from feed data are hashed, so a hostile
10 MB guid costs 32 bytes of index.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsterm.core.library.merge import Stored, pair, without_repeats
from newsterm.core.library.snippet import search_terms, snippet
from newsterm.core.library.story_rows import (
    StoryRow,
    decode_doc,
    encode_doc,
    indexed_text,
    key,
    story_row,
    text_key,
    title_key,
)
from newsterm.core.model import Article, FeedRow, Headline, Link, SearchHit, stable_id
from newsterm.core.text.clean import clean_line
from newsterm.core.text.url_key import url_key

Progress = Callable[[str], None]
"""Where a long upgrade says how far it is: one line at a time, for a person to read."""

SECTION_SEPARATOR = "\x1f"
MEMORY = ":memory:"
PAGE_SIZE = 8192
WAL_PAGES = 4096
CACHE_KIB = 16384  # a refresh writes into every index at random places: keep them in memory
_COLUMN_DETAIL = "detail = column, "  # see _v5
REPORT_EVERY = 5000  # stories between two progress lines of an upgrade that reads them all
WRITE_WAIT = 30.0
"""Seconds a write waits for another process's: a refresh writes one feed at a time (well
under a second each) and a first open migrates the schema, so this is time enough."""
WAIT_STEP_MS = 250  # SQLite's own busy wait per attempt: between attempts the wait is told
BUSY = "library is busy (another newsterm is writing)"


@dataclass(frozen=True, slots=True)
class Query:
    """Which stories: a section (and everything below it), one feed's, unread, starred,
    newer than."""

    section: tuple[str, ...] | None = None
    feed: str | None = None
    """A subscription's URL: only the stories it brought."""
    unread: bool = False
    starred: bool = False
    since: float | None = None


ALL = Query()


@dataclass(frozen=True, slots=True)
class SaveResult:
    new: int
    updated: int


def quiet(line: str) -> None:
    """Progress nobody asked to see."""


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run statements inside the caller's transaction (executescript would COMMIT it)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    _script(
        db,
        """
        CREATE TABLE feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            section_path TEXT NOT NULL DEFAULT '',
            etag TEXT,
            last_modified TEXT,
            last_status TEXT,
            last_error TEXT,
            checked_at REAL,
            next_check_at REAL
        );
        CREATE TABLE articles (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            feed_id INTEGER REFERENCES feeds(id) ON DELETE CASCADE,
            guid_key TEXT,
            url_key TEXT,
            content_key TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',
            section_path TEXT NOT NULL DEFAULT '',
            published REAL,
            fetched_at REAL NOT NULL,
            read INTEGER NOT NULL DEFAULT 0,
            starred INTEGER NOT NULL DEFAULT 0,
            doc BLOB NOT NULL
        );
        CREATE INDEX articles_feed_guid ON articles(feed_id, guid_key);
        CREATE INDEX articles_url ON articles(url_key);
        CREATE INDEX articles_content ON articles(feed_id, content_key);
        CREATE INDEX articles_published ON articles(published DESC, rowid);
        CREATE INDEX articles_section ON articles(section_path, published DESC);
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, summary, body, tokenize = 'unicode61 remove_diacritics 2'
        );
        """,
    )


def _v2(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Related stories are found by title too: index a normalised title key."""
    db.execute("ALTER TABLE articles ADD COLUMN title_key TEXT")
    for rowid, title in db.execute("SELECT rowid, title FROM articles").fetchall():
        db.execute("UPDATE articles SET title_key = ? WHERE rowid = ?", (title_key(title), rowid))
    db.execute("CREATE INDEX articles_title ON articles(title_key)")
    db.execute("CREATE INDEX articles_unread ON articles(read, published DESC)")


def _v3(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Search without a second copy of every story, and counts from an index, not the table.

    The v1 search index stored its own copy of every text (about 60% of the
    file); a contentless index keeps only the words. Section and smart-view
    counts scan a covering index instead of rows that carry whole stories.
    """
    _new_search_index(db, "")  # filled by _v7
    db.execute("CREATE INDEX articles_counts ON articles(section_path, read, starred, published)")


def _v4(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """When each story was last in its feed: pruning must not delete what the feed still
    lists (it would come back as unread at the next refresh)."""
    db.execute("ALTER TABLE articles ADD COLUMN last_seen REAL")
    db.execute("UPDATE articles SET last_seen = fetched_at")


def _v5(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Keep which words each column holds, not where (`detail=column`): a smaller index
    that is quicker to write. Search asks for words and prefixes by column, never phrases
    or bm25 scores, which are what the positions were for."""
    _new_search_index(db, _COLUMN_DETAIL)  # filled by _v7


def _v6(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Story identity within a feed (core/merge.py): guid, else URL, else text; never the URL
    of an item that has a guid, never another feed's story.

    Earlier versions folded items that shared a link (131 podcast episodes became 8), and
    dropped another feed's copy of a story. The folded items are still in their feeds,
    so every feed is fetched in full at the next refresh (no conditional request) and
    they come back as the stories they are.
    """
    db.execute("ALTER TABLE articles ADD COLUMN identity TEXT")
    db.execute(
        "UPDATE articles SET identity = COALESCE(guid_key, 'u:' || url_key, 'c:' || content_key)"
    )
    db.execute("DROP INDEX articles_feed_guid")
    db.execute("DROP INDEX articles_content")
    db.execute("ALTER TABLE articles DROP COLUMN guid_key")
    db.execute("CREATE INDEX articles_identity ON articles(feed_id, identity)")
    db.execute("UPDATE feeds SET etag = NULL, last_modified = NULL, next_check_at = NULL")
    # "Failing since" is when a run of failures began, not the last failed check.
    db.execute("ALTER TABLE feeds ADD COLUMN failing_since REAL")
    db.execute("UPDATE feeds SET failing_since = checked_at WHERE last_status = 'error'")


def _v7(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Search finds every word the reader shows: the text of a story kept as HTML had
    neighbouring blocks glued into one word ("BudgetTrams"), and figure credits were not
    indexed. Every story's words go into a new index, once, as this version reads them.

    A story kept as HTML also gets its text key again (a refresh compares it with the
    feed's item), for its text is derived from the HTML by this version's rules: with a
    stale key, an unchanged item would count as edited, and an item known only by its
    text would come back as a second story.
    """
    _new_search_index(db, _COLUMN_DETAIL)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    stories = db.execute("SELECT rowid, doc, content_key, identity FROM articles")
    rekeyed: list[tuple[str, str, int]] = []  # written after the scan, not under it
    for done, (rowid, doc, stored_key, identity) in enumerate(stories, 1):  # streamed
        article = _load(doc)
        if article is not None:
            _index(db, rowid, article)
            new_key = text_key(article) if article.html is not None else stored_key
            if new_key != stored_key:
                known_by_text = identity == "c:" + stored_key  # see story_rows._identity
                rekeyed.append((new_key, "c:" + new_key if known_by_text else identity, rowid))
        if done % REPORT_EVERY == 0 or done == total:
            progress(f"re-indexing search: {done:,} of {total:,} stories")
    db.executemany("UPDATE articles SET content_key = ?, identity = ? WHERE rowid = ?", rekeyed)


def _new_search_index(db: sqlite3.Connection, options: str) -> None:
    """Replace the (contentless) search index with an empty one."""
    db.execute("DROP TABLE articles_fts")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, summary, body, content = '', "
        f"{options}tokenize = 'unicode61 remove_diacritics 2')"
    )


MIGRATIONS: list[Callable[[sqlite3.Connection, Progress], None]] = [
    _v1, _v2, _v3, _v4, _v5, _v6, _v7,
]  # fmt: skip
"""Each step runs inside the upgrade's transaction; one that reads every story reports
how far it is (a big library takes a while), the others have nothing to say."""
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The library cannot be used as it is (newer schema, unwritable place): one line to show."""


class WriteFailed(StoreError):
    """A write that could not be done now; the library is as it was before it."""


class LibraryBusy(WriteFailed):
    """Another process held the write lock for longer than this store waits."""


class LibraryUnwritable(WriteFailed):
    """The disk refused the write (full, or failing)."""


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
        self.notice: str | None = None
        self.progress = progress
        """Where an upgrade of an older library file says how far it is."""
        self.db = self._open()

    # ---- opening, migrating, recovering ----------------------------------------------

    def _open(self) -> sqlite3.Connection:
        try:
            return self._connect()
        except PermissionError as error:
            raise StoreError(f"cannot write the library at {self.path}: {error.strerror}") from None
        except sqlite3.OperationalError as error:
            if "unable to open" in str(error) or "readonly" in str(error):
                raise StoreError(
                    f"cannot open the library at {self.path} for writing ({error}); "
                    "check that its folder exists and is writable"
                ) from None
            raise
        except sqlite3.DatabaseError as error:
            if self.path == MEMORY or not _is_damage(error):
                raise  # "database is locked" is another newsterm at work, not damage
            moved = _move_aside(Path(self.path))
            self.notice = (
                f"The library file was damaged ({clean_line(str(error))}); it was moved to "
                f"{moved.name} and a fresh library was started."
            )
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        if self.path != MEMORY:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(self.path), timeout=WAIT_STEP_MS / 1000, isolation_level=None)
        try:
            # A stored story is about 2 KB: 4 KB pages held one each, half empty. Only a new
            # file takes the size (an existing one keeps its own).
            db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            db.execute(f"PRAGMA busy_timeout = {WAIT_STEP_MS}")
            db.execute("PRAGMA foreign_keys = ON")
            if self.path != MEMORY:
                _use_wal(db)
                db.execute("PRAGMA synchronous = NORMAL")
                # Copy the log into the file every 32 MiB, not every 8: a refresh rewrites
                # the same index pages over and over, and each copy ends in an fsync.
                db.execute(f"PRAGMA wal_autocheckpoint = {WAL_PAGES}")
                db.execute(f"PRAGMA journal_size_limit = {WAL_PAGES * PAGE_SIZE}")
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            self._migrate(db)
            _probe(db)
        except (sqlite3.DatabaseError, StoreError):
            db.close()
            raise
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            db.close()
            raise StoreError(
                f"this library was written by a newer newsterm (schema {version}; this version "
                f"reads up to {SCHEMA_VERSION}): update newsterm to open it; it was left as it is"
            )
        if version == SCHEMA_VERSION:
            return
        with self._transaction(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process?
            for number in range(version, SCHEMA_VERSION):
                MIGRATIONS[number](db, self.progress)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA optimize")
        self.db.close()

    def transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """BEGIN IMMEDIATE … COMMIT: all of it lands, or none of it does (WriteFailed)."""
        return self._transaction(self.db)

    @contextlib.contextmanager
    def _transaction(self, db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        self._begin(db)
        try:
            yield db
            db.execute("COMMIT")
        except BaseException as error:
            if db.in_transaction:  # a full disk makes SQLite roll back by itself
                db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error) and (refused := _refused_write(error)):
                raise refused from None
            raise

    def _begin(self, db: sqlite3.Connection) -> None:
        """Take the write lock, waiting for another process's write in short steps, so the
        wait can be told; LibraryBusy once `wait` seconds have passed."""
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                db.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
                if time.monotonic() >= deadline:
                    raise LibraryBusy(f"{BUSY}; gave up after {self.wait:g} s") from None
                if not told and self.on_wait:
                    self.on_wait(f"{BUSY}; waiting…")
                    told = True

    def optimize(self) -> None:
        """Give the query planner fresh statistics (cheap; run after a refresh). Only a
        help: a busy or full library goes without."""
        with contextlib.suppress(sqlite3.Error):
            self.db.execute("PRAGMA optimize")

    # ---- feeds ------------------------------------------------------------------------

    def ensure_feed(self, url: str, title: str = "", sections: Iterable[str] = ()) -> int:
        path = SECTION_SEPARATOR.join(sections)
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
        rows = self.db.execute(
            "SELECT id, url, title, section_path, etag, last_modified, last_status, "
            "last_error, checked_at, next_check_at, failing_since FROM feeds ORDER BY id"
        ).fetchall()
        return [_feed_row(row) for row in rows]

    def feed(self, url: str) -> FeedRow | None:
        row = self.db.execute(
            "SELECT id, url, title, section_path, etag, last_modified, last_status, "
            "last_error, checked_at, next_check_at, failing_since FROM feeds WHERE url = ?",
            (url,),
        ).fetchone()
        return _feed_row(row) if row else None

    def move_feed(self, url: str, sections: tuple[str, ...]) -> None:
        """File a feed (and every story it brought) under other sections."""
        with self.transaction() as db:
            row = db.execute("SELECT id, title FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:
                return
            feed_id, title = row
            db.execute(
                "UPDATE feeds SET section_path = ? WHERE id = ?",
                (SECTION_SEPARATOR.join(sections), feed_id),
            )
            db.execute(
                "UPDATE articles SET section_path = ? WHERE feed_id = ?",
                (SECTION_SEPARATOR.join((*sections, title or url)), feed_id),
            )

    def remove_feed(self, url: str) -> bool:
        with self.transaction() as db:
            row = db.execute("SELECT id FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is None:
                return False
            rowids = db.execute(
                "SELECT rowid FROM articles WHERE feed_id = ? AND starred = 0", (row[0],)
            ).fetchall()
            for (rowid,) in rowids:
                _unindex(db, rowid)
            db.execute("DELETE FROM articles WHERE feed_id = ? AND starred = 0", (row[0],))
            db.execute("UPDATE articles SET feed_id = NULL WHERE feed_id = ?", (row[0],))
            db.execute("DELETE FROM feeds WHERE id = ?", (row[0],))
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
            rows = [_scoped(row, scope) for row in rows]
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
        """Merge a feed's items into its stories (core/merge.py) in ONE transaction.

        An item seen before keeps its id and its read/starred state; only its
        text is updated. `sections` overrides each story's own breadcrumb
        (a subscription's folder); None keeps the story's sections.
        """
        now = now or time.time()
        new = updated = 0
        batch = without_repeats(rows)
        with self.transaction() as db:
            paired = pair(batch, _stored(db, feed_id, batch))
            unpaired = [row for row, entry in zip(batch, paired, strict=True) if entry is None]
            adopted = _orphans(db, feed_id, unpaired)
            indexed: list[tuple[int, StoryRow]] = []
            seen: list[int] = []
            for row, existing in zip(batch, paired, strict=True):
                orphan = adopted.get(row.id)
                existing = existing or orphan
                values = (*_values(row), _section_path(row, sections), now)
                if existing is None:
                    rowid = _insert(db, row, (feed_id, *values))
                    new += 1
                else:
                    rowid = existing.rowid
                    changed = existing.content_key != row.content_key
                    if not (changed or orphan or existing.identity != row.identity):
                        seen.append(rowid)
                        continue
                    _unindex(db, rowid)
                    db.execute(
                        "UPDATE articles SET feed_id = ?, identity = ?, url_key = ?, "
                        "content_key = ?, url = ?, title = ?, source = ?, published = ?, doc = ?, "
                        "title_key = ?, section_path = ?, fetched_at = ? WHERE rowid = ?",
                        (feed_id, *values, rowid),
                    )
                    updated += changed
                seen.append(rowid)
                indexed.append((rowid, row))
            db.executemany(
                "INSERT INTO articles_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
                [(rowid, *row.indexed) for rowid, row in indexed],
            )
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

    def stored_ids(self, feed_id: int | None, rows: list[StoryRow]) -> list[str | None]:
        """The id each row already has in this feed (None: a new story), without saving."""
        paired = pair(rows, _stored(self.db, feed_id, rows))
        return [entry.id if entry else None for entry in paired]

    def article(self, story_id: str) -> Article | None:
        row = self.db.execute("SELECT doc FROM articles WHERE id = ?", (story_id,)).fetchone()
        article = _load(row[0]) if row else None
        if article is None:
            return None
        article.id = story_id
        if article.html is not None:  # kept as HTML at refresh: build its blocks now
            from newsterm.core.sources.html.kept import complete_article

            article = complete_article(article)
        return article

    def replace_article(self, article: Article) -> None:
        """Store a fuller text of a story (its page, fetched on starring); marks are kept."""
        row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article.id,)).fetchone()
        if row is None:
            return
        doc = encode_doc(article)
        with self.transaction() as db:
            _unindex(db, row[0])
            db.execute("UPDATE articles SET doc = ? WHERE rowid = ?", (doc, row[0]))
            _index(db, row[0], article)

    def feed_url_of(self, story_id: str) -> str | None:
        row = self.db.execute(
            "SELECT f.url FROM articles a JOIN feeds f ON f.id = a.feed_id WHERE a.id = ?",
            (story_id,),
        ).fetchone()
        return str(row[0]) if row else None

    def headlines(
        self, query: Query = ALL, limit: int = 1_000_000, offset: int = 0
    ) -> list[Headline]:
        """Newest first (undated last, then in the order stored), one page at a time."""
        where, params = _filters(query)
        rows = self.db.execute(
            "SELECT id, title, source, published, url, section_path, read, starred "
            f"FROM articles WHERE {where} ORDER BY published DESC, rowid LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return [_headline(row) for row in rows]

    def position(self, query: Query, story_id: str) -> int | None:
        """Where a story sits in `headlines(query)`, counted without loading the list."""
        row = self.db.execute(
            "SELECT published, rowid FROM articles WHERE id = ?", (story_id,)
        ).fetchone()
        if row is None:
            return None
        published, rowid = row
        where, params = _filters(query)
        if published is None:
            before = "(published IS NOT NULL OR rowid < ?)"
            extra: tuple[object, ...] = (rowid,)
        else:
            before = "(published > ? OR (published = ? AND rowid < ?))"
            extra = (published, published, rowid)
        found = self.db.execute(
            f"SELECT count(*) FROM articles WHERE {where} AND {before}", (*params, *extra)
        ).fetchone()[0]
        listed = self.db.execute(
            f"SELECT 1 FROM articles WHERE {where} AND id = ?", (*params, story_id)
        ).fetchone()
        return int(found) if listed else None

    def flags(self, story_id: str) -> tuple[bool, bool]:
        """(read, starred) of one story; (False, False) when it is not stored."""
        row = self.db.execute(
            "SELECT read, starred FROM articles WHERE id = ?", (story_id,)
        ).fetchone()
        return (bool(row[0]), bool(row[1])) if row else (False, False)

    def count(self, query: Query = ALL) -> int:
        where, params = _filters(query)
        row = self.db.execute(f"SELECT count(*) FROM articles WHERE {where}", params).fetchone()
        return int(row[0])

    def section_counts(self) -> dict[tuple[str, ...], tuple[int, int]]:
        """Total and unread stories for every section path (leaves only; callers roll up)."""
        rows = self.db.execute(
            "SELECT section_path, count(*), sum(read = 0) FROM articles "
            "INDEXED BY articles_counts GROUP BY section_path"
        ).fetchall()
        return {
            tuple(path.split(SECTION_SEPARATOR)) if path else (): (total, unread)
            for path, total, unread in rows
        }

    def set_flag(self, story_id: str, column: str, value: bool) -> None:
        self.set_flags({(story_id, column): value})

    def set_flags(self, marks: Mapping[tuple[str, str], bool]) -> None:
        """Save marks, {(story id, "read" or "starred"): value}, in one transaction."""
        if any(column not in ("read", "starred") for _, column in marks):
            raise ValueError(sorted({column for _, column in marks}))
        with self.transaction() as db:
            for (story_id, column), value in marks.items():
                db.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", (int(value), story_id))

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

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        """Stories with every word (or a word it begins), best first; never FTS syntax.

        Best first means: every word in the title, then every word in the title or
        standfirst, then anywhere; within each, the most recently stored first. Each step
        asks the index for only as many stories as are still missing, newest rowid first,
        so FTS5 stops early however many stories match, where a bm25 ranking would score
        and sort every match (all 100,000 stories for common words). Only the stories
        returned are loaded and given a snippet.
        """
        terms = search_terms(query)
        if not terms or limit <= 0:
            return []
        rowids = self._ranked_rowids(terms, limit)
        if not rowids:
            return []
        marks = ",".join("?" * len(rowids))
        rows = {
            row[0]: row[1:]
            for row in self.db.execute(
                "SELECT rowid, id, title, source, published, url, section_path, read, starred, "
                f"doc FROM articles WHERE rowid IN ({marks})",
                rowids,
            )
        }
        hits = []
        for rowid in rowids:
            if (row := rows.get(rowid)) is None:
                continue
            article = _load(row[8])
            hits.append(SearchHit(_headline(row[:8]), snippet(article, terms) if article else ""))
        return hits

    def _ranked_rowids(self, terms: list[str], limit: int) -> list[int]:
        """Up to `limit` matching rowids, tier by tier, each tier newest rowid first.

        Terms are quoted prefix queries ("word"*): quotes make any word a plain string to
        FTS5. Column filters and prefix terms need no positions, so they work the same on
        an index with detail=column; phrase and NEAR queries would not.
        """
        words = " ".join(f'"{term}"*' for term in terms)
        found: dict[int, None] = {}
        # Every word in the title, then in the title or standfirst, then anywhere.
        for columns in ("{title} : ", "{title summary} : ", ""):
            match = f"{columns}({words})" if columns else words
            for (rowid,) in self.db.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT ?",
                (match, limit + len(found)),  # the stories already found may come again
            ):
                found.setdefault(rowid)
                if len(found) == limit:
                    return list(found)
        return list(found)

    def prune(self, older_than_days: float, now: float | None = None) -> int:
        """Forget read, unstarred stories older than the given age that their feed no longer
        lists (so they cannot come back as unread); starred ones stay forever."""
        cutoff = (now or time.time()) - older_than_days * 86400
        with self.transaction() as db:
            rowids = db.execute(
                "SELECT rowid FROM articles WHERE read = 1 AND starred = 0 "
                "AND COALESCE(published, fetched_at) < ? AND COALESCE(last_seen, fetched_at) < ?",
                (cutoff, cutoff),
            ).fetchall()
            for (rowid,) in rowids:
                _unindex(db, rowid)
            db.executemany("DELETE FROM articles WHERE rowid = ?", rowids)
        return len(rowids)

    def check(self) -> list[str]:
        """Consistency problems: every article readable and indexed once (for tests, tools)."""
        problems = [row[0] for row in self.db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        articles = self.db.execute("SELECT count(*) FROM articles").fetchone()[0]
        indexed = self.db.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
        if articles != indexed:
            problems.append(f"{articles} articles but {indexed} index entries")
        for (doc,) in self.db.execute("SELECT doc FROM articles"):
            if _load(doc) is None:
                problems.append("an unreadable article")
        return problems


_DAMAGE_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})


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


def _is_busy(error: sqlite3.Error) -> bool:
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _BUSY_CODES


def _refused_write(error: sqlite3.Error) -> LibraryUnwritable | None:
    """A write the disk refused, as one line: full (ENOSPC), or an I/O error (a file size
    limit, a failing disk), which SQLite cannot tell apart from each other."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_FULL:
        return LibraryUnwritable("disk full")
    if code == sqlite3.SQLITE_IOERR:
        return LibraryUnwritable("the library could not be written (disk I/O error)")
    return None


def _is_damage(error: sqlite3.Error) -> bool:
    """Only a corrupt or foreign file is damage; a busy or unreadable one is left alone."""
    return (getattr(error, "sqlite_errorcode", 0) & 0xFF) in _DAMAGE_CODES


def _use_wal(db: sqlite3.Connection, patience: float = 15.0) -> None:
    """Switch to WAL once; the switch answers SQLITE_BUSY at once when another process
    is opening the same new file, so wait for it like the busy timeout would."""
    deadline = time.monotonic() + patience
    while db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        try:
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _index(db: sqlite3.Connection, rowid: int, article: Article) -> None:
    db.execute(
        "INSERT INTO articles_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
        (rowid, *indexed_text(article)),
    )


def _unindex(db: sqlite3.Connection, rowid: int) -> None:
    """A contentless index forgets a story only when told the words it was given."""
    row = db.execute("SELECT doc FROM articles WHERE rowid = ?", (rowid,)).fetchone()
    article = _load(row[0]) if row else None
    if article is not None:
        db.execute(
            "INSERT INTO articles_fts(articles_fts, rowid, title, summary, body) "
            "VALUES ('delete', ?, ?, ?, ?)",
            (rowid, *indexed_text(article)),
        )


def _load(doc: bytes) -> Article | None:
    article = decode_doc(doc)
    if article is None:
        return None
    if article.html is not None:
        # Kept HTML: its text is derived again rather than stored twice (same words, so
        # the search index can be told exactly what to forget).
        from newsterm.core.sources.html.kept import plain_text

        article.plain = plain_text(article.html)
    return article


def _section_path(row: StoryRow, sections: tuple[str, ...] | None) -> str:
    chosen = sections if sections is not None else (row.sections or ("Other",))
    return SECTION_SEPARATOR.join(chosen)


_STORED = "SELECT rowid, id, identity, content_key, title_key, published FROM articles "


def _stored(db: sqlite3.Connection, feed_id: int | None, rows: list[StoryRow]) -> list[Stored]:
    """The feed's stories that share an identity with a row: one query per 500 identities."""
    wanted = list(dict.fromkeys(k for r in rows for k in (r.identity, r.legacy_identity) if k))
    found: list[Stored] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        query = _STORED + f"WHERE feed_id IS ? AND identity IN ({marks}) ORDER BY rowid"
        found += [Stored(*entry) for entry in db.execute(query, (feed_id, *chunk))]
    return found


def _orphans(
    db: sqlite3.Connection, feed_id: int | None, rows: list[StoryRow]
) -> dict[str, Stored]:
    """Starred stories kept from a feed that was removed, taken back when it is added again."""
    if feed_id is None or not rows:
        return {}
    identities = {row.id: row.identity for row in rows}
    adopted: dict[str, Stored] = {}
    for start in range(0, len(rows), 500):
        chunk = [row.id for row in rows[start : start + 500]]
        marks = ",".join("?" * len(chunk))
        query = _STORED + f"WHERE feed_id IS NULL AND id IN ({marks})"
        for entry in db.execute(query, chunk):
            orphan = Stored(*entry)
            if identities[orphan.id] == orphan.identity:
                adopted[orphan.id] = orphan
    return adopted


def _scoped(row: StoryRow, scope: str) -> StoryRow:
    """A local file's item: its identity within that file (before, it was the bare one)."""
    return replace(row, identity=key(f"{scope}\x00{row.identity}"), legacy_identity=row.identity)


def _insert(db: sqlite3.Connection, row: StoryRow, values: tuple[object, ...]) -> int:
    """Store a new story under the item's own id, unless another story has it (the same
    guid in another feed, a second item under one guid): then under one derived from it,
    the same on every run. Returns its rowid."""
    story_id = row.id
    while True:
        cursor = db.execute(
            "INSERT INTO articles(id, feed_id, identity, url_key, content_key, url, title, "
            "source, published, doc, title_key, section_path, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
            (story_id, *values),
        )
        if cursor.rowcount:
            return int(cursor.lastrowid or 0)
        story_id = stable_id(f"{story_id}\x00{row.identity}\x00{row.content_key}")


def _values(row: StoryRow) -> tuple[object, ...]:
    """The stored columns a row brings, in the order the INSERT and UPDATE name them."""
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
    )


def _filters(query: Query) -> tuple[str, tuple[object, ...]]:
    clauses: list[str] = ["1"]
    params: list[object] = []
    if query.section:
        path = SECTION_SEPARATOR.join(query.section)
        clauses.append("(section_path = ? OR substr(section_path, 1, ?) = ?)")
        params += [path, len(path) + 1, path + SECTION_SEPARATOR]
    if query.feed is not None:
        clauses.append("feed_id = (SELECT id FROM feeds WHERE url = ?)")
        params.append(query.feed)
    if query.unread:
        clauses.append("read = 0")
    if query.starred:
        clauses.append("starred = 1")
    if query.since is not None:
        clauses.append("published >= ?")
        params.append(query.since)
    return " AND ".join(clauses), tuple(params)


def _headline(row: tuple[object, ...]) -> Headline:
    story_id, title, source, published, url, path, *marks = row
    return Headline(
        id=str(story_id),
        title=str(title),
        source=str(source),
        published=_when(published),
        url=str(url) if url else None,
        sections=tuple(str(path).split(SECTION_SEPARATOR)) if path else (),
        read=bool(marks[0]) if marks else False,
        starred=bool(marks[1]) if len(marks) > 1 else False,
    )


def _when(published: object) -> datetime | None:
    """A stored timestamp as a date; one no datetime can hold (year 10000) counts as undated."""
    if not isinstance(published, (int, float)):
        return None
    try:
        return datetime.fromtimestamp(published, UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _feed_row(row: tuple[object, ...]) -> FeedRow:
    feed_id, url, title, path, etag, modified, status, error, checked, next_check, since = row
    return FeedRow(
        id=int(feed_id),  # type: ignore[call-overload]
        url=str(url),
        title=str(title),
        sections=tuple(str(path).split(SECTION_SEPARATOR)) if path else (),
        etag=etag if isinstance(etag, str) else None,
        last_modified=modified if isinstance(modified, str) else None,
        last_status=status if isinstance(status, str) else None,
        last_error=error if isinstance(error, str) else None,
        checked_at=float(checked) if isinstance(checked, (int, float)) else None,
        next_check_at=float(next_check) if isinstance(next_check, (int, float)) else None,
        failing_since=float(since) if isinstance(since, (int, float)) else None,
    )


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
