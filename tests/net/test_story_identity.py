"""Nothing lost: every real-world feed, refreshed over HTTP into an empty library, keeps
every item it has, and a second refresh adds nothing.

The expected counts are MANIFEST.tsv's, counted without any feed library; the
corpus is served by the shared kit's serve.py, with validators turned off for
the second refresh so the feeds are parsed and merged again, not answered 304.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsterm.core.library import schema
from newsterm.core.library.story_rows import encode_doc, indexed_text, key
from newsterm.core.model import Article
from tests.conftest import CORPUS
from tests.support.benchkit import (
    BenchServer,
    free_port,
    newsterm,
    refresh_json,
    start_server,
    write_config,
)
from tests.support.manifest import READABLE

PODCAST = "rssp-itunes-missing-image.rss"  # 131 episodes, one <link>; two share a guid


@dataclass
class Corpus:
    server: BenchServer
    expected: dict[str, int]
    """Feed URL → items, as MANIFEST.tsv counts them."""

    def url(self, name: str) -> str:
        return self.server.url(f"feeds/{name}")

    def validators(self, on: bool) -> None:
        flag = int(on)
        with urllib.request.urlopen(
            self.server.url(f"__bench/config?etag={flag}&last_modified={flag}"), timeout=10
        ) as answer:
            answer.read()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    site = tmp_path_factory.mktemp("corpus") / "site"
    shutil.copytree(CORPUS / "feeds", site / "feeds")
    server = start_server(site, free_port())
    try:
        expected = {
            server.url(f"feeds/{Path(row['file']).name}"): int(row["item_count"])
            for row in READABLE
        }
        yield Corpus(server, expected)
    finally:
        server.stop()


def stored_per_feed(home: Path) -> dict[str, int]:
    """Stories per feed URL, read from the library file itself."""
    db = sqlite3.connect(home / "data" / "library.sqlite")
    try:
        rows = db.execute(
            "SELECT f.url, count(a.rowid) FROM feeds f LEFT JOIN articles a ON a.feed_id = f.id "
            "GROUP BY f.id"
        ).fetchall()
    finally:
        db.close()
    return {str(url): int(count) for url, count in rows}


def by_url(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {feed["url"]: feed for feed in report["feeds"]}


@pytest.fixture(scope="module")
def refreshed(corpus: Corpus, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    home = tmp_path_factory.mktemp("home")
    write_config(home, [{"url": url} for url in corpus.expected])
    corpus.validators(True)
    status, report = refresh_json(home)
    assert status == 0, report
    return home, report


def test_every_corpus_feed_keeps_every_item(corpus: Corpus, refreshed: tuple[Path, Any]) -> None:
    home, report = refreshed
    assert stored_per_feed(home) == corpus.expected
    said = by_url(report)
    for url, items in corpus.expected.items():
        assert said[url]["new"] == items, said[url]
        assert said[url]["updated"] == 0, said[url]


def test_the_podcast_keeps_all_131_episodes(corpus: Corpus, refreshed: tuple[Path, Any]) -> None:
    home, report = refreshed
    assert corpus.expected[corpus.url(PODCAST)] == 131
    assert stored_per_feed(home)[corpus.url(PODCAST)] == 131
    assert by_url(report)[corpus.url(PODCAST)]["new"] == 131


def test_a_second_refresh_adds_and_changes_nothing(
    corpus: Corpus, refreshed: tuple[Path, Any]
) -> None:
    home, _ = refreshed
    before = stored_per_feed(home)
    corpus.validators(False)  # every feed comes back whole and is merged again
    try:
        done = newsterm(home, "refresh", "--json", "--force")
    finally:
        corpus.validators(True)
    assert done.returncode == 0, done.stderr
    said = by_url(json.loads(done.stdout))
    for url in corpus.expected:
        assert (said[url]["outcome"], said[url]["new"], said[url]["updated"]) == ("new", 0, 0)
    assert stored_per_feed(home) == before == corpus.expected


def test_a_library_folded_by_an_earlier_version_gets_its_stories_back(
    corpus: Corpus, tmp_path: Path
) -> None:
    """Version 5 merged items by URL: the podcast's 131 episodes were 8 stories, and its
    validators made the next refresh a 304. After the migration they all come back, and
    the one story that was read stays read."""
    home = tmp_path / "old-home"
    url = corpus.url(PODCAST)
    write_config(home, [{"url": url}])
    library = home / "data" / "library.sqlite"
    library.parent.mkdir(parents=True)
    db = sqlite3.connect(library, isolation_level=None)
    db.execute("BEGIN")
    for migration in schema.MIGRATIONS[:5]:
        migration(db)
    with urllib.request.urlopen(url, timeout=10) as answer:
        etag = answer.headers["ETag"]
    db.execute(
        "INSERT INTO feeds(id, url, title, etag, last_status, checked_at) "
        "VALUES (1, ?, 'Taverncast', ?, 'ok', 1)",
        (url, etag),
    )
    first_guid = "http://taverncast.com/shows/taverncast-62.mp3"
    folded = Article(title="Folded episode", guid=first_guid)
    cursor = db.execute(
        "INSERT INTO articles(id, feed_id, guid_key, url_key, content_key, title, fetched_at, "
        "read, doc, title_key) VALUES ('old', 1, ?, 'u', 'c', 'Folded episode', 1, 1, ?, 't')",
        (key(first_guid), encode_doc(folded)),
    )
    db.execute(
        "INSERT INTO articles_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
        (cursor.lastrowid, *indexed_text(folded)),
    )
    db.execute("PRAGMA user_version = 5")
    db.execute("COMMIT")
    db.close()

    status, report = refresh_json(home)
    assert status == 0, report
    assert stored_per_feed(home)[url] == 131
    assert by_url(report)[url]["new"] == 130
    db = sqlite3.connect(library)
    try:
        read = db.execute("SELECT id, title FROM articles WHERE read = 1").fetchall()
    finally:
        db.close()
    assert [story_id for story_id, _ in read] == ["old"]
    assert read[0][1] != "Folded episode"  # the episode's own text replaced the folded one
