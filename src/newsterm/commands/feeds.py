"""`newsterm add | remove | list | import | export`: the subscription list."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from datetime import UTC, datetime

from newsterm import subscriptions
from newsterm.commands.output import error
from newsterm.commands.settings import UNUSABLE, needs_config
from newsterm.config import Config
from newsterm.config_check import split_section
from newsterm.core.library import Library
from newsterm.core.model import FeedState, Subscription
from newsterm.core.net.fetch import FetchError
from newsterm.core.sources.opml_writer import to_opml
from newsterm.core.text.clean import clean_line
from newsterm.core.text.counted import counted
from newsterm.core.text.urls import refusal_to_open


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
            found = asyncio.run(subscriptions.check_feed(url, config.fetch_timeout))
        except FetchError as problem:
            error(problem.message)
            return 1
    sections = split_section(options.section or "")
    config, added = subscriptions.add(config, Subscription(found.url, found.title, sections))
    verb = "added" if added else "already subscribed; section updated for"
    print(f"{verb} {found.url} ({found.note})")
    return 0


@needs_config
def remove(options: argparse.Namespace, config: Config) -> int:
    url = options.url.strip()
    if config.feed(url) is None:
        error(f"not subscribed to {clean_line(options.url)}")
        return 1
    library = Library.open_file(config.paths.library_file, wait=config.library_wait, on_wait=error)
    try:
        changed = subscriptions.unsubscribe(config, library, url)
    finally:
        library.close()
    if changed.not_stored:
        problem = changed.not_stored
        error(f"unsubscribed from {clean_line(url)}; its stories stay in the library: {problem}")
        return UNUSABLE
    print(f"removed {url} (its starred stories are kept)")
    return 0


@needs_config
def list_feeds(options: argparse.Namespace, config: Config) -> int:
    as_json = getattr(options, "json", False)
    if not config.feeds and not as_json:
        print("no subscriptions yet: add one with `newsterm add URL`")
        return 0
    states = [FeedState.of(feed, None) for feed in config.feeds]
    if config.paths.library_file.exists():  # listing never creates a library
        library = Library.open_file(config.paths.library_file, config.feeds)
        try:
            states = library.feed_states()
        finally:
            library.close()
    if as_json:
        _print_json(states)
        return 0
    for state in states:
        where = " › ".join(state.sections)
        title = f"{state.title} " if state.title else ""
        print(f"{where + ': ' if where else ''}{title}<{state.url}> [{state.line()}]")
    return 0


def _print_json(states: list[FeedState]) -> None:
    """The shape of `refresh --json`: a `feeds` list and a `total`, null for what is unknown."""
    listed = [
        {
            "url": state.url,
            "title": state.title or None,
            "sections": list(state.sections),
            "state": state.health,
            "status": state.last_status,
            "error": state.error,
            "checked": _iso(state.checked_at),
            "failing_since": _iso(state.failing_since) if state.health == "failing" else None,
            "line": state.line(),
        }
        for state in states
    ]
    total = {
        "feeds": len(listed),
        "never_refreshed": sum(state.health == "never" for state in states),
        "failing": sum(state.health == "failing" for state in states),
    }
    json.dump({"feeds": listed, "total": total}, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _iso(timestamp: float | None) -> str | None:
    return datetime.fromtimestamp(timestamp, UTC).isoformat() if timestamp else None


@needs_config
def import_opml(options: argparse.Namespace, config: Config) -> int:
    try:
        imported = subscriptions.import_opml(config, options.file)
    except subscriptions.NotImported as problem:
        error(str(problem))
        return 1
    for line in imported.skipped:
        error(line)
    already = imported.listed - imported.new
    note = f"{already} already subscribed; " if already else ""
    print(
        f"imported {counted(imported.new, 'new feed')} ({note}"
        f"{counted(len(imported.config.feeds), 'subscription')} in all)"
    )
    return 0


@needs_config
def export_opml(options: argparse.Namespace, config: Config) -> int:
    sys.stdout.write(to_opml(config.feeds))
    return 0
