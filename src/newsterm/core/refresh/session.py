"""The one refresh set-up both front ends use: `newsterm refresh` and the reader's `R`.

A fetcher bound by the person's deadline, parser processes when there are enough feeds
to share out, the refresh itself, then read stories older than the person keeps pruned,
but only when every feed's stories were saved: a refresh the library could not hold
leaves the library as it was, apart from the feeds it did save.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from newsterm.core.library import Library, WriteFailed
from newsterm.core.library.rules import Rule
from newsterm.core.model import Subscription
from newsterm.core.net.fetch import Fetcher
from newsterm.core.refresh.feeds import FeedResult, Progress, refresh
from newsterm.core.refresh.workers import parser_pool
from newsterm.core.sync.account import Account
from newsterm.core.sync.session import SyncResult, sync_account
from newsterm.core.text.counted import counted


@dataclass(slots=True)
class Refreshed:
    """What one refresh did, feed by feed, and what the library kept after it."""

    results: list[FeedResult]
    ruled: list[tuple[Rule, int]] = field(default_factory=list)
    """Each rule with its hits among the stories this refresh brought."""
    rules_problem: str | None = None
    """Why the rules could not run (the library busy or full), if they could not."""
    noticed: list[tuple[str, int]] = field(default_factory=list)
    """Each watched view's name with how many of the new stories it lists (when any)."""
    pruned: int = 0
    prune_problem: str | None = None
    """Why read stories could not be pruned (the library busy or full), if they could not."""
    synced: SyncResult | None = None
    """What the sync with the account's server did, when there is an account."""

    @property
    def unsaved(self) -> list[FeedResult]:
        """Feeds fetched but not stored: the library could not be written."""
        return [r for r in self.results if r.outcome == "not_saved"]

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if r.outcome == "error"]

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def ruled_total(self) -> int:
        """Every rule's hits added up (a story two rules hit counts twice)."""
        return sum(hits for _, hits in self.ruled)

    @property
    def offline(self) -> bool:
        """Every feed failed for want of a network: the library is as last refreshed."""
        feeds_offline = len(self.failed) == len(self.results) and all(
            r.offline for r in self.failed
        )
        if self.synced is not None:
            return feeds_offline and self.synced.offline
        return bool(self.failed) and feeds_offline

    def not_saved_line(self) -> str:
        """`disk full: 3 feeds saved, 2 not`: why the library could not take the rest."""
        saved = counted(len(self.results) - len(self.unsaved), "feed")
        return f"{self.unsaved[0].error}: {saved} saved, {len(self.unsaved)} not"


async def refresh_library(
    library: Library,
    feeds: Sequence[Subscription],
    *,
    timeout: float,
    force: bool,
    keep_read_days: float | None = None,
    progress: Progress | None = None,
    wait_for_workers: bool = True,
    rules: tuple[Rule, ...] = (),
    watched: Sequence[tuple[str, str]] = (),
    account: Account | None = None,
) -> Refreshed:
    """Refresh `feeds` into `library`, run the rules on the stories it brought, count the
    new ones each `watched` view (name, query) lists, then prune when `keep_read_days` is
    known.

    The reader passes `wait_for_workers=False`: it must not pause its keys while parser
    processes wind down.
    """
    before = library.last_rowid()
    results: list[FeedResult] = []
    if feeds:
        executor = parser_pool(len(feeds))  # processes keep parsing off the keys' core
        try:
            async with Fetcher(total_deadline=timeout) as fetcher:
                results = await refresh(
                    feeds, library.store, fetcher, force=force, executor=executor, progress=progress
                )
        finally:
            if executor is not None:
                executor.shutdown(wait=wait_for_workers, cancel_futures=True)
    refreshed = Refreshed(results)
    if account is not None:
        refreshed.synced = await sync_account(library.store, account)
    try:
        if rules and library.last_rowid() > before:  # no new story: nothing to write
            refreshed.ruled = list(zip(rules, library.apply_rules(rules, before), strict=True))
    except WriteFailed as problem:
        refreshed.rules_problem = str(problem)
    for name, query in watched:
        if found := library.new_in(query, before):
            refreshed.noticed.append((name, found))
    if keep_read_days is not None and not refreshed.unsaved:
        try:
            refreshed.pruned = library.prune(keep_read_days)
        except WriteFailed as problem:
            refreshed.prune_problem = str(problem)
    return refreshed
