"""The main screen's network work, and what it sends back: a worker's only output is a message.

Each function here is the body of one of the screen's workers. It fetches and
parses while keys keep working, and reports by posting messages the screen
handles between keys (as `on_reported`, `on_feeds_refreshed`…), so only the
screen changes what is shown. This module, and the network and parsing stack,
load with the first worker, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

from newsterm.core.library import Library
from newsterm.core.model import Article, Subscription
from newsterm.ui import status_text

if TYPE_CHECKING:
    from newsterm.core.library.rules import Rule
    from newsterm.core.refresh.feeds import FeedResult
    from newsterm.core.refresh.session import Refreshed
    from newsterm.core.sync.account import Account
    from newsterm.subscriptions import Found

Post = Callable[[Message], object]
"""Where a worker's messages go: the screen's `post_message`."""


@dataclass
class Reported(Message):
    """A line for the status bar: how a refresh is going, or why work stopped."""

    line: str


@dataclass
class FeedsRefreshed(Message):
    """A refresh finished: the screen reloads its lists, keeping the reader's place."""

    refreshed: Refreshed


@dataclass
class FeedChecked(Message):
    """A URL to subscribe to answered as a feed: the screen saves the subscription."""

    found: Found
    section: str
    """As typed: nested with "/"."""


@dataclass
class FullTextFetched(Message):
    """A story's page was fetched (`x`, or on starring): the screen keeps it for offline."""

    article: Article
    asked: bool
    """With `x` (else on starring)."""


async def refresh(
    library: Library,
    feeds: Sequence[Subscription],
    *,
    force: bool,
    timeout: float,
    keep_read_days: float | None,
    rules: tuple[Rule, ...] = (),
    watched: Sequence[tuple[str, str]] = (),
    post: Post,
    account: Account | None = None,
) -> None:
    """Fetch and store `feeds`, a line for each feed done, then the outcome."""
    from newsterm.core.refresh.session import refresh_library

    post(Reported(status_text.refreshing(len(feeds))))

    def progress(result: FeedResult, done: int, total: int) -> None:
        post(Reported(status_text.refresh_progress(result, done, total)))

    refreshed = await refresh_library(
        library,
        feeds,
        timeout=timeout,
        force=force,
        keep_read_days=keep_read_days,
        progress=progress,
        wait_for_workers=False,
        rules=rules,
        watched=watched,
        account=account,
    )
    post(FeedsRefreshed(refreshed))


async def check_feed(url: str, section: str, *, timeout: float, post: Post) -> None:
    """Find the feed at `url` (or the one a page links to) before it is subscribed to."""
    from newsterm import subscriptions
    from newsterm.core.net.errors import FetchError

    post(Reported(f"Checking {url}…"))
    try:
        found = await subscriptions.check_feed(url, timeout)
    except FetchError as error:
        post(Reported(f"Not added: {error.message}"))
        return
    post(FeedChecked(found, section))


async def fetch_full_text(article: Article, *, timeout: float, post: Post, asked: bool) -> None:
    """A story's page: asked for with `x`, or for a starred summary-only story, so it
    reads in full offline."""
    from newsterm.core.net.errors import FetchError
    from newsterm.core.net.fetch import Fetcher
    from newsterm.core.refresh.fulltext import full_text

    try:
        async with Fetcher(total_deadline=timeout) as fetcher:
            fuller = await full_text(fetcher, article)
    except FetchError as error:
        if asked:
            post(Reported(f"Could not fetch the full article: {error.message}"))
        else:
            post(Reported(f"Starred, but its full text could not be fetched: {error.message}"))
        return
    if fuller is not None:
        post(FullTextFetched(fuller, asked))
    elif asked:
        post(Reported("Its page gives no more of the story than the feed does."))


@dataclass
class BacklogMatched(Message):
    """The stories an earlier newsterm stored have their related stories now."""

    matched: int


BACKLOG_BATCH = 50
"""Stories matched between two looks at the keys (tens of milliseconds of work; the
first batch also reads the recent stories in)."""


async def match_backlog(library: Library, *, post: Post) -> None:
    """Find the related stories of the stories stored before this newsterm matched them,
    oldest first (as refreshes would have stored them), a few at a time on the screen's
    own loop, so keys keep working and every story is matched against one index."""
    import asyncio

    from newsterm.core.library import WriteFailed

    waiting = library.backlog()
    done = 0
    while done < waiting:
        try:
            matched = library.match_backlog(BACKLOG_BATCH)
        except WriteFailed as error:
            post(Reported(f"Related stories not found yet: {error}"))
            return
        if not matched:
            break
        done += matched
        post(Reported(status_text.backlog_progress(min(done, waiting), waiting)))
        await asyncio.sleep(0)
    if done:
        post(BacklogMatched(done))
