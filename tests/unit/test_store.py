"""The library file (core/library/) against real SQLite files: what a person would notice.

No mocks: every test opens a real file in tmp_path. The crash and concurrency tests
run real subprocesses against the same file.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from newsterm.core.library import schema
from newsterm.core.library.snippet import HIT_END, HIT_START
from newsterm.core.library.store import SCHEMA_VERSION, Query, SaveResult, Store
from newsterm.core.library.story_rows import key, story_row
from newsterm.core.model import Article, Headline, Link, ListBlock, Paragraph
from newsterm.core.text.url_key import url_key

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
FEED = "https://example.com/feed.xml"


def flagged(store: Store, mark: str) -> set[str]:
    """Ids of every stored story carrying the mark (read or starred), as the lists show it."""
    return {h.id for h in store.headlines() if getattr(h, mark)}


def story(
    title: str,
    *,
    guid: str | None = None,
    url: str | None = None,
    summary: str | None = None,
    body: str = "",
    published: datetime | None = None,
    source: str = "Example News",
    sections: tuple[str, ...] = (),
) -> Article:
    return Article(
        title=title,
        url=url,
        source=source,
        sections=sections,
        published=published,
        summary=summary,
        blocks=[Paragraph(body)] if body else [],
        guid=guid,
    )


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    opened = Store(path)
    yield opened
    opened.close()


def ids(headlines: list[Headline]) -> list[str]:
    return [h.id for h in headlines]


# ---- migrations ------------------------------------------------------------------------


def test_version_1_library_is_migrated_and_its_stories_survive(path: Path) -> None:
    old = story(
        "Brexit — the deal is DONE",
        url="https://example.com/brexit",
        summary="Negotiators agreed overnight.",
        body="The agreement runs to hundreds of pages.",
        published=NOW,
    )
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("BEGIN")
    schema._v1(db)
    db.execute("INSERT INTO feeds(id, url, title) VALUES (1, ?, 'Example')", (FEED,))
    doc = zlib.compress(json.dumps(old.to_json()).encode("utf-8"))
    cursor = db.execute(
        "INSERT INTO articles(id, feed_id, guid_key, url_key, content_key, url, title, source, "
        "section_path, published, fetched_at, read, starred, doc) "
        "VALUES (?, 1, NULL, ?, ?, ?, ?, ?, 'World', ?, ?, 1, 1, ?)",
        (
            old.id,
            key(url_key(old.url or "")),
            story_row(old).content_key,
            old.url,
            old.title,
            old.source,
            NOW.timestamp(),
            NOW.timestamp(),
            doc,
        ),
    )
    db.execute(
        "INSERT INTO articles_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
        (cursor.lastrowid, old.title, old.summary, "The agreement runs to hundreds of pages."),
    )
    db.execute("PRAGMA user_version = 1")
    db.execute("COMMIT")
    db.close()

    migrated = Store(path)
    try:
        version = migrated.db.execute("PRAGMA user_version").fetchone()[0]
        assert version == SCHEMA_VERSION
        assert migrated.notice is None  # a migration is not a "damaged file"
        assert ids(migrated.headlines()) == [old.id]
        article = migrated.article(old.id)
        assert article is not None
        assert article.title == old.title
        assert article.summary == "Negotiators agreed overnight."
        assert flagged(migrated, "read") == {old.id}
        assert flagged(migrated, "starred") == {old.id}
        # The v2 title_key backfill: a related link with only a title (different case
        # and punctuation) finds the story written by v1.
        assert migrated.find_related(Link("brexit: the deal is done!")) == old.id
        assert migrated.find_related(Link("Brexit: the deal is off")) is None
        assert [h.headline.id for h in migrated.search("hundreds")] == [old.id]
        assert migrated.check() == []
    finally:
        migrated.close()
    # Opening again is a no-op, not a second migration (ALTER TABLE would fail).
    again = Store(path)
    assert again.notice is None
    assert again.count() == 1
    again.close()


# ---- merge rules -----------------------------------------------------------------------


def test_same_guid_with_new_title_updates_the_story(store: Store) -> None:
    feed = store.ensure_feed(FEED, "Example")
    first = story("Storm warning", guid="tag:example.com,2024:1", url="https://example.com/a")
    assert store.save_articles(feed, [first]) == SaveResult(1, 0)
    second = story(
        "Storm warning upgraded to red",
        guid="tag:example.com,2024:1",
        url="https://example.com/a-renamed",
    )
    assert store.save_articles(feed, [second]) == SaveResult(0, 1)
    assert store.count() == 1
    [headline] = store.headlines()
    assert headline.id == first.id
    assert headline.title == "Storm warning upgraded to red"
    assert [h.headline.id for h in store.search("upgraded")] == [first.id]
    assert store.search("warning")[0].headline.title == "Storm warning upgraded to red"
    assert store.check() == []


def test_no_guid_same_url_with_tracking_is_the_same_story(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    first = story("Budget passes", url="https://www.example.com/budget/")
    store.save_articles(feed, [first])
    tracked = story(
        "Budget passes narrowly", url="https://example.com/budget?utm_source=rss&utm_medium=x"
    )
    assert tracked.id != first.id  # the ids differ: only the URL rule can join them
    assert store.save_articles(feed, [tracked]) == SaveResult(0, 1)
    assert store.count() == 1
    assert ids(store.headlines()) == [first.id]
    kept = store.article(first.id)
    assert kept is not None and kept.title == "Budget passes narrowly"
    assert store.article(tracked.id) is None


def test_no_guid_no_url_same_content_is_not_duplicated(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    text = story("Council meets", summary="The council met on Tuesday.", body="Details.")
    assert store.save_articles(feed, [text]).new == 1
    again = story("Council meets", summary="The council met on Tuesday.", body="Details.")
    assert store.save_articles(feed, [again]) == SaveResult(0, 0)
    assert store.count() == 1


def test_no_guid_no_url_different_content_is_a_new_story(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    store.save_articles(feed, [story("Council meets", summary="The council met on Tuesday.")])
    other = story("Library reopens", summary="The library reopened on Friday.")
    assert store.save_articles(feed, [other]) == SaveResult(1, 0)
    assert store.count() == 2
    assert {h.title for h in store.headlines()} == {"Council meets", "Library reopens"}


def test_story_seen_again_keeps_read_and_starred(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    marked = story("Election night", guid="g-1", summary="Polls close at ten.")
    other = story("Weather", guid="g-2", summary="Sunny.")
    store.save_articles(feed, [marked, other])
    store.set_flag(marked.id, "read", True)
    store.set_flag(marked.id, "starred", True)
    # A later refresh brings the same item, edited, and the other one unchanged.
    edited = story("Election night: results", guid="g-1", summary="Polls closed at ten.")
    result = store.save_articles(feed, [edited, story("Weather", guid="g-2", summary="Sunny.")])
    assert result == SaveResult(0, 1)
    assert flagged(store, "read") == {marked.id}
    assert flagged(store, "starred") == {marked.id}
    assert store.count(Query(unread=True)) == 1
    assert ids(store.headlines(Query(starred=True))) == [marked.id]
    reopened = store.article(marked.id)
    assert reopened is not None and reopened.title == "Election night: results"


# ---- counts and headlines --------------------------------------------------------------


def test_section_filter_includes_children_but_not_lookalikes(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    top = story("Top", guid="1", published=NOW)
    local = story("Local", guid="2", published=NOW - timedelta(hours=1))
    letter = story("Letter", guid="3", published=NOW - timedelta(hours=2))
    sport = story("Sport", guid="4", published=NOW - timedelta(hours=3))
    store.save_articles(feed, [top], sections=("News",))
    store.save_articles(feed, [local], sections=("News", "Local"))
    store.save_articles(feed, [letter], sections=("Newsletter",))
    store.save_articles(feed, [sport], sections=("Sport",))
    assert ids(store.headlines(Query(section=("News",)))) == [top.id, local.id]
    assert store.count(Query(section=("News",))) == 2
    assert ids(store.headlines(Query(section=("News", "Local")))) == [local.id]
    assert store.headlines(Query(section=("News", "Local")))[0].sections == ("News", "Local")
    assert store.count(Query(section=("Newsletter",))) == 1
    assert store.count() == 4
    assert store.section_counts() == {
        ("News",): (1, 1),
        ("News", "Local"): (1, 1),
        ("Newsletter",): (1, 1),
        ("Sport",): (1, 1),
    }


def test_article_without_sections_lands_in_other(store: Store) -> None:
    store.save_articles(None, [story("Loose file")])
    assert store.headlines()[0].sections == ("Other",)


def test_unread_and_starred_filters(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    a, b, c = (story(t, guid=t, published=NOW - timedelta(hours=i)) for i, t in enumerate("abc"))
    store.save_articles(feed, [a, b, c])
    store.set_flag(a.id, "read", True)
    store.set_flag(b.id, "starred", True)
    assert ids(store.headlines(Query(unread=True))) == [b.id, c.id]
    assert store.count(Query(unread=True)) == 2
    assert ids(store.headlines(Query(starred=True))) == [b.id]
    assert store.count(Query(unread=True, starred=True)) == 1
    store.set_flag(b.id, "read", True)
    assert store.count(Query(unread=True, starred=True)) == 0
    store.set_flag(a.id, "read", False)
    assert ids(store.headlines(Query(unread=True))) == [a.id, c.id]
    with pytest.raises(ValueError):
        store.set_flag(a.id, "title", True)


def test_headlines_newest_first_undated_last(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    undated = story("Undated", guid="u")
    old = story("Old", guid="o", published=NOW - timedelta(days=3))
    newest = story("Newest", guid="n", published=NOW)
    middle = story("Middle", guid="m", published=NOW - timedelta(days=1))
    store.save_articles(feed, [undated, old, newest, middle])
    assert [h.title for h in store.headlines()] == ["Newest", "Middle", "Old", "Undated"]
    assert store.headlines()[0].published == NOW
    assert store.headlines()[-1].published is None
    since = (NOW - timedelta(days=2)).timestamp()
    assert [h.title for h in store.headlines(Query(since=since))] == ["Newest", "Middle"]
    assert [h.title for h in store.headlines(limit=2)] == ["Newest", "Middle"]


# ---- search ----------------------------------------------------------------------------


@pytest.fixture
def searchable(store: Store) -> Store:
    feed = store.ensure_feed(FEED)
    store.save_articles(
        feed,
        [
            # Saved first, so a rank that fell back to insertion order would list it first.
            story(
                "Regional council minutes",
                guid="body",
                summary="A long meeting about roads.",
                body="Councillors discussed bins, roads and parking. "
                "One member mentioned the volcano documentary. Then lunch.",
            ),
            story("Volcano erupts near the coast", guid="title", body="Ash fell on roofs."),
            story("Markets", guid="standfirst", summary="Traders shrugged off inflation fears."),
            Article(
                title="Weekend guide",
                guid="list",
                blocks=[ListBlock(("A walk along the estuary", "A picnic"))],
            ),
            story("Le café du coin", guid="accent", body="Un petit noir au comptoir."),
            story("Best cafe in town", guid="plain", body="Flat whites."),
        ],
    )
    return store


def hit_titles(store: Store, query: str) -> list[str]:
    return [hit.headline.title for hit in store.search(query)]


def test_search_finds_words_in_title_standfirst_and_body(searchable: Store) -> None:
    assert hit_titles(searchable, "erupts") == ["Volcano erupts near the coast"]
    assert hit_titles(searchable, "inflation") == ["Markets"]
    assert hit_titles(searchable, "parking") == ["Regional council minutes"]
    assert hit_titles(searchable, "estuary") == ["Weekend guide"]
    assert hit_titles(searchable, "Ash roofs") == ["Volcano erupts near the coast"]
    assert hit_titles(searchable, "nonexistentword") == []


def test_title_match_ranks_above_body_match(searchable: Store) -> None:
    assert hit_titles(searchable, "volcano") == [
        "Volcano erupts near the coast",
        "Regional council minutes",
    ]


def test_title_match_beats_a_body_that_mentions_the_word_twice(store: Store) -> None:
    store.save_articles(
        None,
        [
            story(
                "Morning briefing",
                guid="b",
                summary="What happened in the region today.",
                body="Roads reopened after the storm. The glacier walk is closed; "
                "guides say the glacier path needs repairs before the season.",
            ),
            story(
                "Glacier retreats again",
                guid="t",
                summary="Scientists measured the ice this summer.",
                body="The measurements were taken over six weeks by a team of twelve.",
            ),
        ],
    )
    assert hit_titles(store, "glacier") == ["Glacier retreats again", "Morning briefing"]


def test_search_ignores_diacritics(searchable: Store) -> None:
    assert set(hit_titles(searchable, "cafe")) == {"Le café du coin", "Best cafe in town"}
    assert set(hit_titles(searchable, "CAFÉ")) == {"Le café du coin", "Best cafe in town"}


@pytest.mark.parametrize(
    "query",
    [
        "NEAR(",
        "NEAR(volcano coast",
        '"',
        '"volcano',
        'vol"cano',
        "title:volcano",
        "title:",
        "*",
        "volcano*",
        "-",
        "-volcano",
        "volcano AND",
        "OR NOT",
        "^volcano",
        "(",
        ")",
        "{title}: x",
        "\x00",
        "½ ⅷ ٣",
        "",
        "   ",
        "a " * 100,
        "x" * 5000,
    ],
)
def test_search_syntax_in_the_query_never_raises(searchable: Store, query: str) -> None:
    hits = searchable.search(query)
    assert isinstance(hits, list)


def test_search_syntax_still_finds_the_words(searchable: Store) -> None:
    assert "Volcano erupts near the coast" in hit_titles(searchable, "NEAR(volcano")
    assert "Volcano erupts near the coast" in hit_titles(searchable, '"volcano"')
    assert hit_titles(searchable, "-erupts") == ["Volcano erupts near the coast"]


def test_snippet_marks_the_matching_word(searchable: Store) -> None:
    [hit] = searchable.search("parking")
    assert re.search(f"{HIT_START}parking{HIT_END}", hit.snippet, re.IGNORECASE), hit.snippet
    assert "\n" not in hit.snippet
    [accented] = [h for h in searchable.search("cafe") if h.headline.title == "Le café du coin"]
    assert f"{HIT_START}café{HIT_END}" in accented.snippet


# ---- prune and remove ------------------------------------------------------------------


def test_prune_forgets_old_read_stories_only(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    old = NOW - timedelta(days=100)
    read_old = story("Read old aardvark", guid="1", published=old)
    starred_old = story("Starred old badger", guid="2", published=old)
    unread_old = story("Unread old cheetah", guid="3", published=old)
    read_new = story("Read new dingo", guid="4", published=NOW - timedelta(days=1))
    undated_old = story("Undated fetched long ago", guid="5")
    # All last seen in the feed 100 days ago: they have since left it.
    store.save_articles(feed, [read_old, starred_old, unread_old, read_new], now=old.timestamp())
    store.save_articles(feed, [undated_old], now=old.timestamp())
    still_listed = story("Read old but still in the feed", guid="6", published=old)
    store.save_articles(feed, [still_listed], now=NOW.timestamp())
    store.set_flag(still_listed.id, "read", True)
    for item in (read_old, starred_old, read_new, undated_old):
        store.set_flag(item.id, "read", True)
    store.set_flag(starred_old.id, "starred", True)

    assert store.prune(30, now=NOW.timestamp()) == 2
    remaining = {h.id for h in store.headlines()}
    # The feed still lists `still_listed`: deleting it would bring it back unread.
    assert remaining == {starred_old.id, unread_old.id, read_new.id, still_listed.id}
    assert store.article(read_old.id) is None
    assert store.search("aardvark") == []
    assert [h.headline.id for h in store.search("badger")] == [starred_old.id]
    assert store.check() == []
    # Starred stories stay forever, however far the clock moves.
    assert store.prune(0, now=(NOW + timedelta(days=10_000)).timestamp()) == 2
    assert {h.id for h in store.headlines()} == {starred_old.id, unread_old.id}
    assert store.check() == []


def test_remove_feed_keeps_starred_stories(store: Store) -> None:
    feed = store.ensure_feed(FEED, "Example")
    other = store.ensure_feed("https://other.example/feed", "Other")
    keep = story("Keep this one walrus", guid="k", body="Walrus facts.")
    drop = story("Drop this one narwhal", guid="d", body="Narwhal facts.")
    unrelated = story("Other feed story", guid="o")
    store.save_articles(feed, [keep, drop])
    store.save_articles(other, [unrelated])
    store.set_flag(keep.id, "starred", True)

    assert store.remove_feed(FEED) is True
    assert store.remove_feed(FEED) is False
    assert store.feed(FEED) is None
    assert [f.url for f in store.feeds()] == ["https://other.example/feed"]
    assert {h.id for h in store.headlines()} == {keep.id, unrelated.id}
    kept = store.article(keep.id)
    assert kept is not None and kept.title == "Keep this one walrus"
    assert [h.headline.id for h in store.search("walrus")] == [keep.id]
    assert store.search("narwhal") == []
    assert store.check() == []
    # Subscribing again and refreshing does not duplicate the starred story.
    again = store.ensure_feed(FEED)
    store.save_articles(again, [story("Keep this one walrus", guid="k", body="Walrus facts.")])
    assert store.count() == 2
    assert flagged(store, "starred") == {keep.id}


# ---- hostile data ----------------------------------------------------------------------


def test_huge_guid_is_stored_with_a_bounded_key(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    guid = "g" * (5 * 1024 * 1024)
    item = story("Huge guid", guid=guid, summary="Still readable.")
    assert store.save_articles(feed, [item]).new == 1
    assert store.save_articles(
        feed, [story("Huge guid", guid=guid, summary="Still readable.")]
    ) == (SaveResult(0, 0))
    assert store.count() == 1
    loaded = store.article(item.id)
    assert loaded is not None and loaded.summary == "Still readable."
    lengths = store.db.execute(
        "SELECT length(id), length(identity), length(url_key), length(content_key), "
        "length(title_key) FROM articles"
    ).fetchone()
    assert lengths == (16, 32, None, 32, 32)
    assert path_size(store) < 1024 * 1024  # the guid itself is not stored anywhere


def path_size(store: Store) -> int:
    base = Path(str(store.path))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in base.parent.glob(base.name + "*"))


def test_guid_with_nul_and_lone_surrogate(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    guid = "a\x00b\ud800c"
    item = story("Odd guid", guid=guid)
    store.save_articles(feed, [item])
    store.save_articles(feed, [story("Odd guid, edited", guid=guid)])
    assert store.count() == 1
    loaded = store.article(item.id)
    assert loaded is not None and loaded.title == "Odd guid, edited"
    # A guid that differs only after the NUL is a different story.
    store.save_articles(feed, [story("Other", guid="a\x00b\ud800d")])
    assert store.count() == 2
    assert store.check() == []


def test_huge_urls_and_titles_are_bounded_keys(store: Store) -> None:
    url = "https://example.com/" + "p" * 2_000_000
    item = story("T" * 100_000, url=url)
    store.save_articles(None, [item])
    assert store.find_related(Link("t" * 100_000)) == item.id
    assert store.find_related(Link("x", url=url + "?utm_source=a")) == item.id
    row = store.db.execute("SELECT length(url_key), length(title_key) FROM articles").fetchone()
    assert row == (32, 32)


@pytest.mark.parametrize(
    "published",
    [
        datetime.max.replace(tzinfo=UTC),
        datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-12))),
        datetime(1, 1, 1, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=14))),
        datetime(2106, 2, 7, 6, 28, 16, tzinfo=UTC),
    ],
    ids=["max", "max-minus-12h", "year-1", "year-1-plus-14h", "past-uint32"],
)
def test_absurd_published_dates_are_saved_and_listed(store: Store, published: datetime) -> None:
    feed = store.ensure_feed(FEED)
    absurd = story("Absurd date", guid="absurd", published=published)
    normal = story("Normal", guid="normal", published=NOW)
    store.save_articles(feed, [absurd, normal])
    headlines = store.headlines()  # must not raise
    assert {h.title for h in headlines} == {"Absurd date", "Normal"}
    assert store.count(Query(since=NOW.timestamp() - 1)) >= 1
    loaded = store.article(absurd.id)
    assert loaded is not None and loaded.published == published
    assert [h.headline.title for h in store.search("absurd")] == ["Absurd date"]
    assert store.check() == []


# ---- a damaged file --------------------------------------------------------------------


def test_damaged_file_is_moved_aside_and_a_fresh_library_starts(path: Path) -> None:
    garbage = bytes(range(256)) * 64
    path.write_bytes(garbage)
    opened = Store(path)
    try:
        assert opened.count() == 0
        feed = opened.ensure_feed(FEED)
        opened.save_articles(feed, [story("After recovery", guid="r")])
        assert opened.count() == 1
        assert opened.notice is not None
        assert "\n" not in opened.notice and "\r" not in opened.notice
        moved = [p for p in path.parent.iterdir() if p.name.startswith(path.name + ".damaged")]
        assert len(moved) == 1
        assert moved[0].name in opened.notice
        assert moved[0].read_bytes() == garbage  # kept, byte for byte, beside the library
    finally:
        opened.close()
    reopened = Store(path)
    assert reopened.notice is None
    assert reopened.count() == 1
    reopened.close()


def test_damaged_file_never_overwrites_an_earlier_damaged_copy(path: Path) -> None:
    # Earlier damaged copies, named the way a recovery this second or the next would name them.
    earlier: dict[Path, bytes] = {}
    start = time.time()
    for offset in range(-1, 4):
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(start + offset))
        copy = path.with_name(f"{path.name}.damaged-{stamp}")
        earlier[copy] = f"earlier damaged library {offset}".encode()
        copy.write_bytes(earlier[copy])
    path.write_bytes(b"not a database at all" * 100)
    opened = Store(path)
    try:
        assert opened.notice is not None
        assert opened.count() == 0
        for copy, content in earlier.items():
            assert copy.read_bytes() == content, f"{copy.name} was overwritten"
        fresh = [
            p for p in path.parent.iterdir() if p.read_bytes()[:21] == b"not a database at all"
        ]
        assert len(fresh) == 1 and fresh[0].name in opened.notice
    finally:
        opened.close()


def test_a_busy_library_is_waited_for_never_moved_aside(path: Path) -> None:
    first = Store(path)
    first.save_articles(first.ensure_feed(FEED), [story("Precious story", guid="p")])
    first.close()
    # Another program (the sqlite3 shell, a sync tool) left the file in rollback mode and
    # is writing to it right now; it finishes half a second later.
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    assert other.execute("PRAGMA journal_mode = DELETE").fetchone()[0] == "delete"
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE feeds SET title = 'Renamed elsewhere'")
    finish = threading.Timer(0.5, other.execute, ("COMMIT",))
    finish.start()
    try:
        opened = Store(path)
    finally:
        finish.join()
        other.close()
    try:
        assert opened.notice is None, opened.notice
        assert [h.title for h in opened.headlines()] == ["Precious story"]
        assert [f.title for f in opened.feeds()] == ["Renamed elsewhere"]
        assert not [p for p in path.parent.iterdir() if ".damaged" in p.name]
    finally:
        opened.close()


def test_truncated_library_is_recovered(path: Path) -> None:
    first = Store(path)
    feed = first.ensure_feed(FEED)
    first.save_articles(
        feed, [story(f"Story {i}", guid=str(i), body="x " * 500) for i in range(200)]
    )
    first.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    first.close()
    data = path.read_bytes()
    # Keep the valid header page, destroy the rest.
    path.write_bytes(data[:4096] + b"\xff" * (len(data) - 4096))
    opened = Store(path)
    try:
        assert opened.check() == []
        assert opened.notice is not None
        assert any(p.name in opened.notice for p in path.parent.iterdir() if p != path)
    finally:
        opened.close()


# ---- crashes and two processes ---------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import os, sys, time
    from newsterm.core.model import Article, Paragraph
    from newsterm.core.library.store import Store

    path, name, rounds, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    go = path + ".go"
    if rounds > 0:  # start together: everything imported, then open and write at once
        open(path + "." + name + ".ready", "w").close()
        while not os.path.exists(go):
            time.sleep(0.001)
    print(time.time(), flush=True)
    store = Store(path)
    n = 0
    while rounds < 0 or n < rounds:
        url = f"https://{name}.example/feed/{n}" if rounds < 0 else f"https://{name}.example/feed"
        feed = store.ensure_feed(url, name)
        articles = [
            Article(
                title=f"{name} story {n}-{i}",
                guid=f"{name}-{n}-{i}",
                summary="A standfirst long enough to make the write take a moment. " * 3,
                blocks=[Paragraph("Body text of the story. " * 20)],
            )
            for i in range(size)
        ]
        store.save_articles(feed, articles)
        n += 1
    print(time.time(), flush=True)
    store.close()
    """
)


def _writer(path: Path, name: str, rounds: int, size: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), name, str(rounds), str(size)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _rows(path: Path) -> int:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def test_kill_9_mid_refresh_leaves_whole_feeds(path: Path) -> None:
    writer = _writer(path, "crash", -1, 200)
    try:
        deadline = time.monotonic() + 15
        while _rows(path) < 600:
            assert writer.poll() is None, writer.stderr.read().decode() if writer.stderr else ""
            assert time.monotonic() < deadline, "the writer never committed a feed"
            time.sleep(0.02)
        time.sleep(0.037)  # land somewhere inside a later transaction
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(10)
    assert writer.returncode == -signal.SIGKILL

    survivor = Store(path)
    try:
        assert survivor.notice is None
        assert survivor.check() == []
        counts = dict(
            survivor.db.execute(
                "SELECT f.url, count(a.rowid) FROM feeds f "
                "LEFT JOIN articles a ON a.feed_id = f.id GROUP BY f.id"
            ).fetchall()
        )
        assert len(counts) >= 3
        assert {count for count in counts.values()} <= {0, 200}, counts
        assert survivor.count() == 200 * sum(1 for c in counts.values() if c)
        # And the library still takes new stories after the crash.
        feed = survivor.ensure_feed(FEED)
        survivor.save_articles(feed, [story("After the crash", guid="after")])
        assert survivor.check() == []
    finally:
        survivor.close()


def test_two_processes_write_the_same_library_at_once(path: Path) -> None:
    names = ("alpha", "beta")
    writers = [_writer(path, name, 20, 100) for name in names]
    deadline = time.monotonic() + 20
    while not all(Path(f"{path}.{name}.ready").exists() for name in names):
        assert all(w.poll() is None for w in writers), "a writer died before starting"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    Path(f"{path}.go").touch()  # both open the (not yet created) library at the same moment
    outputs = [w.communicate(timeout=60) for w in writers]
    spans = []
    for writer, (out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err.decode()
        assert b"locked" not in err
        start, end = (float(line) for line in out.split())
        spans.append((start, end))
    (start_a, end_a), (start_b, end_b) = spans
    assert start_a < end_b and start_b < end_a, "the two writers did not overlap"
    final = Store(path)
    try:
        assert final.notice is None
        assert final.check() == []
        assert final.count() == 4000
        counts = dict(
            final.db.execute(
                "SELECT f.url, count(a.rowid) FROM feeds f "
                "JOIN articles a ON a.feed_id = f.id GROUP BY f.id"
            ).fetchall()
        )
        assert counts == {"https://alpha.example/feed": 2000, "https://beta.example/feed": 2000}
        assert final.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    finally:
        final.close()


def test_a_batch_naming_one_guid_twice_keeps_both_items_and_a_consistent_store(
    store: Store,
) -> None:
    """Feeds reuse a guid for different items (a podcast's two episodes): both are stories;
    the very same item listed twice is one."""
    feed = store.ensure_feed(FEED)
    first = story("Ferry timetable changes", guid="same", body="The ferry leaves at nine.")
    second = story("Ferry timetable changed again", guid="same", body="It now leaves at ten.")
    repeat = story("Ferry timetable changes", guid="same", body="The ferry leaves at nine.")
    assert store.save_articles(feed, [first, second, repeat]) == SaveResult(2, 0)
    assert store.count() == 2
    assert store.check() == []
    assert [h.headline.title for h in store.search("ten")] == ["Ferry timetable changed again"]
    assert [h.headline.title for h in store.search("nine")] == ["Ferry timetable changes"]
    marked = store.search("nine")[0].headline.id
    store.set_flag(marked, "read", True)
    # Fetched again, in the other order, one of them edited: still two, marks where they were.
    edited = story("Ferry timetable changed again", guid="same", body="It now leaves at 10.")
    unchanged = story("Ferry timetable changes", guid="same", body="The ferry leaves at nine.")
    again = [edited, unchanged]
    assert store.save_articles(feed, again) == SaveResult(0, 1)
    assert store.count() == 2
    assert flagged(store, "read") == {marked}
    assert store.check() == []


def test_a_page_kept_for_a_story_keeps_the_feed_s_text_beside_it(store: Store) -> None:
    """`x` and starring store the page's text; the feed's own is kept once, the first
    time, so the reader can show either, and search finds the page's words."""
    feed = store.ensure_feed(FEED)
    story = Article(title="Ferry plan", url="https://x.example/f", blocks=[Paragraph("Teaser.")])
    store.save_articles(feed, [story])
    assert not store.has_feed_text(story.id) and store.feed_text(story.id) is None
    page = Article(
        title="Ferry plan", url=story.url, blocks=[Paragraph("Whole harbour text.")], from_page=True
    )
    page.id = story.id
    store.replace_article(page)
    again = Article(title="Ferry plan", url=story.url, blocks=[Paragraph("Later text.")])
    again.id, again.from_page = story.id, True
    store.replace_article(again)  # fetched twice: the feed's text is still the feed's
    kept, feed_text = store.article(story.id), store.feed_text(story.id)
    assert kept is not None and kept.from_page and kept.blocks == [Paragraph("Later text.")]
    assert feed_text is not None and feed_text.blocks == [Paragraph("Teaser.")]
    assert not feed_text.from_page and store.has_feed_text(story.id)
    assert [hit.headline.id for hit in store.search("later")] == [story.id]


def test_every_order_places_each_story_where_its_list_shows_it(store: Store) -> None:
    """`position` (where the reader moves the highlight) agrees with the listed order,
    for every order a view can be sorted in, undated stories and ties included."""
    from newsterm.core.library.query import ORDERS

    feed = store.ensure_feed(FEED)
    stories = [
        Article(
            title=f"Story {n}",
            url=f"https://x.example/{n}",
            source=("Tide Post", "alpha Times")[n % 2],
            published=None if n % 4 == 3 else NOW - timedelta(hours=n // 2),  # ties, undated
            blocks=[Paragraph(f"Text {n}.")],
        )
        for n in range(12)
    ]
    store.save_articles(feed, stories)
    store.set_flags({(s.id, "read"): True for s in stories[::3]})
    for order in ORDERS:
        query = Query(order=order)
        listed = [h.id for h in store.headlines(query)]
        assert sorted(listed) == sorted(s.id for s in stories), order
        assert [store.position(query, i) for i in listed] == list(range(12)), order
    unread_first = store.headlines(Query(order="unread"))
    assert [h.read for h in unread_first] == [False] * 8 + [True] * 4
    by_feed = [h.source for h in store.headlines(Query(order="feed"))]
    assert by_feed == ["alpha Times"] * 6 + ["Tide Post"] * 6


def test_unread_first_keeps_its_rows_while_stories_are_read(store: Store) -> None:
    """Reading a story moves it in the unread-first order; the list shown keeps every
    story once, in the order it was listed, across pages loaded after the reading."""
    from newsterm.core.library.window import PAGE, HeadlineWindow

    feed = store.ensure_feed(FEED)
    stories = [
        Article(title=f"Story {n}", url=f"https://x.example/{n}", published=NOW - timedelta(n))
        for n in range(PAGE + 60)
    ]
    store.save_articles(feed, stories)
    window = HeadlineWindow(store, Query(order="unread"))
    listed = [window[i].id for i in range(20)]  # the first page is loaded
    for story_id in listed[:10]:  # read as a person goes down the list
        store.set_flags({(story_id, "read"): True})
        window.mark(story_id, read=True)
    rows = [window[i].id for i in range(len(window))]
    assert len(rows) == len(set(rows)) == len(stories)  # none skipped, none twice
    assert rows[:20] == listed and window.position(rows[PAGE + 5]) == PAGE + 5
