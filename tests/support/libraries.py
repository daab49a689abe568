"""Libraries the reader's tests start from, written the way a refresh would write them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from newsterm.config import Config, Paths
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph, Subscription
from newsterm.subscriptions import add

FEED = "http://127.0.0.1:9/closed-port-feed.xml"  # nothing listens: the app stays offline


def subscribed_library() -> None:
    """One subscription in config.toml and two of its stories already in the library."""
    config = Config.load()
    add(config, Subscription(FEED, "Harbour Gazette", ("News",)))
    store = Store(Paths.discover().library_file)
    feed_id = store.ensure_feed(FEED, "Harbour Gazette", ("News",))
    stories = [
        Article(
            title=f"Gazette story {n}",
            url=f"http://gazette.example/{n}",
            guid=f"g{n}",
            published=datetime(2026, 11, 20 + n, tzinfo=UTC),
            blocks=[Paragraph(f"Body of story {n}.")],
        )
        for n in (1, 2)
    ]
    store.save_articles(feed_id, stories, sections=("News", "Harbour Gazette"))
    store.close()


def write_stories(
    home: Path,
    articles: list[Article],
    *,
    read: Iterable[Article] = (),
    starred: Iterable[Article] = (),
) -> Path:
    """The stories in NEWSTERM_HOME's library (one source), with the marks given."""
    path = home / "data" / "library.sqlite"
    store = Store(path)
    store.save_articles(None, articles, scope="stories")
    marks = {(a.id, "read"): True for a in read} | {(a.id, "starred"): True for a in starred}
    if marks:
        store.set_flags(marks)
    store.close()
    return path
