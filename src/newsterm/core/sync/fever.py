"""The Fever API (FreshRSS, Miniflux, TT-RSS's plugin, coldsweat serve it): every call a
POST of the account's key, md5 of `user:password`; marks go in the body too (in the
query string some servers answer 400).

Fever has no call that subscribes: feeds are added on the server.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpx

from newsterm.core.sync.api_call import post_json
from newsterm.core.sync.fields import address, number, objects, seconds, text
from newsterm.core.sync.remote import MarkChange, RemoteFeed, RemoteItem, RemoteMarks, SyncError

PAGE = 50
"""Fever answers at most 50 items a call."""
NO_SUBSCRIBING = "Fever has no call that adds or removes a feed: do it on the server"
MOST_PAGES = 4000
"""200,000 stories: past this a server is sending the same pages round again."""
_AS = {("read", True): "read", ("read", False): "unread"} | {
    ("starred", True): "saved",
    ("starred", False): "unsaved",
}


class FeverBackend:
    def __init__(self, client: httpx.AsyncClient, url: str, user: str, password: str) -> None:
        self.client = client
        self.url = url
        self.api_key = hashlib.md5(f"{user}:{password}".encode()).hexdigest()  # noqa: S324  # Fever's own scheme

    async def call(self, query: str, **form: str) -> dict[str, Any]:
        form = {"api_key": self.api_key, **form}
        answer = await post_json(self.client, self.url, query=f"api&{query}".rstrip("&"), form=form)
        if answer.get("auth") != 1:
            raise SyncError("the server refused the account: check the user and password")
        return answer

    async def check(self) -> None:
        await self.call("")

    async def feeds(self) -> list[RemoteFeed]:
        # One command a call: Miniflux answers only the first of several.
        answer = await self.call("feeds")
        grouped = await self.call("groups")
        names = {number(g.get("id")): text(g.get("title")) for g in objects(grouped.get("groups"))}
        folder_of: dict[str, str] = {}
        for grouping in objects(answer.get("feeds_groups")) or objects(grouped.get("feeds_groups")):
            folder = names.get(number(grouping.get("group_id")), "")
            for feed_id in str(grouping.get("feed_ids") or "").split(","):
                folder_of.setdefault(feed_id.strip(), folder)
        feeds = []
        for feed in objects(answer.get("feeds")):
            feed_id, url = number(feed.get("id")), address(feed.get("url"))
            if feed_id and url:
                title = text(feed.get("title"))
                feeds.append(RemoteFeed(feed_id, title, url, folder_of.get(feed_id, "")))
        return feeds

    async def items_since(self, since: str | None) -> AsyncIterator[list[RemoteItem]]:
        after = int(since) if since and since.isascii() and since.isdigit() else 0
        for _ in range(MOST_PAGES):
            answer = await self.call(f"items&since_id={after}")
            items = [item for raw in objects(answer.get("items")) if (item := _item(raw))]
            page = sorted((i for i in items if int(i.id) > after), key=lambda i: int(i.id))
            if not page:  # the end, or a server that answers the same page again
                return
            yield page
            after = int(page[-1].id)

    async def items(self, ids: Iterable[str]) -> list[RemoteItem]:
        wanted = sorted({i for i in ids if number(i)}, key=int)
        found: list[RemoteItem] = []
        for start in range(0, len(wanted), PAGE):
            answer = await self.call(f"items&with_ids={','.join(wanted[start : start + PAGE])}")
            found += [item for raw in objects(answer.get("items")) if (item := _item(raw))]
        return found

    async def marks(self) -> RemoteMarks:
        unread = await self._id_list("unread_item_ids")
        return RemoteMarks(unread, await self._id_list("saved_item_ids"))

    async def _id_list(self, key: str) -> frozenset[str]:
        """A list of story numbers; an answer without it is an error, never an empty list
        (that would read as every story read, or no star anywhere)."""
        value = (await self.call(key)).get(key)
        if not isinstance(value, str | list):
            raise SyncError(f"the server's answer had no {key}: is this a Fever API?")
        return _ids(value)

    async def subscribe(self, url: str, folder: str) -> str:
        raise SyncError(NO_SUBSCRIBING)

    async def unsubscribe(self, feed: RemoteFeed) -> None:
        raise SyncError(NO_SUBSCRIBING)

    def point(self, page: list[RemoteItem]) -> str:
        """Stories are asked for after a number: the page's last."""
        return page[-1].id

    async def push(self, changes: list[MarkChange]) -> None:
        for change in changes:
            as_ = _AS[change.mark, change.value]
            await self.call("", mark="item", id=change.item, **{"as": as_})


def _ids(value: object) -> frozenset[str]:
    """ "1,2,3" as Fever gives it (or a JSON list, as some servers do)."""
    parts = value if isinstance(value, list) else str(value or "").split(",")
    return frozenset(i for part in parts if (i := number(part)))


def _item(raw: dict[str, Any]) -> RemoteItem | None:
    item_id, feed_id = number(raw.get("id")), number(raw.get("feed_id"))
    if not item_id or not feed_id:
        return None
    published = seconds(raw.get("created_on_time"))
    html = raw.get("html")
    return RemoteItem(
        id=item_id,
        feed_id=feed_id,
        title=text(raw.get("title")),
        url=address(raw.get("url")),
        html=html if isinstance(html, str) else "",
        author=text(raw.get("author")),
        published=published,
        read=raw.get("is_read") in (1, True, "1"),
        starred=raw.get("is_saved") in (1, True, "1"),
    )
