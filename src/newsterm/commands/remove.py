"""`newsterm remove URL`: unsubscribe; the feed's starred stories stay in the library."""

from __future__ import annotations

import argparse

from newsterm import subscriptions
from newsterm.commands.output import error
from newsterm.commands.settings import UNUSABLE, needs_config
from newsterm.config import Config
from newsterm.core.library import Library
from newsterm.core.text.clean import clean_line


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
    url = options.url.strip()
    if options.on_server:
        from newsterm.commands import on_server

        return on_server.unsubscribe(config, url)
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
