"""`newsterm add URL [--section S] [--no-check] [--on-server]`: subscribe, checking first
that it is a feed (in config.toml, or on the sync server's account)."""

from __future__ import annotations

import argparse
import asyncio

from newsterm import subscriptions
from newsterm.commands.output import error
from newsterm.commands.settings import needs_config
from newsterm.config import Config
from newsterm.config_check import split_section
from newsterm.core.model import Subscription
from newsterm.core.net.errors import FetchError
from newsterm.core.text.clean import clean_line
from newsterm.core.text.urls import refusal_to_open


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
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
    if options.on_server:
        from newsterm.commands import on_server

        return on_server.subscribe(config, found.url, options.section or "")
    sections = split_section(options.section or "")
    config, added = subscriptions.add(config, Subscription(found.url, found.title, sections))
    verb = "added" if added else "already subscribed; section updated for"
    print(f"{verb} {found.url} ({found.note})")
    return 0
