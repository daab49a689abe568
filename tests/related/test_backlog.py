"""A library stored by the newsterm before related stories: upgraded at once, matched
in the background afterwards, and then as good as one matched while it was stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsterm.core.library import Library
from newsterm.core.library.store import Store
from tests.support.labelled import load, same_event_pairs, stored


def _as_before_related_stories(path: Path) -> None:
    """What the previous version's file held: stories, no signatures, no matches."""
    with sqlite3.connect(path) as db:
        db.executescript(
            "DROP TRIGGER story_forgotten; DROP TABLE story_matches; "
            "DROP TABLE story_signatures; PRAGMA user_version = 7;"
        )
    db.close()


def test_an_older_library_is_matched_by_the_background_pass(tmp_path: Path) -> None:
    stories = load("tune")
    ids = [s.article.id for s in stories]
    fresh = stored(stories, tmp_path / "fresh.sqlite")
    expected = same_event_pairs(fresh, ids)
    fresh.close()
    assert expected  # the labelled stories do hold events told by several outlets

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
    # Newest first rather than in the order they were stored: the pairs may differ a
    # little from a library that matched them as they came, but not by much.
    found = same_event_pairs(library.store, ids)
    assert len(found & expected) >= 0.9 * len(expected)
    assert len(found - expected) <= 0.05 * len(expected)
    library.close()
