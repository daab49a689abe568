"""`newsterm refresh [--json] [--force]`: refresh every subscription without the reader."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Coroutine
from dataclasses import asdict

from newsterm.commands.output import error
from newsterm.commands.settings import UNUSABLE, needs_config
from newsterm.config import Config
from newsterm.core.library import Library
from newsterm.core.refresh.feeds import Progress
from newsterm.core.refresh.session import Refreshed, refresh_library
from newsterm.core.sync.session import sync_line
from newsterm.core.text.counted import counted


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
    if not config.feeds and config.account is None:
        error("no subscriptions yet: add one with `newsterm add URL`, or log in to a server")
        return 0
    library = Library.open_file(
        config.paths.library_file, config.feeds, wait=config.library_wait, on_wait=error
    )
    for line in library.errors:
        error(line)
    try:
        refreshed = asyncio.run(_refresh(config, library, options))
    finally:
        library.close()
    _report(refreshed, as_json=options.json)
    synced = refreshed.synced
    if synced is not None and synced.error:
        error(synced.error)
    if refreshed.unsaved:
        error(refreshed.not_saved_line())
        return UNUSABLE
    if refreshed.rules_problem:
        error(f"the rules did not run: {refreshed.rules_problem}")
        return UNUSABLE
    if refreshed.prune_problem:
        error(f"read stories not pruned: {refreshed.prune_problem}")
        return UNUSABLE
    if synced is not None and synced.error:
        return 1  # marks and stories did not sync: a script running this must know
    return 1 if refreshed.results and len(refreshed.failed) == len(refreshed.results) else 0


async def _refresh(config: Config, library: Library, options: argparse.Namespace) -> Refreshed:
    def refreshed(progress: Progress | None = None) -> Coroutine[None, None, Refreshed]:
        return refresh_library(
            library,
            config.feeds,
            timeout=config.fetch_timeout,
            force=options.force,
            keep_read_days=config.keep_read_days,
            progress=progress,
            rules=config.rules,
            account=config.account,
        )

    if not sys.stdout.isatty() or options.json:  # Rich only for a person watching
        return await refreshed()
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
    from rich.progress import Progress as ProgressBar

    from newsterm.commands.output import console

    with ProgressBar(
        TextColumn("Refreshing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console(),
        transient=True,
    ) as bar:
        task = bar.add_task("feeds", total=len(config.feeds))
        return await refreshed(lambda _, done, total: bar.update(task, completed=done))


def _report(refreshed: Refreshed, *, as_json: bool) -> None:
    results = refreshed.results
    totals = {
        "feeds": len(results),
        "new": sum(r.new for r in results),
        "updated": sum(r.updated for r in results),
        "not_modified": sum(r.outcome == "not_modified" for r in results),
        "skipped": sum(r.outcome == "skipped" for r in results),
        "errors": sum(r.outcome == "error" for r in results),
        "not_saved": sum(r.outcome == "not_saved" for r in results),
        "pruned": refreshed.pruned,
        "ruled": refreshed.ruled_total,
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
        report: dict[str, object] = {"feeds": feeds, "total": totals}
        if refreshed.synced is not None:
            report["sync"] = asdict(refreshed.synced)
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    for result in results:
        print(result.line())
    unsaved = f", {totals['not_saved']} not saved" if totals["not_saved"] else ""
    if results or refreshed.synced is None:  # with a server alone, its line says it all
        print(
            f"{counted(totals['feeds'], 'feed')}: "
            f"{counted(totals['new'], 'new story', 'new stories')}"
            f", {totals['not_modified']} not modified, {totals['skipped']} not due, "
            f"{totals['errors']} failed{unsaved}"
        )
    if refreshed.synced is not None and not refreshed.synced.error:
        print(sync_line(refreshed.synced))
    for rule, hits in refreshed.ruled:
        print(f"rule {rule.line()}: {counted(hits, 'new story', 'new stories')}")
