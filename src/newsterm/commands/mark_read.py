"""`newsterm mark-read --feed URL | --section S | --older-than 7d | --all`: for scripts.

The choices narrow each other (`--section News --older-than 2d`). A feed or section that
is not there is an error, not "0 marked": a typo must not look like a clean inbox.
"""

from __future__ import annotations

import argparse
import time

from newsterm.commands.output import error
from newsterm.commands.settings import UNUSABLE, needs_config
from newsterm.config import Config
from newsterm.config_check import split_section
from newsterm.core.library import Library
from newsterm.core.library.errors import StoreError
from newsterm.core.library.query import Query
from newsterm.core.text.clean import clean_line
from newsterm.core.text.counted import counted


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
    if not (options.feed or options.section or options.older_than is not None or options.all):
        error("say which stories: --feed URL, --section NAME, --older-than AGE or --all")
        return 1
    feed = options.feed.strip() if options.feed else None
    if feed is not None and config.feed(feed) is None:
        error(f"not subscribed to {clean_line(options.feed)}")
        return 1
    section = split_section(options.section) if options.section else None
    library = Library.open_file(config.paths.library_file, wait=config.library_wait, on_wait=error)
    try:
        if section and not any(entry.view.section == section for entry in library.sections()):
            error(f"no section named {clean_line(options.section)}")
            return 1
        before = None if options.older_than is None else time.time() - options.older_than
        marked = library.mark_all_read(Query(section=section, feed=feed, before=before))
    except StoreError as problem:
        error(f"nothing marked: {problem}")
        return UNUSABLE
    finally:
        library.close()
    print(f"marked {counted(len(marked), 'story', 'stories')} read")
    return 0
