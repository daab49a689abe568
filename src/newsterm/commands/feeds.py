"""`newsterm add | remove | list | import | export`: the subscription list."""

from __future__ import annotations

import argparse
import asyncio
import sys

from newsterm import subscriptions
from newsterm.commands.output import error
from newsterm.commands.settings import needs_config
from newsterm.config import Config
from newsterm.config_check import split_section
from newsterm.core.clean import clean_line
from newsterm.core.fetch import Fetcher, FetchError
from newsterm.core.model import Subscription
from newsterm.core.opml_writer import to_opml
from newsterm.core.store import Store
from newsterm.core.urls import refusal_to_open


@needs_config
def add(options: argparse.Namespace, config: Config) -> int:
    url = options.url.strip()
    refusal = refusal_to_open(url)
    if refusal or not url.lower().startswith(("http://", "https://")):
        error(f"{clean_line(url)}: only http and https feeds can be added")
        return 2
    found = subscriptions.Found(url, "", "not checked")
    if options.check:
        try:
            found = asyncio.run(_find(url, config.fetch_timeout))
        except FetchError as problem:
            error(problem.message)
            return 1
    sections = split_section(options.section or "")
    config, added = subscriptions.add(config, Subscription(found.url, found.title, sections))
    verb = "added" if added else "already subscribed; section updated for"
    print(f"{verb} {found.url} ({found.note})")
    return 0


async def _find(url: str, timeout: float) -> subscriptions.Found:
    async with Fetcher(total_deadline=timeout) as fetcher:
        return await subscriptions.find_feed(fetcher, url)


@needs_config
def remove(options: argparse.Namespace, config: Config) -> int:
    config, removed = subscriptions.remove(config, options.url.strip())
    if not removed:
        error(f"not subscribed to {clean_line(options.url)}")
        return 1
    store = Store(config.paths.library_file)
    try:
        store.remove_feed(options.url.strip())
    finally:
        store.close()
    print(f"removed {options.url.strip()} (its starred stories are kept)")
    return 0


@needs_config
def list_feeds(options: argparse.Namespace, config: Config) -> int:
    if not config.feeds:
        print("no subscriptions yet: add one with `newsterm add URL`")
        return 0
    store = Store(config.paths.library_file)
    try:
        rows = {row.url: row for row in store.feeds()}
    finally:
        store.close()
    for feed in config.feeds:
        row = rows.get(feed.url)
        where = " › ".join(feed.sections)
        title = feed.title or (row.title if row else "") or "(not refreshed yet)"
        status = (row.last_error or row.last_status) if row else "never refreshed"
        print(f"{where + ': ' if where else ''}{title} <{feed.url}> [{status}]")
    return 0


@needs_config
def import_opml(options: argparse.Namespace, config: Config) -> int:
    config, added, problems = subscriptions.import_opml(config, options.file)
    for problem in problems:
        error(problem)
    print(f"imported {added} new feeds ({len(config.feeds)} subscriptions in all)")
    return 1 if problems and not added else 0


@needs_config
def export_opml(options: argparse.Namespace, config: Config) -> int:
    sys.stdout.write(to_opml(config.feeds))
    return 0
