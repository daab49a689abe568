"""Which stories a list, a count or a position is about, as one SQL condition."""

from __future__ import annotations

from dataclasses import dataclass

from newsterm.core.library.records import SECTION_SEPARATOR, section_path


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
    grouped: bool = False
    """One story per event: the event's freshest, its other stories left out."""


ALL = Query()


def filters(query: Query) -> tuple[str, tuple[object, ...]]:
    """The WHERE condition on `articles` that picks the query's stories, and its parameters."""
    clauses: list[str] = ["1"]
    params: list[object] = []
    if query.section:
        path = section_path(query.section)
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
    if query.grouped:
        clauses.append("rowid NOT IN (SELECT rowid FROM story_signatures WHERE follower = 1)")
    return " AND ".join(clauses), tuple(params)
