"""Related stories computed across feeds, as the library keeps them: each story's
signature and event, and its pairs with the stories it is like.

A story is matched once, when it is stored (core/related/recent.py decides),
against the signatures of the last RECENT_DAYS, read into memory on the first
match a Store makes and kept up to date after that. Stories stored by a
newsterm that did not match them are matched by a background pass, oldest
first (`match_backlog`).
"""

from __future__ import annotations

import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from newsterm.core.library.records import headline
from newsterm.core.library.stored_story import with_words
from newsterm.core.model import Headline, Link
from newsterm.core.related.likeness import Kind
from newsterm.core.related.recent import RecentStories, Told
from newsterm.core.related.signature import signature_of

RECENT_DAYS = 30
"""How far back a new story's matches are looked for: past this, alike is not related."""
MOST_LOADED = 60_000
SCORE_SCALE = 1000
"""Scores are stored as integers, in thousandths."""
MOST_SIMILAR_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Covered:
    """A story like the one being read: the same event (or its copy), or similar."""

    story: Headline
    kind: Kind
    score: float
    copies: tuple[Headline, ...] = ()
    """Other outlets' reprints of this same wire story, shown as one entry with it."""


@dataclass(frozen=True, slots=True)
class Related:
    """The open story's related stories in the reader's one numbered list: the links the
    story gives, then the same event elsewhere, then similar stories."""

    named: list[Link]
    same_event: list[Covered]
    similar: list[Covered]

    def __len__(self) -> int:
        return len(self.named) + len(self.same_event) + len(self.similar)

    def entry(self, number: int) -> Link | Covered | None:
        """Entry N, counted from 1 as the reader shows it."""
        entries: list[Link | Covered] = [*self.named, *self.same_event, *self.similar]
        return entries[number - 1] if 1 <= number <= len(entries) else None

    @classmethod
    def of(cls, named: list[Link], found: list[Covered]) -> Related:
        """The story's own links first; a computed story it already links to is not listed
        twice."""
        linked = {link.url for link in named if link.url}
        found = [entry for entry in found if entry.story.url not in linked or not entry.story.url]
        same = [entry for entry in found if entry.kind != Kind.SIMILAR]
        similar = [entry for entry in found if entry.kind == Kind.SIMILAR][:MOST_SIMILAR_SHOWN]
        return cls(named, same, similar)


def load_recent(db: sqlite3.Connection, now: float | None = None) -> RecentStories:
    """The signatures of the last RECENT_DAYS (at most MOST_LOADED), oldest first."""
    cutoff = (now or time.time()) - RECENT_DAYS * 86400
    rows = db.execute(
        "SELECT s.rowid, s.at, s.event, s.terms, a.feed_id FROM story_signatures s "
        "JOIN articles a ON a.rowid = s.rowid WHERE s.at >= ? ORDER BY s.at DESC LIMIT ?",
        (cutoff, MOST_LOADED),
    ).fetchall()
    recent = RecentStories()
    for rowid, at, event, terms, feed in reversed(rows):
        recent.add(Told(rowid, at, feed, terms), event)
    latest = db.execute("SELECT max(event) FROM story_signatures").fetchone()[0]
    recent.next_event = max(recent.next_event, (latest or 0) + 1)
    return recent


def file_stories(
    db: sqlite3.Connection,
    recent: RecentStories,
    feed: int | None,
    stories: Iterable[tuple[int, float, bytes]],
) -> None:
    """Match a feed's new stories (rowid, time, signature), oldest first, and store what
    they are."""
    ordered = sorted(stories, key=lambda story: story[1])
    _file(db, recent, (Told(rowid, at, feed, packed) for rowid, at, packed in ordered))


def _file(db: sqlite3.Connection, recent: RecentStories, stories: Iterable[Told]) -> None:
    """File each story not filed yet, in order, and store what each is in two statements:
    its signature with its event, and its pairs in both directions."""
    signed: list[tuple[int, float | None, int, bytes]] = []
    paired: list[tuple[int, int, int, int]] = []
    for told in stories:
        if told.rowid in recent:
            continue
        filed = recent.file(told)
        signed.append((told.rowid, told.at, filed.event, told.packed))
        for pair in filed.pairs:
            kind, score = int(pair.kind), round(pair.score * SCORE_SCALE)
            paired += [(told.rowid, pair.other, kind, score), (pair.other, told.rowid, kind, score)]
    db.executemany(
        "INSERT OR REPLACE INTO story_signatures(rowid, at, event, terms) VALUES (?, ?, ?, ?)",
        signed,
    )
    db.executemany(
        "INSERT OR REPLACE INTO story_matches(story, other, kind, score) VALUES (?, ?, ?, ?)",
        paired,
    )


def backlog(db: sqlite3.Connection) -> int:
    """Stories not matched yet (stored before this newsterm matched stories)."""
    row = db.execute(
        "SELECT (SELECT count(*) FROM articles) - (SELECT count(*) FROM story_signatures)"
    ).fetchone()
    return max(0, int(row[0]))


def unmatched(db: sqlite3.Connection) -> list[int]:
    """The stories not matched yet, in the order they were published: as refreshes would
    have stored them, so a word is as rare as it was then."""
    return [
        rowid
        for (rowid,) in db.execute(
            "SELECT rowid FROM articles WHERE rowid NOT IN (SELECT rowid FROM story_signatures) "
            "ORDER BY COALESCE(published, fetched_at), rowid"
        )
    ]


def match_some(db: sqlite3.Connection, recent: RecentStories, rowids: list[int]) -> None:
    """Match these unmatched stories (one gone since is passed over)."""
    _file(db, recent, _signed(db, rowids))


def _signed(db: sqlite3.Connection, rowids: list[int]) -> Iterator[Told]:
    """Stored stories as matching sees them, signed from their stored text."""
    for rowid in rowids:
        row = db.execute(
            "SELECT doc, COALESCE(published, fetched_at), feed_id FROM articles WHERE rowid = ?",
            (rowid,),
        ).fetchone()
        if row is not None:
            doc, at, feed = row
            article = with_words(doc)
            yield Told(rowid, at, feed, signature_of(article) if article is not None else b"")


_COVERED = (
    "SELECT a.id, a.title, a.source, a.published, a.url, a.section_path, a.read, a.starred, "
    "m.kind, m.score, m.other FROM story_matches m JOIN articles a ON a.rowid = m.other "
    "WHERE m.story = ? AND a.hidden = 0 ORDER BY m.kind = 1, m.score DESC"
)


def covered(db: sqlite3.Connection, story_id: str) -> list[Covered]:
    """The stories like this one: its event's other stories first (a wire story's
    reprints as one entry), then similar ones; best first within each."""
    row = db.execute("SELECT rowid FROM articles WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        return []
    found = db.execute(_COVERED, (row[0],)).fetchall()
    others = {entry[10]: entry for entry in found}
    copies = _copy_groups(db, [rowid for rowid, e in others.items() if e[8] != Kind.SIMILAR])
    listed: list[Covered] = []
    shown: set[int] = set()
    for entry in found:
        rowid = entry[10]
        if rowid in shown:
            continue
        group = [r for r in copies.get(rowid, [rowid]) if r in others]
        shown.update(group)
        listed.append(
            Covered(
                headline(entry[:8]),
                Kind(entry[8]),
                entry[9] / SCORE_SCALE,
                tuple(headline(others[r][:8]) for r in group if r != rowid),
            )
        )
    return listed


def _copy_groups(db: sqlite3.Connection, rowids: list[int]) -> dict[int, list[int]]:
    """Which of these stories reprint one another: rowid → its group, in the given order."""
    if len(rowids) < 2:
        return {}
    marks = ",".join("?" * len(rowids))
    pairs = db.execute(
        f"SELECT story, other FROM story_matches WHERE kind = {int(Kind.COPY)} "
        f"AND story IN ({marks}) AND other IN ({marks})",
        (*rowids, *rowids),
    ).fetchall()
    group_of = {rowid: [rowid] for rowid in rowids}
    for story, other in pairs:
        if group_of[story] is not group_of[other]:
            merged = group_of[story] + group_of[other]
            merged.sort(key=rowids.index)
            for rowid in merged:
                group_of[rowid] = merged
    return group_of


@dataclass(frozen=True, slots=True)
class Listed:
    """One story with the ids of its related stories, as `newsterm related` prints it."""

    id: str
    guid: str | None
    url: str | None
    title: str
    source: str
    same_event: list[tuple[str, float]]
    similar: list[tuple[str, float]]


def every_story(db: sqlite3.Connection) -> Iterator[Listed]:
    """Every stored story (newest first) with what it is related to, best first."""
    from newsterm.core.library.story_rows import decode_doc

    pairs: defaultdict[int, list[tuple[int, str, float]]] = defaultdict(list)
    for story, other_id, kind, score in db.execute(
        "SELECT m.story, a.id, m.kind, m.score FROM story_matches m "
        "JOIN articles a ON a.rowid = m.other ORDER BY m.story, m.score DESC"
    ):
        pairs[story].append((kind, str(other_id), score / SCORE_SCALE))
    rows = db.execute(
        "SELECT rowid, id, url, title, source, doc FROM articles ORDER BY published DESC, rowid"
    )
    for rowid, story_id, url, title, source, doc in rows:
        article = decode_doc(doc)
        found = pairs.get(rowid, [])
        yield Listed(
            str(story_id),
            article.guid if article else None,
            url,
            title,
            source,
            [(other, score) for kind, other, score in found if kind != Kind.SIMILAR],
            [(other, score) for kind, other, score in found if kind == Kind.SIMILAR],
        )
