"""Faults on the wire and hostile data in the store, through the real refresh path.

tests/net/test_fetch.py proves each fault on the fetcher alone (deadline, gzip bomb,
redirect limits and loops, resets, endless bodies, statuses, header controls). Here a
whole refresh runs over good and bad feeds at once: one line per bad feed, the good
feeds stored, within a bound. Then feed items carrying NUL, lone surrogates, huge
integers, SQL and a 5 MB guid go through refresh/save and come back intact and bounded.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsterm.core.library.store import Store
from newsterm.core.model import Subscription
from newsterm.core.net.fetch import Fetcher
from newsterm.core.refresh.feed_rows import parse_feed_bytes
from newsterm.core.refresh.feeds import refresh
from tests.support.faultserver import FaultServer, running_fault_server
from tests.support.payloads import assert_clean

GOOD = ["/feed", "/gzip-feed", "/wrong-type"]
BAD = {
    "/hang": "timed out",
    "/reset": None,  # the lenient parser may keep what arrived, or fail: either, one line
    "/endless": None,
    "/bomb": "larger than|timed out",  # the server may still be building the bomb
    "/status/404": "HTTP 404",
    "/status/410": "HTTP 410",
    "/status/429": "HTTP 429",
    "/status/500": "HTTP 500",
    "/html-with-feeds": "not a feed",
    "/not-a-feed": "not a feed",
    "/loop": "redirect loop",
    "/redirect/12": "too many redirects",
    "/to-file": "http",
}


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


async def test_refresh_over_good_and_bad_feeds_costs_one_line_each(server: FaultServer) -> None:
    feeds = [Subscription(server.url(path)) for path in [*BAD, *GOOD]]
    store = Store()
    started = time.monotonic()
    async with Fetcher(total_deadline=2, max_bytes=4 * 2**20) as fetcher:
        results = await refresh(feeds, store, fetcher, force=True)
    elapsed = time.monotonic() - started
    assert elapsed < 15, elapsed
    by_path = {r.url.split(str(server.port), 1)[1]: r for r in results}
    assert len(results) == len(feeds)
    for path in GOOD:
        assert by_path[path].outcome == "new", by_path[path]
    # The same two stories from three good feeds: each feed keeps its own (never merged).
    assert store.count() == 2 * len(GOOD)
    for path, expected in BAD.items():
        result = by_path[path]
        line = result.line()
        assert "\n" not in line and len(line) < 300, line
        assert_clean(line)
        if expected is None:
            continue
        assert result.outcome == "error", result
        assert any(e.lower() in line.lower() for e in expected.split("|")), line
    errors = {row.url: row.last_error for row in store.feeds() if row.last_status == "error"}
    assert len(errors) >= len([e for e in BAD.values() if e])


def hostile_json_feed(*, huge: bool = True) -> bytes:
    """Items whose text and ids hold what breaks naive storage."""
    items = [
        {"id": "nul\u0000id", "title": "NUL\u0000 in title", "content_text": "a\u0000b"},
        {"id": "surrogate", "title": "lone \ud800 and \udfff surrogates",
         "content_text": "\udbff body", "tags": ["\ud83d"]},
        {"id": 10**200, "title": "huge integer id"},
        {"id": "'); DROP TABLE articles; --", "title": "Robert'); DROP TABLE feeds;--",
         "content_text": "\" OR 1=1 -- ; SELECT * FROM sqlite_master"},
        {"id": "g" * (5 * 2**20), "title": "five megabyte guid",
         "url": "https://example.org/" + "u" * (2 * 2**20)},
    ]  # fmt: skip
    if not huge:
        items[-1] = {"id": "small", "title": "a small guid"}
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", "title": "Hostile", "items": items}
    ).encode()


def test_nul_surrogates_huge_ints_sql_and_huge_guids_are_stored_bounded() -> None:
    store = Store()
    feed = store.ensure_feed("https://example.org/feed'); DROP TABLE feeds;--", "T\x00itle")
    document = parse_feed_bytes(hostile_json_feed(), "https://example.org/feed")
    assert len(document.articles) == 5
    assert_clean(document.to_json())
    saved = store.save_articles(feed, document.articles, feed_title=document.source.title)
    assert saved.new == 5
    again = store.save_articles(feed, parse_feed_bytes(hostile_json_feed(), "x").articles)
    assert (again.new, again.updated) == (0, 0)  # matched by their hashed guid keys
    longest = store.db.execute(
        "SELECT max(length(id)), max(length(identity)), max(length(url_key)) FROM articles"
    ).fetchone()
    assert all(n is not None and n <= 64 for n in longest), longest
    tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "feeds"} <= tables
    titles = sorted(h.title for h in store.headlines())
    assert "Robert'); DROP TABLE feeds;--" in titles and "NUL in title" in titles
    for headline in store.headlines():
        article = store.article(headline.id)
        assert article is not None and article.title == headline.title
    assert store.check() == []


@pytest.mark.parametrize(
    "query", ['"', "*", "NEAR(", "a OR", "\x00", "\ud800", "'); DROP TABLE articles;--", "^"]
)
def test_search_with_hostile_queries_does_not_crash(query: str) -> None:
    store = Store()
    feed = store.ensure_feed("https://example.org/feed")
    store.save_articles(feed, parse_feed_bytes(hostile_json_feed(huge=False), "x").articles)
    hits = store.search(query)
    assert isinstance(hits, list)
    assert store.count() == 5


def test_a_library_from_a_newer_newsterm_is_refused_and_left_alone(tmp_path: Path) -> None:
    import sqlite3

    from newsterm.core.library.store import SCHEMA_VERSION, Store, StoreError

    path = tmp_path / "library.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = path.read_bytes()
    with pytest.raises(StoreError) as refused:
        Store(path)
    assert "newer newsterm" in str(refused.value) and "\n" not in str(refused.value)
    assert path.read_bytes() == before  # not migrated, not moved, not deleted


def test_a_read_only_data_folder_is_one_clear_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "config").mkdir()
    (home / "config" / "config.toml").write_text(
        '[[feed]]\nurl = "http://127.0.0.1:9/feed.xml"\n', encoding="utf-8"
    )
    os.chmod(home / "data", 0o500)
    try:
        env = {**os.environ, "NEWSTERM_HOME": str(home)}
        if os.geteuid() == 0:  # root writes anywhere: make the library path a directory instead
            os.chmod(home / "data", 0o700)
            (home / "data" / "library.sqlite").mkdir()
        result = subprocess.run(
            [sys.executable, "-m", "newsterm", "refresh"],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        os.chmod(home / "data", 0o700)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "library" in result.stderr and "Traceback" not in result.stderr
