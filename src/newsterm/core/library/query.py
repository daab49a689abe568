"""Which stories a list, a count or a position is about, as one SQL condition."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsterm.core.library.records import SECTION_SEPARATOR, section_path

Order = Literal["newest", "oldest", "feed", "unread"]
ORDERS: dict[Order, str] = {
    "newest": "published DESC, rowid",  # SQLite puts undated (NULL) last when descending
    "oldest": "published IS NULL, published, rowid",  # undated last here too
    "feed": "source COLLATE NOCASE, published DESC, rowid",
    "unread": "read, published DESC, rowid",
}
"""How a list of headlines may be sorted, as ORDER BY terms; each ends in rowid, so the
order is total and a page boundary never moves."""


@dataclass(frozen=True, slots=True)
class Query:
    """Which stories: a section (and everything below it), one feed's, unread, starred,
    newer than, older than."""

    section: tuple[str, ...] | None = None
    feed: str | None = None
    """A subscription's URL: only the stories it brought."""
    unread: bool = False
    keep: str | None = None
    """With `unread`: this story too, read or not (the one open stays listed)."""
    starred: bool = False
    since: float | None = None
    before: float | None = None
    """Only stories published (or, undated, first stored) before this time."""
    grouped: bool = False
    """One story per event: the freshest of its stories the view holds, the others left
    out."""
    order: Order = "newest"
    custom: tuple[str, tuple[object, ...]] | None = None
    """A view's own condition (view_query.condition): SQL on `{t}`-prefixed columns."""


ALL = Query()


def filters(query: Query) -> tuple[str, tuple[object, ...]]:
    """The WHERE condition on `articles` that picks the query's stories, and its parameters."""
    where, params = _chosen(query, "articles.")
    if query.grouped:  # a story shows unless a fresher story of its event is in the view too
        fresher, fresher_params = _chosen(query, "b.")
        where += (
            " AND NOT EXISTS (SELECT 1 FROM story_signatures s JOIN story_signatures o "
            "ON o.event = s.event AND o.rowid != s.rowid JOIN articles b ON b.rowid = o.rowid "
            "WHERE s.rowid = articles.rowid "
            f"AND (o.at > s.at OR (o.at = s.at AND o.rowid > s.rowid)) AND {fresher})"
        )
        params += fresher_params
    return where, params


def _chosen(query: Query, table: str) -> tuple[str, tuple[object, ...]]:
    """The query's conditions on the stories of `table` ("articles." or an alias)."""
    clauses: list[str] = [f"{table}hidden = 0"]  # what a rule hid is never listed
    params: list[object] = []
    if query.section:
        path = section_path(query.section)
        clauses.append(f"({table}section_path = ? OR substr({table}section_path, 1, ?) = ?)")
        params += [path, len(path) + 1, path + SECTION_SEPARATOR]
    if query.feed is not None:
        clauses.append(f"{table}feed_id = (SELECT id FROM feeds WHERE url = ?)")
        params.append(query.feed)
    if query.unread and query.keep is not None:
        clauses.append(f"({table}read = 0 OR {table}id = ?)")
        params.append(query.keep)
    elif query.unread:
        clauses.append(f"{table}read = 0")
    if query.starred:
        clauses.append(f"{table}starred = 1")
    if query.since is not None:
        clauses.append(f"{table}published >= ?")
        params.append(query.since)
    if query.before is not None:
        clauses.append(f"COALESCE({table}published, {table}fetched_at) < ?")
        params.append(query.before)
    if query.custom is not None:
        sql, custom_params = query.custom
        clauses.append(f"({sql.replace('{t}', table)})")
        params += custom_params
    return " AND ".join(clauses), tuple(params)
