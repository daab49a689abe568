"""`newsterm list [--json]`: every subscription with how its last refresh went."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime

from newsterm.commands.settings import needs_config
from newsterm.config import Config
from newsterm.core.library import Library
from newsterm.core.library.rules import Rule
from newsterm.core.model import FeedState
from newsterm.core.text.counted import counted


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
    as_json = getattr(options, "json", False)
    if not config.feeds and not as_json:
        print("no subscriptions yet: add one with `newsterm add URL`")
        return 0
    states = [FeedState.of(feed, None) for feed in config.feeds]
    hits = [0 for _ in config.rules]
    if config.paths.library_file.exists():  # listing never creates a library
        library = Library.open_file(config.paths.library_file, config.feeds)
        try:
            states = library.feed_states()
            hits = [library.rule_hits(rule) for rule in config.rules]
        finally:
            library.close()
    if as_json:
        _print_json(states, list(zip(config.rules, hits, strict=True)))
        return 0
    for state in states:
        where = " › ".join(state.sections)
        title = f"{state.title} " if state.title else ""
        print(f"{where + ': ' if where else ''}{title}<{state.url}> [{state.line()}]")
    for rule, count in zip(config.rules, hits, strict=True):
        print(f"rule {rule.line()}: its match picks {counted(count, 'story', 'stories')} now")
    return 0


def _print_json(states: list[FeedState], rules: list[tuple[Rule, int]]) -> None:
    """The shape of `refresh --json` (a `feeds` list and a `total`, null for what is
    unknown), and the rules with how many stories each one's match picks now."""
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
    ruled = [{"match": rule.match, "action": rule.action, "hits": hits} for rule, hits in rules]
    shape = {"feeds": listed, "total": total, "rules": ruled}
    json.dump(shape, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _iso(timestamp: float | None) -> str | None:
    return datetime.fromtimestamp(timestamp, UTC).isoformat() if timestamp else None
