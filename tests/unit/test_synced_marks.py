"""The library's side of sync on a real SQLite file: a mark made here on a synced story
waits to be pushed whatever made it, survives pruning, and is not undone by the
server's older word."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

from newsterm.core.library import Library, synced
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph


def story(number: int) -> Article:
    return Article(
        title=f"Story {number}",
        url=f"https://news.example/{number}",
        guid=f"sync-item:{number}",
        published=datetime(2020, 1, number, tzinfo=UTC),
        blocks=[Paragraph(f"Text of story {number}.")],
    )


def library_with_synced(path: Path) -> Library:
    store = Store(path)
    feed = store.ensure_feed("https://news.example/feed.xml", "News")
    kept = synced.keep_items(store, feed, [(str(n), story(n), False, False) for n in (1, 2)], ())
    assert kept == 2
    return Library(store, origin="test")


def test_a_mark_made_here_waits_until_pushed(tmp_path: Path) -> None:
    library = library_with_synced(tmp_path / "library.sqlite")
    assert synced.waiting(library.store) == []  # the server's own marks are not queued
    first = story(1).id
    library.mark_read(first)
    library.toggle_star(first)
    waiting = synced.waiting(library.store)
    assert {(w.item, w.mark, w.value) for w in waiting} == {
        ("1", "read", True),
        ("1", "starred", True),
    }
    synced.pushed(library.store, waiting)
    assert synced.waiting(library.store) == []


def test_a_waiting_mark_survives_pruning_and_the_servers_older_word(tmp_path: Path) -> None:
    library = library_with_synced(tmp_path / "library.sqlite")
    first, second = story(1).id, story(2).id
    library.mark_read(first)
    library.mark_read(second)
    synced.pushed(library.store, [w for w in synced.waiting(library.store) if w.item == "2"])
    month_later = time.time() + 30 * 86400
    # Both read and old: the pushed one goes, the one whose mark has not gone yet stays.
    assert library.store.prune(1, now=month_later) == 1
    assert library.holds(first) and not library.holds(second)
    (held,) = [s for s in synced.synced(library.store) if s.item == "1"]
    assert synced.apply(library.store, [(held, "read", False)]) == 0  # the server: unread
    assert library.is_read(first)
    assert [(w.item, w.value) for w in synced.waiting(library.store)] == [("1", True)]
