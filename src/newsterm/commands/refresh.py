"""`newsterm refresh [--json] [--force]`: refresh every subscription without the reader."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from newsterm.commands.output import error
from newsterm.commands.settings import UNUSABLE, needs_config
from newsterm.config import Config
from newsterm.core.library.store import Store
from newsterm.core.net.fetch import Fetcher
from newsterm.core.refresh.feeds import FeedResult, refresh
from newsterm.core.refresh.workers import parser_pool
from newsterm.core.text.counted import counted


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
    if not config.feeds:
        error("no subscriptions yet: add one with `newsterm add URL`")
        return 0
    store = Store(config.paths.library_file, wait=config.library_wait, on_wait=error)
    if store.notice:
        error(store.notice)
    try:
        results = asyncio.run(_refresh(config, store, options))
        unsaved = [r for r in results if r.outcome == "not_saved"]
        pruned = 0 if unsaved else store.prune(config.keep_read_days)
    finally:
        store.close()
    _report(results, pruned, as_json=options.json)
    if unsaved:
        saved = counted(len(results) - len(unsaved), "feed")
        error(f"{unsaved[0].error}: {saved} saved, {len(unsaved)} not")
        return UNUSABLE
    return 1 if all(r.outcome == "error" for r in results) else 0


async def _refresh(config: Config, store: Store, options: argparse.Namespace) -> list[FeedResult]:
    executor = parser_pool(len(config.feeds))
    try:
        async with Fetcher(total_deadline=config.fetch_timeout) as fetcher:
            if sys.stdout.isatty() and not options.json:  # Rich only for a person watching
                from rich.progress import (
                    BarColumn,
                    MofNCompleteColumn,
                    Progress,
                    TextColumn,
                    TimeElapsedColumn,
                )

                from newsterm.commands.output import console

                with Progress(
                    TextColumn("Refreshing"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TimeElapsedColumn(),
                    console=console(),
                    transient=True,
                ) as bar:
                    task = bar.add_task("feeds", total=len(config.feeds))
                    return await refresh(
                        config.feeds,
                        store,
                        fetcher,
                        force=options.force,
                        executor=executor,
                        progress=lambda _, done, total: bar.update(task, completed=done),
                    )
            return await refresh(
                config.feeds, store, fetcher, force=options.force, executor=executor
            )
    finally:
        if executor is not None:
            executor.shutdown(cancel_futures=True)


def _report(results: list[FeedResult], pruned: int, *, as_json: bool) -> None:
    totals = {
        "feeds": len(results),
        "new": sum(r.new for r in results),
        "updated": sum(r.updated for r in results),
        "not_modified": sum(r.outcome == "not_modified" for r in results),
        "skipped": sum(r.outcome == "skipped" for r in results),
        "errors": sum(r.outcome == "error" for r in results),
        "not_saved": sum(r.outcome == "not_saved" for r in results),
        "pruned": pruned,
    }
    if as_json:
        feeds = [
            {
                "url": r.url,
                "title": r.title,
                "outcome": r.outcome,
                "new": r.new,
                "updated": r.updated,
                "error": r.error,
                "warning": r.warning,
            }
            for r in results
        ]
        json.dump({"feeds": feeds, "total": totals}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for result in results:
        print(result.line())
    unsaved = f", {totals['not_saved']} not saved" if totals["not_saved"] else ""
    print(
        f"{counted(totals['feeds'], 'feed')}: {counted(totals['new'], 'new story', 'new stories')}"
        f", {totals['not_modified']} not modified, {totals['skipped']} not due, "
        f"{totals['errors']} failed{unsaved}"
    )
