"""`newsterm refresh` and friends as a person runs them: real processes, real HTTP.

Feeds come from the shared benchmark kit (genfeeds.py, served by serve.py with
ETag/Last-Modified); failures come from the fault server. Nothing is mocked.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsterm.core.library.store import Store
from tests.support.benchkit import (
    BenchServer,
    free_port,
    generate_feeds,
    newsterm,
    read_config,
    refresh_json,
    start_server,
    write_config,
)
from tests.support.faultserver import FaultServer, running_fault_server

FEEDS, ITEMS = 6, 10
NEW_WORD = "Zanzibarquux"


@dataclass
class Bench:
    server: BenchServer
    files: list[Path]
    opml: Path

    @property
    def urls(self) -> list[str]:
        return [self.server.feed_url(f) for f in self.files]


@dataclass
class Refreshed:
    """A home that imported feeds.opml and refreshed once, and what that refresh said."""

    home: Path
    first: dict[str, Any]
    first_status: int


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    out = tmp_path_factory.mktemp("bench") / "site"
    port = free_port()
    files = generate_feeds(out, port=port, feeds=FEEDS, items=ITEMS)
    server = start_server(out, port)
    try:
        yield Bench(server, files, out / "feeds.opml")
    finally:
        server.stop()


def _import_and_refresh(bench: Bench, home: Path) -> tuple[int, dict[str, Any]]:
    done = newsterm(home, "import", str(bench.opml))
    assert done.returncode == 0, done.stderr
    assert f"imported {FEEDS} new feeds" in done.stdout
    return refresh_json(home)


@pytest.fixture(scope="module")
def library(bench: Bench, tmp_path_factory: pytest.TempPathFactory) -> Refreshed:
    home = tmp_path_factory.mktemp("home")
    status, first = _import_and_refresh(bench, home)
    return Refreshed(home, first, status)


def _by_url(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {feed["url"]: feed for feed in report["feeds"]}


def _add_item(feed: Path) -> None:
    """Publish one more story: a new valid feed file, different size and a later mtime."""
    text = feed.read_text(encoding="utf-8")
    at = text.index("<item>")
    item = (
        f"<item><title>{NEW_WORD} lighthouse reopens to visitors</title>"
        "<link>https://news.example/lighthouse-reopens.html</link>"
        '<guid isPermaLink="false">urn:test:lighthouse-reopens</guid>'
        "<pubDate>Mon, 02 Jun 2025 13:30:00 GMT</pubDate>"
        f"<description>The {NEW_WORD} lighthouse opened its doors again.</description>"
        "</item>\n"
    )
    before = feed.stat()
    feed.write_text(text[:at] + item + text[at:], encoding="utf-8")
    later = before.st_mtime + 5  # serve.py's ETag is size+mtime, Last-Modified whole seconds
    os.utime(feed, (later, later))


def test_refresh_cycle_new_then_not_modified_then_one_new(bench: Bench, library: Refreshed) -> None:
    # First refresh: every feed is new, every story stored.
    first = library.first
    assert library.first_status == 0
    assert {f["outcome"] for f in first["feeds"]} == {"new"}
    assert set(_by_url(first)) == set(bench.urls)
    assert all(f["new"] == ITEMS and f["error"] is None for f in first["feeds"])
    assert first["total"]["new"] == FEEDS * ITEMS == 60
    assert first["total"]["errors"] == 0

    # Second refresh: conditional GETs only, nothing downloaded, nothing new.
    bench.server.reset()
    status, second = refresh_json(library.home)
    assert status == 0
    assert {f["outcome"] for f in second["feeds"]} == {"not_modified"}
    assert second["total"]["new"] == 0 and second["total"]["not_modified"] == FEEDS
    stats = bench.server.stats()
    assert stats["requests"] == FEEDS
    assert stats["conditional"] == stats["requests"]
    assert stats["not_modified"] == FEEDS
    assert stats["body_bytes"] == 0

    # One feed publishes a story: the third refresh brings exactly that one.
    changed = next(f for f in bench.files if "<rss" in f.read_text(encoding="utf-8")[:500])
    _add_item(changed)
    status, third = refresh_json(library.home)
    assert status == 0
    feeds = _by_url(third)
    changed_url = bench.server.feed_url(changed)
    assert feeds[changed_url]["outcome"] == "new"
    assert feeds[changed_url]["new"] == 1
    assert feeds[changed_url]["updated"] == 0
    others = [f for url, f in feeds.items() if url != changed_url]
    assert {f["outcome"] for f in others} == {"not_modified"}
    assert third["total"]["new"] == 1

    # The new story is searchable.
    found = newsterm(library.home, "search", NEW_WORD.lower(), "--json")
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert len(hits) == 1
    assert hits[0]["title"] == f"{NEW_WORD} lighthouse reopens to visitors"
    assert hits[0]["url"] == "https://news.example/lighthouse-reopens.html"
    assert newsterm(library.home, "search", "qwxzyvnotaword").returncode == 1


def test_list_shows_every_feed_with_its_status(bench: Bench, library: Refreshed) -> None:
    done = newsterm(library.home, "list")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == FEEDS
    for url in bench.urls:
        (line,) = [line for line in lines if f"<{url}>" in line]
        assert re.search(r"\[OK at \d\d:\d\d\]$", line), line
    titles = {f["title"] for f in library.first["feeds"]}
    assert all(any(title in line for line in lines) for title in titles)


def test_export_then_import_keeps_feeds_and_sections(
    bench: Bench, library: Refreshed, tmp_path: Path
) -> None:
    exported = newsterm(library.home, "export")
    assert exported.returncode == 0, exported.stderr
    opml = tmp_path / "mine.opml"
    opml.write_text(exported.stdout, encoding="utf-8")
    other_home = tmp_path / "other-home"
    imported = newsterm(other_home, "import", str(opml))
    assert imported.returncode == 0, imported.stderr
    assert f"imported {FEEDS} new feeds" in imported.stdout

    def shape(home: Path) -> list[tuple[str, str, str]]:
        return [
            (f["url"], f.get("section", ""), f.get("title", "")) for f in read_config(home)["feed"]
        ]

    assert shape(other_home) == shape(library.home)
    assert all(section for _, section, _ in shape(other_home))  # every feed kept its folder


def _count_stories(home: Path) -> int:
    store = Store(home / "data" / "library.sqlite")
    try:
        return store.count()
    finally:
        store.close()


def test_remove_drops_the_feed_and_its_stories(
    bench: Bench, library: Refreshed, tmp_path: Path
) -> None:
    home = tmp_path / "home-copy"
    shutil.copytree(library.home, home)  # the refreshed library, stories and all
    urls = [f["url"] for f in library.first["feeds"]]
    atom = next(f for f in bench.files if "<feed" in f.read_text(encoding="utf-8")[:500])
    gone = bench.server.feed_url(atom)  # an Atom feed: never changed by the other tests
    before = _count_stories(home)
    done = newsterm(home, "remove", gone)
    assert done.returncode == 0, done.stderr
    assert f"removed {gone}" in done.stdout
    listed = newsterm(home, "list").stdout
    assert f"<{gone}>" not in listed
    kept = [url for url in urls if url != gone]
    assert all(f"<{url}>" in listed for url in kept)
    assert [f["url"] for f in read_config(home)["feed"]] == kept
    assert before - _count_stories(home) == ITEMS


# ---- failures, from the fault server ---------------------------------------------------


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    with running_fault_server() as server:
        yield server


FETCH_TIMEOUT = 2  # seconds: keeps the drip feed's failure quick (the default is 20)


def test_bad_feeds_cost_one_line_each_and_the_good_one_is_stored(
    faults: FaultServer, isolated_home: Path
) -> None:
    good = faults.url("/feed")
    bad = {
        faults.url("/status/404"): "HTTP 404",
        faults.url("/status/500"): "HTTP 500",
        faults.url("/drip"): f"timed out after {FETCH_TIMEOUT} s",
        faults.url("/oversize"): "larger than 16 MB",
    }
    write_config(
        isolated_home,
        [{"url": good, "section": "Good"}, *({"url": url} for url in bad)],
        fetch_timeout_seconds=FETCH_TIMEOUT,
    )
    started = time.monotonic()
    status, report = refresh_json(isolated_home)
    elapsed = time.monotonic() - started
    assert status == 0  # not every feed failed
    assert elapsed < 15, f"refresh took {elapsed:.1f} s: the configured timeout was ignored"
    feeds = _by_url(report)
    assert feeds[good]["outcome"] == "new" and feeds[good]["new"] == 2
    for url, expected in bad.items():
        assert feeds[url]["outcome"] == "error", feeds[url]
        message = feeds[url]["error"]
        assert expected in message
        assert "\n" not in message and len(message) <= 200
    assert report["total"]["errors"] == len(bad)

    listed = newsterm(isolated_home, "list").stdout.splitlines()
    assert len(listed) == 1 + len(bad)
    for url, expected in bad.items():
        (line,) = [line for line in listed if f"<{url}>" in line]
        assert expected in line
    found = newsterm(isolated_home, "search", "second", "--json")
    assert [hit["title"] for hit in json.loads(found.stdout)] == ["Second story"]


def test_every_feed_failing_is_a_failed_run(faults: FaultServer, isolated_home: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}/feed.xml"
    urls = [faults.url("/status/404"), faults.url("/status/500"), closed]
    write_config(isolated_home, [{"url": url} for url in urls])
    done = newsterm(isolated_home, "refresh")
    assert done.returncode != 0
    lines = done.stdout.splitlines()
    assert len(lines) == len(urls) + 1  # one line per feed, then the totals
    assert any("HTTP 404 Not Found" in line for line in lines)
    assert any("HTTP 500 Internal Server Error" in line for line in lines)
    assert any(line.startswith(closed) and "could not connect" in line for line in lines)
    assert "3 failed" in lines[-1]


def test_a_redirecting_feed_is_followed(faults: FaultServer, isolated_home: Path) -> None:
    url = faults.url("/redirect/2")
    write_config(isolated_home, [{"url": url}])
    status, report = refresh_json(isolated_home)
    assert status == 0
    (feed,) = report["feeds"]
    assert feed["url"] == url and feed["outcome"] == "new" and feed["new"] == 2
    assert faults.hits["/redirect/2"] == faults.hits["/redirect/1"] == faults.hits["/feed"] == 1
    found = newsterm(isolated_home, "search", "first", "--json")
    assert [hit["title"] for hit in json.loads(found.stdout)] == ["First story"]


def test_a_feed_is_not_due_until_its_own_interval_or_the_servers_wait_has_passed() -> None:
    from newsterm.core.model import Subscription
    from newsterm.core.refresh.feeds import _not_due

    hourly = Subscription("http://x/feed", refresh_minutes=60)
    assert _not_due(hourly, checked_at=1000.0, next_check_at=None, now=1000.0 + 59 * 60)
    assert not _not_due(hourly, checked_at=1000.0, next_check_at=None, now=1000.0 + 61 * 60)
    plain = Subscription("http://x/feed")
    assert not _not_due(plain, checked_at=1000.0, next_check_at=None, now=1001.0)
    assert _not_due(plain, checked_at=1000.0, next_check_at=5000.0, now=4000.0)
