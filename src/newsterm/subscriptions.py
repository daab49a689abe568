"""Add, remove, move, import and export subscriptions: config.toml is the list of record."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from newsterm.config import Config
from newsterm.core.discover import discover_feeds, looks_like_html
from newsterm.core.fetch import Fetcher, FetchError
from newsterm.core.model import Subscription
from newsterm.core.refresh import OFFLINE_KINDS
from newsterm.core.sources import SourceError, load_paths, parse_bytes
from newsterm.core.urls import absolute_url


@dataclass(frozen=True, slots=True)
class Found:
    """The feed a URL leads to, its title, and one line about how it was found."""

    url: str
    title: str
    note: str


async def find_feed(fetcher: Fetcher, url: str) -> Found:
    """Follow a page to its `<link rel="alternate">` feed; offline, keep the URL as given."""
    try:
        fetched = await fetcher.fetch(url)
    except FetchError as error:
        if error.kind in OFFLINE_KINDS:
            return Found(url, "", f"could not check it now ({error.message}); added as given")
        raise
    body = fetched.body or b""
    if looks_like_html(body, fetched.content_type):
        feeds = discover_feeds(body, fetched.final_url)
        if not feeds:
            raise FetchError("not_a_feed", f"{url} is a web page with no feed link")
        note = f"found the feed {feeds[0]} on that page"
        if len(feeds) > 1:
            note += f" (and {len(feeds) - 1} more)"
        return Found(feeds[0], "", note)
    try:
        document = parse_bytes(body, url=fetched.final_url)
    except SourceError as error:
        raise FetchError("not_a_feed", f"{url}: {error}") from None
    return Found(url, document.source.title, "checked: it is a feed")


def add(config: Config, subscription: Subscription) -> tuple[Config, bool]:
    """Subscribe (or move an existing subscription to the new section); saves config.toml."""
    existing = config.feed(subscription.url)
    if existing is not None:
        moved = replace(existing, sections=subscription.sections or existing.sections)
        feeds = tuple(moved if f.url == existing.url else f for f in config.feeds)
        return config.with_feeds(feeds), False
    return config.with_feeds((*config.feeds, subscription)), True


def remove(config: Config, url: str) -> tuple[Config, bool]:
    feeds = tuple(f for f in config.feeds if f.url != url)
    if len(feeds) == len(config.feeds):
        return config, False
    return config.with_feeds(feeds), True


def import_opml(config: Config, path: Path) -> tuple[Config, int, list[str]]:
    """Every feed of an OPML list (folders kept as sections); returns how many were new."""
    loaded = load_paths([path])
    incoming = [s for _, doc in loaded.documents for s in doc.subscriptions]
    known = {f.url for f in config.feeds}
    fresh: list[Subscription] = []
    for subscription in incoming:
        url = absolute_url(subscription.url, None)
        if url and url not in known:
            known.add(url)
            fresh.append(replace(subscription, url=url))
    if fresh:
        config = config.with_feeds((*config.feeds, *fresh))
    return config, len(fresh), loaded.errors
