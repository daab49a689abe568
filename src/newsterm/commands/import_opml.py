"""`newsterm import FILE`: subscribe to every feed of an OPML list, folders as sections."""

from __future__ import annotations

import argparse

from newsterm import subscriptions
from newsterm.commands.output import error
from newsterm.commands.settings import needs_config
from newsterm.config import Config
from newsterm.core.text.counted import counted


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
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
