"""The Miniflux API (v1): HTTP Basic with the account's user and password (or, with
user `token`, an API key in X-Auth-Token); entries paged by `after_entry_id` in id
order, marks by PUT. Its star is a toggle (`/bookmark`), which is why a sync pushes
only marks the server does not have yet.

Built from Miniflux's API documentation; no Miniflux installs here (it needs a newer Go
than this machine's), so the pure parts are what the tests check.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator, Iterable
from datetime import datetime
from typing import Any

import httpx

from newsterm.core.sync.api_call import call, host_of, parsed
from newsterm.core.sync.fields import address, number, text
from newsterm.core.sync.remote import MarkChange, RemoteFeed, RemoteItem, RemoteMarks, SyncError
from newsterm.core.text.clean import clean_line

PAGE = 250
MOST_PAGES = 800
"""200,000 stories: past this a server is sending the same pages round again."""
TOKEN_USER = "token"
"""The user name that says the password is an API key."""


def auth_headers(user: str, password: str) -> dict[str, str]:
    if user == TOKEN_USER:
        return {"X-Auth-Token": password}
    pair = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return {"Authorization": f"Basic {pair}"}


def entries_query(
    after: int, *, status: str | None = None, starred: bool = False
) -> dict[str, str]:
    query = {"order": "id", "direction": "asc", "limit": str(PAGE), "after_entry_id": str(after)}
    if status:
        query["status"] = status
    if starred:
        query["starred"] = "true"
    return query


def status_line(status: int, answer: object, host: str) -> str:
    """Miniflux says why in `error_message`; a person reads one line of it."""
    said = answer.get("error_message") if isinstance(answer, dict) else None
    if status == 401:
        return "the server refused the account: check the user and password"
    if isinstance(said, str) and said.strip():
        return f"{host} answered HTTP {status}: {clean_line(said)[:200]}"
    return f"{host} answered HTTP {status}"


def entry_of(raw: dict[str, Any]) -> RemoteItem | None:
    item_id, feed_id = number(raw.get("id")), number(raw.get("feed_id"))
    if not item_id or not feed_id or raw.get("status") == "removed":
        return None
    content = raw.get("content")
    return RemoteItem(
        id=item_id,
        feed_id=feed_id,
        title=text(raw.get("title")),
        url=address(raw.get("url")),
        html=content if isinstance(content, str) else "",
        author=text(raw.get("author")),
        published=_time(raw.get("published_at")),
        read=raw.get("status") == "read",
        starred=raw.get("starred") is True,
    )


def feed_of(raw: dict[str, Any]) -> RemoteFeed | None:
    feed_id, url = number(raw.get("id")), address(raw.get("feed_url"))
    if not feed_id or not url:
        return None
    category = raw.get("category")
    folder = text(category.get("title")) if isinstance(category, dict) else ""
    return RemoteFeed(feed_id, text(raw.get("title")), url, folder)


class MinifluxBackend:
    def __init__(self, client: httpx.AsyncClient, url: str, user: str, password: str) -> None:
        self.client = client
        self.root = url.rstrip("/").removesuffix("/v1")
        self.headers = auth_headers(user, password)

    async def _json(self, method: str, path: str, *, query: dict[str, str] | None = None,
                    body: object = None) -> Any:  # fmt: skip
        address = f"{self.root}/v1/{path}"
        status, received = await call(
            self.client, method, address, params=query, body=body, headers=self.headers
        )
        host = host_of(address)
        if status >= 400:
            answer = parsed(received, host) if received.strip().startswith(b"{") else None
            raise SyncError(status_line(status, answer, host))
        return parsed(received, host) if received.strip() else None

    async def check(self) -> None:
        me = await self._json("GET", "me")
        if not isinstance(me, dict) or "id" not in me:
            raise SyncError("the server gave no account: is this a Miniflux address?")

    async def feeds(self) -> list[RemoteFeed]:
        raw = await self._json("GET", "feeds")
        entries = raw if isinstance(raw, list) else []
        return [feed for entry in entries if isinstance(entry, dict) and (feed := feed_of(entry))]

    async def items_since(self, since: str | None) -> AsyncIterator[list[RemoteItem]]:
        after = int(since) if since and since.isascii() and since.isdigit() else 0
        async for page in self._pages(after):
            items = [item for raw in page if (item := entry_of(raw))]
            if items:
                yield items

    async def _pages(self, after: int, **filters: Any) -> AsyncIterator[list[dict[str, Any]]]:
        for _ in range(MOST_PAGES):
            answer = await self._json("GET", "entries", query=entries_query(after, **filters))
            raw = answer.get("entries") if isinstance(answer, dict) else None
            page = (
                [entry for entry in raw if isinstance(entry, dict)] if isinstance(raw, list) else []
            )
            numbers = [int(n) for entry in page if (n := number(entry.get("id")))]
            if not numbers or max(numbers) <= after:  # the end, or the same page again
                return
            yield page
            after = max(numbers)

    async def items(self, ids: Iterable[str]) -> list[RemoteItem]:
        found: list[RemoteItem] = []
        for item in sorted({i for i in ids if number(i)}, key=int):
            try:
                raw = await self._json("GET", f"entries/{item}")
            except SyncError as error:
                if "HTTP 404" in str(error):
                    continue  # deleted on the server
                raise
            if isinstance(raw, dict) and (entry := entry_of(raw)):
                found.append(entry)
        return found

    async def marks(self) -> RemoteMarks:
        unread = [
            number(e.get("id")) async for page in self._pages(0, status="unread") for e in page
        ]
        starred = [number(e.get("id")) async for page in self._pages(0, starred=True) for e in page]
        return RemoteMarks(frozenset(filter(None, unread)), frozenset(filter(None, starred)))

    async def subscribe(self, url: str, folder: str) -> str:
        raw = await self._json("GET", "categories")
        categories = [c for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []
        named = [c for c in categories if text(c.get("title")) == folder] if folder else []
        category = named[0] if named else None
        if category is None and folder:
            category = await self._json("POST", "categories", body={"title": folder})
        elif category is None and categories:
            category = categories[0]  # Miniflux files every feed in a category
        body: dict[str, object] = {"feed_url": url}
        if isinstance(category, dict) and number(category.get("id")):
            body["category_id"] = int(number(category.get("id")))
        await self._json("POST", "feeds", body=body)
        return ""

    async def unsubscribe(self, feed: RemoteFeed) -> None:
        await self._json("DELETE", f"feeds/{feed.id}")

    def point(self, page: list[RemoteItem]) -> str:
        return page[-1].id

    async def push(self, changes: list[MarkChange]) -> None:
        for status in ("read", "unread"):
            ids = [
                int(c.item) for c in changes if c.mark == "read" and (status == "read") == c.value
            ]
            if ids:
                await self._json("PUT", "entries", body={"entry_ids": ids, "status": status})
        for change in changes:
            if change.mark == "starred":  # a toggle: pushed only when the server differs
                await self._json("PUT", f"entries/{change.item}/bookmark")


def _time(value: object) -> float | None:
    """`2023-02-05T10:25:00Z` (RFC 3339, as Miniflux writes it) in seconds."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.timestamp() if when.tzinfo is not None else None
