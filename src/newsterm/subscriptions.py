"""Add, remove, move and import subscriptions: the one place both front ends change them.

config.toml is the list of record, so it is saved first (a ConfigError when it cannot
be, and nothing has changed); the library follows. `newsterm add | remove | import` and
the reader's `a`, `D` and `M` call these, never the library's file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from newsterm.config import Config
from newsterm.core.library import Library, WriteFailed
from newsterm.core.model import Subscription
from newsterm.core.net.discover import discover_feeds, looks_like_html
from newsterm.core.net.errors import FetchError
from newsterm.core.net.fetch import Fetcher
from newsterm.core.sources import SourceError, load_paths, parse_bytes
from newsterm.core.text.clean import clean_line
from newsterm.core.text.urls import absolute_url


@dataclass(frozen=True, slots=True)
class Found:
    """The feed a URL leads to, its title, and one line about how it was found."""

    url: str
    title: str
    note: str


async def check_feed(url: str, timeout: float) -> Found:
    """`find_feed` with a fetcher of its own, bound by the person's deadline."""
    async with Fetcher(total_deadline=timeout) as fetcher:
        return await find_feed(fetcher, url)


async def find_feed(fetcher: Fetcher, url: str) -> Found:
    """Follow a page to its `<link rel="alternate">` feed; offline, keep the URL as given."""
    try:
        fetched = await fetcher.fetch(url)
    except FetchError as error:
        if error.offline:
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
        return move(config, existing.url, subscription.sections or existing.sections), False
    return config.with_feeds((*config.feeds, subscription)), True


def move(config: Config, url: str, sections: tuple[str, ...]) -> Config:
    """File a subscription under other sections (none: the top); saves config.toml."""
    feeds = tuple(replace(f, sections=sections) if f.url == url else f for f in config.feeds)
    return config.with_feeds(feeds)


def remove(config: Config, url: str) -> tuple[Config, bool]:
    feeds = tuple(f for f in config.feeds if f.url != url)
    if len(feeds) == len(config.feeds):
        return config, False
    return config.with_feeds(feeds), True


@dataclass(frozen=True, slots=True)
class Changed:
    """config.toml as saved, and why the library did not follow, if it could not."""

    config: Config
    not_stored: str | None = None
    """The library could not be written (busy, disk full): config.toml changed, it did not."""


def subscribe(config: Config, subscription: Subscription) -> Changed:
    """Into config.toml (the library gets its stories at its first refresh)."""
    return Changed(add(config, subscription)[0])


def unsubscribe(config: Config, library: Library, url: str) -> Changed:
    """Off config.toml, then its stories out of the library (starred stories are kept)."""
    config, _ = remove(config, url)
    return _then_library(config, lambda: library.remove_feed(url))


def refile(config: Config, library: Library, url: str, sections: tuple[str, ...]) -> Changed:
    """Under other sections in config.toml, then its stored stories with it."""
    config = move(config, url, sections)
    return _then_library(config, lambda: library.move_feed(url, sections))


def _then_library(config: Config, write: Callable[[], object]) -> Changed:
    try:
        write()
    except WriteFailed as problem:
        return Changed(config, not_stored=str(problem))
    return Changed(config)


class NotImported(ValueError):
    """The file is not an OPML list with feeds in it: one line naming it, nothing saved."""


@dataclass(frozen=True, slots=True)
class Imported:
    config: Config
    new: int
    """Feeds subscribed to now; the others of the list were subscriptions already."""
    listed: int
    skipped: list[str]
    """One line for each outline whose address is not an http or https URL."""


_KINDS = {
    "rss": "an RSS feed",
    "atom": "an Atom feed",
    "rdf": "an RDF feed",
    "jsonfeed": "a JSON feed",
    "html": "a web page",
    "text": "a plain-text article",
}


def import_opml(config: Config, path: Path) -> Imported:
    """Every feed of an OPML list (folders kept as sections), saved to config.toml.

    Raises NotImported for anything but an OPML file with at least one feed: a missing
    file, a folder, a feed, a page, a text.
    """
    shown = clean_line(str(path))
    if path.is_dir():
        raise NotImported(f"{shown}: a folder, not an OPML subscription list")
    loaded = load_paths([path])
    if loaded.errors:
        raise NotImported(loaded.errors[0])
    [(_, document)] = loaded.documents
    kind = document.source.kind
    if kind != "opml":
        raise NotImported(f"{shown}: {_KINDS.get(kind, kind)}, not an OPML subscription list")
    known = {f.url for f in config.feeds}
    fresh: list[Subscription] = []
    skipped: list[str] = []
    usable = 0
    for subscription in document.subscriptions:
        url = absolute_url(subscription.url, None)
        if not url:
            skipped.append(f"{shown}: {clean_line(subscription.url)}: not an http or https URL")
            continue
        usable += 1
        if url not in known:
            known.add(url)
            fresh.append(replace(subscription, url=url))
    if not usable:
        raise NotImported(f"{shown}: no http or https feeds in this OPML list")
    if fresh:
        config = config.with_feeds((*config.feeds, *fresh))
    return Imported(config, len(fresh), usable, skipped)
