"""`newsterm mark-read`: a script marks a feed's, a section's or old stories read, against
a real server and a real library; a feed or section that is not there is an error."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.conftest import CORPUS
from tests.support.benchkit import free_port, newsterm, refresh_json, start_server, write_config
from tests.support.manifest import READABLE

FEEDS = {"nfp-intertwingly.atom": "Blogs/Ruby", "nfp-ongoing.atom": "Blogs/Bray"}
EXPECTED = {row["file"].removeprefix("feeds/"): int(row["item_count"]) for row in READABLE}

DATED_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Daily</title>
<item><title>Ferry back today</title><guid>new</guid><pubDate>{fresh}</pubDate></item>
<item><title>Harbour wall repaired</title><guid>old</guid><pubDate>{old}</pubDate></item>
</channel></rss>"""


def unread_by_feed(home: Path) -> dict[str, int]:
    with sqlite3.connect(home / "data" / "library.sqlite") as db:
        rows = db.execute(
            "SELECT f.url, sum(a.read = 0) FROM articles a JOIN feeds f ON f.id = a.feed_id "
            "GROUP BY f.url"
        ).fetchall()
    return {url.rsplit("/", 1)[-1]: unread for url, unread in rows}


def test_a_feed_then_a_section_then_old_stories_are_marked_read(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "feeds").mkdir(parents=True)
    for name in FEEDS:
        shutil.copy(CORPUS / "feeds" / name, root / "feeds" / name)
    now = datetime.now(UTC)
    (root / "feeds" / "quay.xml").write_text(
        DATED_FEED.format(
            fresh=format_datetime(now - timedelta(hours=2)),
            old=format_datetime(now - timedelta(days=30)),
        )
    )
    server = start_server(root, free_port())
    home = tmp_path / "home"
    try:
        feeds = [{"url": server.url(f"feeds/{n}"), "section": s} for n, s in FEEDS.items()]
        write_config(home, [*feeds, {"url": server.url("feeds/quay.xml")}])
        status, report = refresh_json(home)
        assert status == 0, report
    finally:
        server.stop()
    ruby, bray = FEEDS
    assert unread_by_feed(home) == {ruby: EXPECTED[ruby], bray: EXPECTED[bray], "quay.xml": 2}

    done = newsterm(home, "mark-read", "--feed", server.url(f"feeds/{ruby}"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"marked {EXPECTED[ruby]} stories read"
    assert unread_by_feed(home) == {ruby: 0, bray: EXPECTED[bray], "quay.xml": 2}

    done = newsterm(home, "mark-read", "--section", "Blogs")  # Blogs/Bray is below it
    assert done.stdout.strip() == f"marked {EXPECTED[bray]} stories read", done.stderr
    assert unread_by_feed(home) == {ruby: 0, bray: 0, "quay.xml": 2}

    done = newsterm(home, "mark-read", "--older-than", "7d")
    assert done.stdout.strip() == "marked 1 story read", done.stderr
    assert unread_by_feed(home)["quay.xml"] == 1  # the fresh story is still to read


def test_what_is_not_there_is_an_error_not_zero_marked(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_config(home, [{"url": "http://127.0.0.1:9/feed.xml", "section": "News"}])
    for args, says in [
        (["--feed", "http://127.0.0.1:9/other.xml"], "not subscribed to"),
        (["--section", "Sport"], "no section named Sport"),
        ([], "say which stories"),
    ]:
        done = newsterm(home, "mark-read", *args)
        assert done.returncode == 1, (args, done.stdout)
        assert says in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert not done.stdout
    done = newsterm(home, "mark-read", "--older-than", "7 days")
    assert done.returncode == 2 and "12h, 7d or 2w" in done.stderr
