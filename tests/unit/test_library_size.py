"""The library file stays small: a person keeps years of stories on a laptop disk.

newsboat's cache takes 4.1 MiB per 1,000 of the benchmark's generated stories (3 KB of
HTML each). Ours must not take more, search index included. Stories are about 2 KB
once compressed: on 4 KB pages each row sat alone on a half-empty page (5.5 MiB).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from newsterm.core.library.store import Store
from newsterm.core.sources.feeds import parse_feed
from tests.conftest import SHARED

NEWSBOAT_BYTES_PER_1000 = 4.1 * 2**20


def test_a_thousand_generated_stories_take_less_room_than_newsboat(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SHARED / "bench" / "genfeeds.py"), str(tmp_path / "gen"),
         "--feeds", "20", "--items", "50", "--seed", "42", "--html-bytes", "3000"],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    empty = tmp_path / "empty.sqlite"
    Store(empty).close()
    library = tmp_path / "library.sqlite"
    store = Store(library)
    for feed_file in sorted((tmp_path / "gen" / "feeds").glob("*.xml")):
        document = parse_feed(feed_file.read_bytes(), feed_file.as_uri(), defer_blocks=True)
        feed = store.ensure_feed(feed_file.as_uri(), document.source.title)
        store.save_articles(feed, document.articles)
    stories = store.count()
    assert store.search("reporters")  # the search index is in the file being measured
    store.close()
    for path in (empty, library):
        with sqlite3.connect(path) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert stories == 1000
    # What the stories cost, without the first page of each table that any library has.
    per_1000 = (library.stat().st_size - empty.stat().st_size) / stories * 1000
    assert per_1000 <= NEWSBOAT_BYTES_PER_1000, f"{per_1000 / 2**20:.2f} MiB per 1,000 stories"


def test_stories_stored_before_the_preset_dictionary_still_read(tmp_path: Path) -> None:
    import json
    import zlib

    from newsterm.core.model import Article, Paragraph

    store = Store(tmp_path / "library.sqlite")
    store.save_articles(None, [Article(title="Old story", blocks=[Paragraph("Kept words.")])])
    (story_id,) = [h.id for h in store.headlines()]
    stored = store.article(story_id)
    assert stored is not None
    plain = zlib.compress(json.dumps(stored.to_json()).encode())  # how rows used to be packed
    store.db.execute("UPDATE articles SET doc = ? WHERE id = ?", (plain, story_id))
    again = store.article(story_id)
    assert again is not None and again.blocks == [Paragraph("Kept words.")]
    assert store.check() == []
