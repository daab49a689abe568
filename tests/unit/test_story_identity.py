"""Who a story is: a guid within its feed, else its URL within its feed, else its text.

Every case is something a person would notice: a story that vanished because
another item shared its link or its guid, or read/starred marks that moved to
another story or went away when a feed changed its tracking parameters.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsterm.core.library import Library
from newsterm.core.library.store import Query, SaveResult, Store
from newsterm.core.model import Article, Document, Paragraph, SourceInfo

FEED = "https://example.com/feed.xml"
OTHER = "https://mirror.example.net/rss"
AT = datetime(2017, 6, 25, 12, 27, 31, tzinfo=UTC)
LATER = AT + timedelta(minutes=5)


def episode(
    title: str,
    guid: str | None,
    url: str | None = None,
    body: str = "",
    published: datetime | None = None,
) -> Article:
    return Article(
        title=title,
        url=url,
        guid=guid,
        source="Example",
        blocks=[Paragraph(body or title)],
        published=published,
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store(tmp_path / "library.sqlite")
    yield opened
    opened.close()


def titles(store: Store) -> list[str]:
    return sorted(h.title for h in store.headlines())


def test_items_with_their_own_guids_sharing_one_link_are_all_kept(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    episodes = [episode(f"Episode {n}", f"show-{n}.mp3", "https://example.com/") for n in range(5)]
    assert store.save_articles(feed, episodes) == SaveResult(5, 0)
    assert titles(store) == [f"Episode {n}" for n in range(5)]
    again = [episode(f"Episode {n}", f"show-{n}.mp3", "https://example.com/") for n in range(5)]
    assert store.save_articles(feed, again) == SaveResult(0, 0)
    assert store.count() == 5


def test_an_item_with_a_guid_is_never_merged_by_its_url(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    store.save_articles(feed, [episode("Monday's show", "mon", "https://example.com/live")])
    store.save_articles(feed, [episode("Tuesday's show", "tue", "https://example.com/live")])
    assert titles(store) == ["Monday's show", "Tuesday's show"]


def test_the_same_guid_in_two_feeds_is_two_stories_with_their_own_marks(store: Store) -> None:
    feed, other = store.ensure_feed(FEED), store.ensure_feed(OTHER)
    assert store.save_articles(feed, [episode("Bridge closes", "wire-1")]).new == 1
    assert store.save_articles(other, [episode("Bridge closes", "wire-1")]).new == 1
    assert store.count() == 2
    first, second = (h.id for h in store.headlines())
    assert first != second
    store.set_flag(first, "read", True)
    assert store.count(Query(unread=True)) == 1
    assert store.save_articles(other, [episode("Bridge closes", "wire-1")]) == SaveResult(0, 0)
    assert store.count() == 2 and store.count(Query(unread=True)) == 1


def test_the_same_url_in_two_feeds_is_two_stories(store: Store) -> None:
    feed, other = store.ensure_feed(FEED), store.ensure_feed(OTHER)
    store.save_articles(feed, [episode("Budget passes", None, "https://news.example/budget")])
    saved = store.save_articles(other, [episode("Budget", None, "https://news.example/budget")])
    assert saved == SaveResult(1, 0)
    assert titles(store) == ["Budget", "Budget passes"]


def test_a_permalink_guid_whose_tracking_changes_keeps_its_marks(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    guid = "https://example.com/2024/storm?utm_source=rss&utm_medium=feed"
    store.save_articles(feed, [episode("Storm warning", guid)])
    [stored] = store.headlines()
    store.set_flag(stored.id, "read", True)
    store.set_flag(stored.id, "starred", True)
    moved = "https://example.com/2024/storm?utm_source=feedburner&utm_campaign=daily"
    assert store.save_articles(feed, [episode("Storm warning: red", moved)]) == SaveResult(0, 1)
    [again] = store.headlines()
    assert (again.id, again.title, again.read, again.starred) == (
        stored.id, "Storm warning: red", True, True
    )  # fmt: skip


def test_a_guid_given_to_two_items_keeps_both_and_follows_an_edit(store: Store) -> None:
    """Two untitled posts under one permalink guid (Scripting News does this)."""
    feed = store.ensure_feed(FEED)
    guid = "http://example.com/2017/06/25.html#a080631"
    morning = episode("Good morning", guid, body="Good morning Internet guzzlers!", published=AT)
    later = episode("In 2015", guid, body="In 2015 I wrote about Dropbox.", published=LATER)
    assert store.save_articles(feed, [morning, later]) == SaveResult(2, 0)
    read_id = next(h.id for h in store.headlines() if h.title == "In 2015")
    store.set_flag(read_id, "read", True)
    # The morning post disappears from the feed; the other one's title is edited.
    edited = episode("In 2015, and now", guid, body="In 2015 I wrote Dropbox.", published=LATER)
    assert store.save_articles(feed, [edited]) == SaveResult(0, 1)
    assert store.count() == 2
    read = [h for h in store.headlines() if h.read]
    assert [(h.id, h.title) for h in read] == [(read_id, "In 2015, and now")]


def test_two_local_files_with_the_same_guids_keep_all_their_stories() -> None:
    mine = Document(SourceInfo("rss", "Mine"), [episode("My notes", "item-1")])
    theirs = Document(SourceInfo("rss", "Theirs"), [episode("Their notes", "item-1")])
    library = Library.from_documents([mine, theirs])
    assert library.count() == 2
