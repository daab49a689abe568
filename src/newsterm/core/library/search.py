"""The search index (FTS5): what it is given, what it forgets, and how it is asked.

The index is contentless: it keeps which words each story holds, not the text
(a copy would double the library). So it is told the very words a story gave it
to forget that story, and a hit's snippet is cut from the stored story itself.
Only words reach it: FTS syntax in a query is never passed on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newsterm.core.library.records import headline
from newsterm.core.library.snippet import search_terms, snippet
from newsterm.core.library.stored_story import with_words
from newsterm.core.library.story_rows import indexed_text
from newsterm.core.model import Article, SearchHit


def index(db: sqlite3.Connection, rowid: int, article: Article) -> None:
    """Give the index a story's words."""
    index_words(db, [(rowid, indexed_text(article))])


def index_words(db: sqlite3.Connection, words: Iterable[tuple[int, tuple[str, str, str]]]) -> None:
    """Give the index many stories' words at once: (rowid, (title, summary, body))."""
    db.executemany(
        "INSERT INTO articles_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
        [(rowid, *texts) for rowid, texts in words],
    )


def unindex(db: sqlite3.Connection, rowid: int) -> None:
    """A contentless index forgets a story only when told the words it was given."""
    row = db.execute("SELECT doc FROM articles WHERE rowid = ?", (rowid,)).fetchone()
    article = with_words(row[0]) if row else None
    if article is not None:
        db.execute(
            "INSERT INTO articles_fts(articles_fts, rowid, title, summary, body) "
            "VALUES ('delete', ?, ?, ?, ?)",
            (rowid, *indexed_text(article)),
        )


def search(db: sqlite3.Connection, query: str, limit: int) -> list[SearchHit]:
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
    rowids = _ranked_rowids(db, terms, limit)
    if not rowids:
        return []
    marks = ",".join("?" * len(rowids))
    rows = {
        row[0]: row[1:]
        for row in db.execute(
            "SELECT rowid, id, title, source, published, url, section_path, read, starred, "
            f"doc FROM articles WHERE rowid IN ({marks}) AND hidden = 0",  # a rule hid it
            rowids,
        )
    }
    hits = []
    for rowid in rowids:
        if (row := rows.get(rowid)) is None:
            continue
        article = with_words(row[8])
        hits.append(SearchHit(headline(row[:8]), snippet(article, terms) if article else ""))
    return hits


def _ranked_rowids(db: sqlite3.Connection, terms: list[str], limit: int) -> list[int]:
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
        for (rowid,) in db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            (match, limit + len(found)),  # the stories already found may come again
        ):
            found.setdefault(rowid)
            if len(found) == limit:
                return list(found)
    return list(found)
