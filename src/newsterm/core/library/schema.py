"""The library's tables, and every step that brought an older file up to date.

Step N turns a version N-1 file into a version N file, inside the upgrade's one
transaction; the file records its version (`PRAGMA user_version`), so each step
runs once. A step's docstring says why it exists. Steps are never edited once
released: a file written by any earlier newsterm must go through the same steps.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from newsterm.core.library.search import index
from newsterm.core.library.stored_story import with_words
from newsterm.core.library.story_rows import authors_text, decode_doc, text_key, title_key

Progress = Callable[[str], None]
"""Where a long upgrade says how far it is: one line at a time, for a person to read."""

_COLUMN_DETAIL = "detail = column, "  # see _v5
REPORT_EVERY = 5000  # stories between two progress lines of an upgrade that reads them all


def quiet(line: str) -> None:
    """Progress nobody asked to see."""


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run statements inside the caller's transaction (executescript would COMMIT it)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _v1(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """The first library: feeds, their stories (each stored whole) and a search index."""
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
    """Story identity within a feed (library/merge.py): guid, else URL, else text; never the
    URL of an item that has a guid, never another feed's story.

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
        article = with_words(doc)
        if article is not None:
            index(db, rowid, article)
            new_key = text_key(article) if article.html is not None else stored_key
            if new_key != stored_key:
                known_by_text = identity == "c:" + stored_key  # see story_rows._identity
                rekeyed.append((new_key, "c:" + new_key if known_by_text else identity, rowid))
        if done % REPORT_EVERY == 0 or done == total:
            progress(f"re-indexing search: {done:,} of {total:,} stories")
    db.executemany("UPDATE articles SET content_key = ?, identity = ? WHERE rowid = ?", rekeyed)


def _v8(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Related stories computed from the library (library/coverage.py): each story's
    signature and the event it reports, and which stories are like which.

    A story's rowid is its signature's, and a pair is stored both ways round, so a story's
    related stories are one indexed read. Stories already stored have no signature yet:
    a background pass gives them one (Library.match_backlog), not this upgrade, which
    would keep a big library closed for minutes.
    """
    _script(
        db,
        """
        CREATE TABLE story_signatures (
            rowid INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            event INTEGER NOT NULL,
            terms BLOB NOT NULL
        );
        CREATE INDEX story_events ON story_signatures(event);
        CREATE TABLE story_matches (
            story INTEGER NOT NULL,
            other INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            score INTEGER NOT NULL,
            PRIMARY KEY (story, other)
        ) WITHOUT ROWID
        """,
    )
    # One statement with statements inside: not for _script, which splits at semicolons.
    db.execute(
        """
        CREATE TRIGGER story_forgotten AFTER DELETE ON articles BEGIN
            DELETE FROM story_matches WHERE (story, other) IN (
                SELECT other, story FROM story_matches WHERE story = old.rowid
            );
            DELETE FROM story_matches WHERE story = old.rowid;
            DELETE FROM story_signatures WHERE rowid = old.rowid;
        END
        """
    )


def _v9(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """The feed's own text of a story kept beside its page's (`x` fetches the full article
    and shows either): NULL while the story is the feed's text alone."""
    db.execute("ALTER TABLE articles ADD COLUMN feed_doc BLOB")


def _v10(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Each story's people's names as a column, for views that ask `author:NAME`
    (library/view_query.py); read once out of every stored story."""
    db.execute("ALTER TABLE articles ADD COLUMN authors TEXT NOT NULL DEFAULT ''")
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    named: list[tuple[str, int]] = []  # written after the scan, not under it
    for done, (rowid, doc) in enumerate(db.execute("SELECT rowid, doc FROM articles"), 1):
        article = decode_doc(doc)
        if article is not None and article.authors:
            named.append((authors_text(article), rowid))
        if done % REPORT_EVERY == 0 or done == total:
            progress(f"reading authors: {done:,} of {total:,} stories")
    db.executemany("UPDATE articles SET authors = ? WHERE rowid = ?", named)


def _v11(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Stories a rule hid (`[[rule]] action = "hide"`): kept, never listed or counted. The
    counts' covering index covers the mark too."""
    db.execute("ALTER TABLE articles ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0")
    db.execute("DROP INDEX articles_counts")
    db.execute(
        "CREATE INDEX articles_counts ON articles(section_path, read, starred, published, hidden)"
    )


def _new_search_index(db: sqlite3.Connection, options: str) -> None:
    """Replace the (contentless) search index with an empty one."""
    db.execute("DROP TABLE articles_fts")
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, summary, body, content = '', "
        f"{options}tokenize = 'unicode61 remove_diacritics 2')"
    )


def _v12(db: sqlite3.Connection, progress: Progress = quiet) -> None:
    """Stories that came from a sync server (core/sync): each with the server's number
    for it and the marks the server last gave it, so a change on the server is told from
    one made here; marks changed here wait in `marks_to_push` until a refresh pushes
    them (a trigger queues every change, whichever command or key made it)."""
    _script(
        db,
        """
        CREATE TABLE synced_stories (
            rowid INTEGER PRIMARY KEY,
            item TEXT NOT NULL UNIQUE,
            server_read INTEGER NOT NULL,
            server_starred INTEGER NOT NULL
        );
        CREATE TABLE marks_to_push (
            story INTEGER NOT NULL,
            mark TEXT NOT NULL,
            value INTEGER NOT NULL,
            UNIQUE (story, mark)
        );
        CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)
        """,
    )
    for mark in ("read", "starred"):
        db.execute(
            f"""
            CREATE TRIGGER {mark}_to_push AFTER UPDATE OF {mark} ON articles
            WHEN new.{mark} != old.{mark}
                AND EXISTS (SELECT 1 FROM synced_stories WHERE rowid = new.rowid)
            BEGIN
                INSERT OR REPLACE INTO marks_to_push(story, mark, value)
                VALUES (new.rowid, '{mark}', new.{mark});
            END
            """
        )
    db.execute(
        """
        CREATE TRIGGER synced_story_forgotten AFTER DELETE ON articles BEGIN
            DELETE FROM synced_stories WHERE rowid = old.rowid;
            DELETE FROM marks_to_push WHERE story = old.rowid;
        END
        """
    )


MIGRATIONS: list[Callable[[sqlite3.Connection, Progress], None]] = [
    _v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10, _v11, _v12,
]  # fmt: skip
"""Each step runs inside the upgrade's transaction; one that reads every story reports
how far it is (a big library takes a while), the others have nothing to say."""
SCHEMA_VERSION = len(MIGRATIONS)
