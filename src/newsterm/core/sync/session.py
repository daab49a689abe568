"""One sync with the account's server, as a refresh runs it: marks made here pushed
first, then the server's new stories, then the marks changed there.

Nothing a server does costs the library: every failure is one line (SyncResult.error),
and what was stored before it stays.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass

import httpx

from newsterm.core.library import synced
from newsterm.core.library.errors import WriteFailed
from newsterm.core.library.store import Store
from newsterm.core.model import Mark
from newsterm.core.net.fetch import USER_AGENT
from newsterm.core.sync.account import Account
from newsterm.core.sync.fever import FeverBackend
from newsterm.core.sync.greader import GReaderBackend
from newsterm.core.sync.miniflux import MinifluxBackend
from newsterm.core.sync.remote import Backend, MarkChange, RemoteFeed, RemoteMarks, SyncError
from newsterm.core.sync.stories import article_of
from newsterm.core.sync.ttrss import TtRssBackend
from newsterm.core.text.counted import counted

READ_SECONDS = 30.0
PUSH_BATCH = 50
"""Marks pushed between two saves of what was pushed: a sync cut short sends again at
most this many."""


@dataclass(slots=True)
class SyncResult:
    new: int = 0
    pushed: int = 0
    changed_here: int = 0
    """Stories whose marks the server changed."""
    kept_starred: int = 0
    """Stories starred here that the server deleted: they stay starred here."""
    error: str | None = None
    offline: bool = False


def backend_for(account: Account, client: httpx.AsyncClient, password: str) -> Backend:
    if account.kind == "fever":
        return FeverBackend(client, account.url, account.user, password)
    if account.kind == "ttrss":
        return TtRssBackend(client, account.url, account.user, password)
    if account.kind == "greader":
        return GReaderBackend(client, account.url, account.user, password)
    if account.kind == "miniflux":
        return MinifluxBackend(client, account.url, account.user, password)
    raise SyncError(f"[account] kind = {account.kind!r} is not one newsterm speaks")


def client() -> httpx.AsyncClient:
    """No cookies, no redirects followed (a key in a POST body must not be sent on to
    another address), each read timed; the whole call is bounded in api_call."""
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT}, timeout=READ_SECONDS, follow_redirects=False
    )


async def check_account(account: Account) -> None:
    """The server accepts the account (SyncError: one line why not)."""
    password = await asyncio.to_thread(account.password)  # a program may take its time
    async with client() as http:
        await backend_for(account, http, password).check()


async def subscribe_on_server(account: Account, url: str, folder: str) -> str:
    """Subscribe the account to `url` on its server; a note, or "" (SyncError: why not)."""
    password = await asyncio.to_thread(account.password)
    async with client() as http:
        return await backend_for(account, http, password).subscribe(url, folder)


async def unsubscribe_on_server(account: Account, url: str) -> bool:
    """Unsubscribe the account from the feed at `url`; False when it has no such feed."""
    password = await asyncio.to_thread(account.password)
    async with client() as http:
        backend = backend_for(account, http, password)
        feeds = [feed for feed in await backend.feeds() if feed.url == url]
        for feed in feeds:
            await backend.unsubscribe(feed)
        return bool(feeds)


async def sync_account(store: Store, account: Account) -> SyncResult:
    result = SyncResult()
    try:
        password = await asyncio.to_thread(account.password)  # the reader's keys keep working
        async with client() as http:
            await _sync(store, backend_for(account, http, password), account, result)
    except SyncError as error:
        result.error, result.offline = f"sync: {error}", error.offline
    except WriteFailed as error:
        result.error = f"sync: {error}"
    return result


async def _sync(store: Store, backend: Backend, account: Account, result: SyncResult) -> None:
    await backend.check()
    point = synced.since(store, account.key)
    await _push(store, backend, await backend.marks(), result)
    feeds = {feed.id: feed for feed in await backend.feeds()}
    async for page in backend.items_since(point):
        by_feed = defaultdict(list)
        for item in page:
            by_feed[item.feed_id].append(item)
        for feed_id, items in by_feed.items():
            unlisted = RemoteFeed(feed_id, "", f"{account.url}#feed-{feed_id}", "")
            feed = feeds.get(feed_id) or unlisted
            # Filed as a subscription's stories are: its folder, then the feed itself.
            sections = (*((feed.folder,) if feed.folder else ()), feed.title or feed.url)
            local = store.ensure_feed(feed.url, feed.title, sections)
            stories = [(i.id, article_of(i, feed), i.read, i.starred) for i in items]
            result.new += synced.keep_items(store, local, stories, sections)
        synced.move_point(store, backend.point(page))
    await _take_marks(store, backend, await backend.marks(), result)  # as they are now


async def _push(store: Store, backend: Backend, marks: RemoteMarks, result: SyncResult) -> None:
    """Push the marks made here that the server does not have yet (a server that toggles
    must not be told twice), a batch at a time, each kept as pushed once it is."""
    waiting = synced.waiting(store)
    synced.pushed(store, [w for w in waiting if _server_has(w, marks)])
    to_push = [w for w in waiting if not _server_has(w, marks)]
    for start in range(0, len(to_push), PUSH_BATCH):
        batch = to_push[start : start + PUSH_BATCH]
        await backend.push([MarkChange(w.item, w.mark, w.value) for w in batch])
        synced.pushed(store, batch)
        result.pushed += len(batch)


def _server_has(mark: synced.Waiting, marks: RemoteMarks) -> bool:
    if mark.mark == "read":
        return (mark.item not in marks.unread) == mark.value
    return (mark.item in marks.starred) == mark.value


async def _take_marks(
    store: Store, backend: Backend, marks: RemoteMarks, result: SyncResult
) -> None:
    """The marks the server changed since it last said. A story that left the server's
    unread or starred list is asked for again: one the server deleted keeps its marks
    here (a star is never lost to a purge), one it still has takes the new mark."""
    changes: list[tuple[synced.Synced, Mark, bool]] = []
    left: list[tuple[synced.Synced, Mark, bool]] = []
    for story in synced.synced(store):
        read, starred = story.item not in marks.unread, story.item in marks.starred
        if read != story.server_read:
            (left if read else changes).append((story, "read", read))
        if starred != story.server_starred:
            (left if not starred else changes).append((story, "starred", starred))
    if left:
        still = {item.id for item in await backend.items({s.item for s, _, _ in left})}
        changes += [change for change in left if change[0].item in still]
        gone = {s.story: s for s, _, _ in left if s.item not in still}
        synced.server_dropped(store, gone.values())
        result.kept_starred = sum(1 for s, mark, _ in left if mark == "starred" and s.story in gone)
    result.changed_here = synced.apply(store, changes)


def sync_line(result: SyncResult) -> str:
    """`sync: 12 new stories, 3 marks pushed, 2 changed by the server`."""
    if result.error:
        return result.error
    parts = [
        counted(result.new, "new story", "new stories"),
        f"{counted(result.pushed, 'mark')} pushed",
        f"{counted(result.changed_here, 'story', 'stories')} marked on the server",
    ]
    if result.kept_starred:
        gone = counted(result.kept_starred, "starred story", "starred stories")
        parts.append(f"{gone} the server deleted kept here")
    return "sync: " + ", ".join(parts)
