"""`newsterm add URL --on-server` and `newsterm remove URL --on-server`: the account's
subscriptions change on its sync server, not in config.toml (the next refresh brings
or stops the feed's stories)."""

from __future__ import annotations

import asyncio

from newsterm.commands.output import error
from newsterm.config import Config
from newsterm.core.sync.remote import SyncError
from newsterm.core.text.clean import clean_line


def subscribe(config: Config, url: str, folder: str) -> int:
    from newsterm.core.sync.session import subscribe_on_server

    if config.account is None:
        error("no [account] to subscribe on: log in first with `newsterm login`")
        return 1
    try:
        note = asyncio.run(subscribe_on_server(config.account, url, folder))
    except SyncError as problem:
        error(f"not added: {problem}")
        return 1
    if note:
        error(note)
    print(f"added {clean_line(url)} on {config.account.url}; the next refresh brings its stories")
    return 0


def unsubscribe(config: Config, url: str) -> int:
    from newsterm.core.sync.session import unsubscribe_on_server

    if config.account is None:
        error("no [account] to unsubscribe on: log in first with `newsterm login`")
        return 1
    try:
        removed = asyncio.run(unsubscribe_on_server(config.account, url))
    except SyncError as problem:
        error(f"not removed: {problem}")
        return 1
    if not removed:
        error(f"{config.account.url} has no subscription to {clean_line(url)}")
        return 1
    print(f"removed {clean_line(url)} on {config.account.url} (its stories here are kept)")
    return 0
