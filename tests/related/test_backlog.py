"""A library stored by the newsterm before related stories: upgraded at once, matched
in the background afterwards, and then as good as one matched while it was stored."""

from __future__ import annotations

import sqlite3
from itertools import combinations
from pathlib import Path

from newsterm.core.library import Library
from newsterm.core.library.store import Store
from tests.support.labelled import load, same_event_pairs, stored


def _as_before_related_stories(path: Path) -> None:
    """What a version 7 file held: stories, no signatures, no matches (nor the columns
    later versions added)."""
    with sqlite3.connect(path) as db:
        db.executescript(
            "DROP TRIGGER read_to_push; DROP TRIGGER starred_to_push; "
            "DROP TRIGGER synced_story_forgotten; DROP TABLE synced_stories; "
            "DROP TABLE marks_to_push; DROP TABLE sync_state; "
            "DROP TRIGGER story_forgotten; DROP TABLE story_matches; "
            "DROP TABLE story_signatures; ALTER TABLE articles DROP COLUMN feed_doc; "
            "ALTER TABLE articles DROP COLUMN authors; DROP INDEX articles_counts; "
            "ALTER TABLE articles DROP COLUMN hidden; "
            "CREATE INDEX articles_counts ON articles(section_path, read, starred, published); "
            "PRAGMA user_version = 7;"
        )
    db.close()


def test_an_older_library_is_matched_by_the_background_pass(tmp_path: Path) -> None:
    stories = load("tune")
    ids = [s.article.id for s in stories]
    event = {s.article.id: s.event for s in stories}
    labelled = {(a, b) for a, b in combinations(sorted(ids), 2) if event[a] == event[b]}

    path = tmp_path / "older.sqlite"
    stored(stories, path).close()
    _as_before_related_stories(path)

    library = Library(Store(path), origin="an older library")
    every = library.count()
    assert every > len(stories)  # the labelled stories among real-world ones
    assert library.backlog() == every  # opened at once: nothing matched yet
    assert not same_event_pairs(library.store, ids)
    batches = 0
    while library.match_backlog(200):
        batches += 1
    assert batches == -(-every // 200)  # in batches, a few at a time
    assert library.backlog() == 0
    # As good as matching them as they came (test_same_event's floors, on the labels).
    found = same_event_pairs(library.store, ids)
    assert len(found & labelled) >= 0.85 * len(labelled)
    assert len(found - labelled) <= 1
    library.close()
