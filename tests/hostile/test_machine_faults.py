"""Faults of the machine, not of the feeds: a library another process is writing, a full
disk. Each costs the person one line and a non-zero exit, never a traceback, and never
a half-written feed. Real processes, a real lock, a real disk limit; nothing mocked.

`library_wait_seconds = 1` in config.toml keeps the wait for the lock short here.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from newsterm.core.library.store import Store
from tests.support.benchkit import (
    BenchServer,
    free_port,
    generate_feeds,
    newsterm,
    start_server,
    write_config,
)
from tests.support.machine import newsterm_limited, small_disk, write_locked

BUSY = "library is busy (another newsterm is writing)"
WAITING = f"newsterm: {BUSY}; waiting…"
UNWRITABLE = "the library could not be written (disk I/O error)"
ROOM = 300_000
"""Bytes the disk has left beyond the empty library: about one generated feed of 60 items."""


@dataclass
class Site:
    server: BenchServer
    files: list[Path]

    @property
    def urls(self) -> list[str]:
        return [self.server.feed_url(f) for f in self.files]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    out = tmp_path_factory.mktemp("faults") / "site"
    port = free_port()
    files = generate_feeds(out, port=port, feeds=4, items=60)
    server = start_server(out, port)
    try:
        yield Site(server, files)
    finally:
        server.stop()


def items_in(feed: Path) -> int:
    """Items counted by lxml's recovering parser, not by newsterm."""
    parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False)
    root = etree.fromstring(feed.read_bytes(), parser)
    return len(root.xpath("//item | //*[local-name()='entry']"))


def stored_per_feed(library: Path) -> dict[str, int]:
    """Stories per feed URL, read with sqlite3 alone (a fresh connection)."""
    with contextlib.closing(sqlite3.connect(library)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute(
            "SELECT f.url, count(a.rowid) FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id "
            "GROUP BY f.url"
        ).fetchall()
    return {url: count for url, count in rows}


def subscribed_home(home: Path, site: Site) -> Path:
    """A home subscribed to every feed of the site, with an empty library; its file."""
    write_config(home, [{"url": url} for url in site.urls], library_wait_seconds=1)
    library = home / "data" / "library.sqlite"
    Store(library).close()
    return library


def test_refresh_of_a_library_another_process_is_writing_waits_then_stops_in_one_line(
    site: Site, isolated_home: Path
) -> None:
    library = subscribed_home(isolated_home, site)
    with write_locked(library):
        done = newsterm(isolated_home, "refresh")
    assert done.returncode != 0, done.stdout
    assert done.stderr.splitlines() == [
        WAITING,
        f"newsterm: {BUSY}; gave up after 1 s: 0 feeds saved, {len(site.files)} not",
    ]
    assert all(count == 0 for count in stored_per_feed(library).values())
    # Once the other process is done, the same refresh keeps every story.
    again = newsterm(isolated_home, "refresh")
    assert again.returncode == 0, again.stderr
    expected = {site.server.feed_url(f): items_in(f) for f in site.files}
    assert stored_per_feed(library) == expected


def test_remove_while_another_process_writes_says_what_was_and_was_not_done(
    site: Site, isolated_home: Path
) -> None:
    library = subscribed_home(isolated_home, site)
    with write_locked(library):
        done = newsterm(isolated_home, "remove", site.urls[0])
    assert done.returncode != 0, done.stdout
    assert done.stderr.splitlines() == [
        WAITING,
        f"newsterm: unsubscribed from {site.urls[0]}; its stories stay in the library: "
        f"{BUSY}; gave up after 1 s",
    ]


@pytest.mark.parametrize("disk", ["tmpfs", "file size limit"])
def test_refresh_on_a_full_disk_says_how_many_feeds_were_saved_and_keeps_them_whole(
    disk: str, site: Site, isolated_home: Path
) -> None:
    data = isolated_home / "data"
    with small_disk(data, 600_000) if disk == "tmpfs" else contextlib.nullcontext():
        library = subscribed_home(isolated_home, site)
        if disk == "tmpfs":
            done = newsterm_limited(isolated_home, "refresh")
        else:
            done = newsterm_limited(
                isolated_home, "refresh", file_size=library.stat().st_size + ROOM
            )
        stored = stored_per_feed(library)
    assert done.returncode != 0, done.stdout
    [line] = done.stderr.splitlines()
    # ENOSPC is "disk full" to SQLite; a refused write past the size limit is an I/O error.
    reason = "disk full" if disk == "tmpfs" else re.escape(UNWRITABLE)
    found = re.fullmatch(rf"newsterm: {reason}: (\d+) feeds? saved, (\d+) not", line)
    assert found, line
    saved, unsaved = map(int, found.groups())
    assert saved + unsaved == len(site.files) and unsaved >= 1
    # Every feed is all there or not there at all, and the line counted the ones there.
    expected = {site.server.feed_url(f): items_in(f) for f in site.files}
    assert all(stored[url] in (0, expected[url]) for url in expected), stored
    assert sum(1 for url in expected if stored[url]) == saved
