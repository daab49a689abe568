"""The status line's texts: what the library holds, and how a refresh is going or went.

Plain strings from plain values, so the screen only decides when to show them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsterm.core.library import Library, SectionEntry
from newsterm.core.text.counted import counted

if TYPE_CHECKING:
    from newsterm.core.refresh.feeds import FeedResult
    from newsterm.core.refresh.session import Refreshed


def summary(library: Library, everything: SectionEntry, *, offline: bool) -> str:
    """`18 stories from the bundled demo library · 18 unread · offline`, from the counts
    the section list holds for All (so the library is not counted again)."""
    total, unread = everything.total, everything.unread
    origin = f" from {library.origin}" if library.origin else ""
    # Files and the demo never touch the network; a library with feeds is "offline"
    # only once a refresh has found the network unreachable.
    network = " · offline" if offline or not library.feeds else ""
    line = f"{counted(total, 'story', 'stories')}{origin} · {unread} unread{network}"
    if library.errors:
        return f"{len(library.errors)} could not be read: {library.errors[0]} · {line}"
    return line


def refreshing(feeds: int) -> str:
    return f"Refreshing {counted(feeds, 'feed')}…"


def refresh_progress(result: FeedResult, done: int, total: int) -> str:
    return f"Refreshing {done}/{total}: {result.line()}"


def refreshed(outcome: Refreshed) -> str:
    """`Refreshed 9 feeds: 20 new, 1 failed (…)` for a refresh that saved what it found."""
    line = f"Refreshed {counted(len(outcome.results), 'feed')}: {outcome.new} new"
    if outcome.failed:
        line += f", {len(outcome.failed)} failed ({outcome.failed[0].line()})"
    if outcome.ruled_total:
        line += f" · {counted(outcome.ruled_total, 'rule hit')}"
    if outcome.rules_problem:
        line += f" · the rules did not run: {outcome.rules_problem}"
    if outcome.prune_problem:
        line += f" · read stories not pruned: {outcome.prune_problem}"
    return line


def offline(library: Library, everything: SectionEntry) -> str:
    """After a refresh that reached no feed at all: the library is as last refreshed."""
    line = summary(library, everything, offline=True)
    return f"offline: showing your library as last refreshed · {line}"


def related_count(count: int) -> str:
    return f"This story has {count or 'no'} related stor{'y' if count == 1 else 'ies'}."


def backlog_progress(done: int, total: int) -> str:
    return f"Finding related stories across your feeds: {done:,} of {total:,}…"
