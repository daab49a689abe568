"""Refresh subscriptions: fetch politely, parse off the event loop, store one feed at a time.

A 304 costs no parsing. Cache-Control max-age and Retry-After push a feed's
next check into the future, and a feed that is not due is skipped unless the
person forces it. Each feed's result is reported as soon as it is known, so
a progress bar or a status line can follow along; one bad feed costs one line.
A library that cannot be written (busy, disk full) stops the refresh at once: every
feed not yet stored says so, rather than each waiting and failing in turn.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from typing import Literal

from newsterm.core.library.store import Store, WriteFailed
from newsterm.core.library.story_rows import story_row
from newsterm.core.model import Article, Subscription
from newsterm.core.net.errors import FetchError
from newsterm.core.net.fetch import Fetcher
from newsterm.core.refresh.feed_rows import (
    ParsedFeed,
    feed_rows,
    first,
    parse_feed_bytes,
    parse_feed_rows,
)
from newsterm.core.text.clean import clean_line

Outcome = Literal["new", "not_modified", "error", "skipped", "not_saved"]
# Feeds fetched but not yet stored, at most: enough to keep fetching while the parser
# processes start (their server imports the parsers first), few enough to bound memory.
IN_HAND = 64


@dataclass(frozen=True, slots=True)
class FeedResult:
    url: str
    title: str
    outcome: Outcome
    new: int = 0
    updated: int = 0
    error: str | None = None
    offline: bool = False
    warning: str | None = None  # stored what it could, but the feed lost stories on the way

    def line(self) -> str:
        """One line for a person: `Title: 3 new`, `Title: not modified`, `Title: HTTP 404`,
        `Title: 20 new; not well-formed XML: 1 of 20 stories is cut short (...)`."""
        name = self.title or self.url
        if self.outcome == "error":
            return f"{name}: {self.error}"
        if self.outcome == "not_modified":
            return f"{name}: not modified"
        if self.outcome == "skipped":
            return f"{name}: not due yet"
        if self.outcome == "not_saved":
            return f"{name}: not saved ({self.error})"
        updated = f", {self.updated} updated" if self.updated else ""
        warning = f"; {self.warning}" if self.warning else ""
        return f"{name}: {self.new} new{updated}{warning}"


Progress = Callable[[FeedResult, int, int], None]


async def refresh(
    feeds: Sequence[Subscription],
    store: Store,
    fetcher: Fetcher,
    *,
    force: bool = False,
    executor: Executor | None = None,
    progress: Progress | None = None,
    now: Callable[[], float] = time.time,
) -> list[FeedResult]:
    """Refresh every feed concurrently; results in feed order.

    At most IN_HAND feeds are in hand at once (fetched, being parsed or stored): when
    parsing is the slower step, fetching waits for it, rather than holding the bodies
    of hundreds of feeds in memory. The first write the library refuses cancels the
    feeds still under way; they come back "not_saved", with the reason.
    """
    results: dict[int, FeedResult] = {}
    in_hand = asyncio.Semaphore(IN_HAND)
    refusing = asyncio.Event()

    async def one(index: int, settings: Subscription) -> None:
        if refusing.is_set():  # a feed started before the group could cancel it
            return
        async with in_hand:
            try:
                results[index] = await _refresh_one(settings, store, fetcher, force, executor, now)
            except WriteFailed:
                refusing.set()
                raise
        if progress:
            progress(results[index], len(results), len(feeds))

    refused: WriteFailed | None = None
    try:
        async with asyncio.TaskGroup() as group:
            for index, settings in enumerate(feeds):
                group.create_task(one(index, settings))
    except* WriteFailed as failures:
        refused = _first(failures)
    if refused is None:
        store.optimize()
        return [results[index] for index in range(len(feeds))]
    reason = str(refused)
    return [
        results.get(index) or FeedResult(feed.url, feed.title, "not_saved", error=reason)
        for index, feed in enumerate(feeds)
    ]


def _first(failures: BaseExceptionGroup[WriteFailed]) -> WriteFailed:
    """The write that stopped the refresh (the others were cancelled, so there is one)."""
    found = failures.exceptions[0]
    return found if isinstance(found, WriteFailed) else _first(found)


async def _refresh_one(
    settings: Subscription,
    store: Store,
    fetcher: Fetcher,
    force: bool,
    executor: Executor | None,
    now: Callable[[], float],
) -> FeedResult:
    feed_id = store.ensure_feed(settings.url, settings.title, settings.sections)
    row = store.feed(settings.url)
    title = settings.title or (row.title if row else "")
    if not force and row and _not_due(settings, row.checked_at, row.next_check_at, now()):
        return FeedResult(settings.url, title, "skipped")
    try:
        fetched = await fetcher.fetch(
            settings.url,
            etag=row.etag if row else None,
            last_modified=row.last_modified if row else None,
        )
    except FetchError as error:
        retry = now() + error.retry_after if error.retry_after else None
        store.record_check(feed_id, status="error", error=error.message, next_check_at=retry)
        offline = error.offline
        return FeedResult(settings.url, title, "error", error=error.message, offline=offline)
    next_check = now() + fetched.max_age if fetched.max_age else None
    if fetched.not_modified:
        store.record_check(
            feed_id,
            status="not_modified",
            next_check_at=next_check,
            etag=fetched.etag,
            last_modified=fetched.last_modified,
        )
        return FeedResult(settings.url, title, "not_modified")
    assert fetched.body is not None
    loop = asyncio.get_running_loop()
    try:
        if settings.full_text:
            parsed = await _parse_with_full_text(
                settings, feed_id, fetcher, store, fetched.body, fetched.final_url, executor
            )
        else:
            parsed = await loop.run_in_executor(
                executor, parse_feed_rows, fetched.body, fetched.final_url, settings.limit
            )
    except ValueError as error:  # SourceError: the parsers load only when a feed changed
        message = clean_line(str(error))
        store.record_check(feed_id, status="error", error=message)
        return FeedResult(settings.url, title, "error", error=message)
    title = settings.title or parsed.title or title
    saved = store.save_rows(
        feed_id,
        parsed.rows,
        sections=(*settings.sections, title or settings.url),
        feed_title=parsed.title,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        next_check_at=next_check,
    )
    return FeedResult(settings.url, title, "new", saved.new, saved.updated, warning=parsed.warning)


def _not_due(
    settings: Subscription, checked_at: float | None, next_check_at: float | None, now: float
) -> bool:
    """The server said to wait (max-age, Retry-After), or the feed's own interval has not passed."""
    if next_check_at and next_check_at > now:
        return True
    interval = (settings.refresh_minutes or 0) * 60
    return bool(interval and checked_at and now - checked_at < interval)


async def _parse_with_full_text(
    settings: Subscription,
    feed_id: int,
    fetcher: Fetcher,
    store: Store,
    body: bytes,
    url: str,
    executor: Executor | None,
) -> ParsedFeed:
    """For a full-text feed: fetch the page of each new summary-only item (pages that fail
    keep the summary; items already stored are not fetched again)."""
    from newsterm.core.refresh.fulltext import full_text

    loop = asyncio.get_running_loop()
    document = await loop.run_in_executor(executor, parse_feed_bytes, body, url)
    articles = first(document.articles, settings.limit)
    stored = store.stored_ids(feed_id, [story_row(article) for article in articles])

    async def fuller(article: Article, known: str | None) -> Article:
        if not article.summary_only:
            return article
        if known:
            return _kept_text(store, known, article)
        try:
            return await full_text(fetcher, article) or article
        except FetchError:
            return article

    articles = list(await asyncio.gather(*map(fuller, articles, stored)))
    return feed_rows(document, articles)


def _kept_text(store: Store, story_id: str, item: Article) -> Article:
    """A summary-only item already stored with its page: keep the page's text (the item
    alone would replace it with the summary at every refresh)."""
    kept = store.article(story_id)
    if kept is None or kept.word_count <= item.word_count:
        return item
    return replace(
        item,
        summary=kept.summary,
        blocks=kept.blocks,
        links=kept.links,
        related=kept.related,
        html=None,
        html_base=None,
        plain="",
    )
