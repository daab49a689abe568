"""The Tiny Tiny RSS JSON API: one POST of JSON to `api/` per call, after a login that
gives a session id. Stories are asked for newest first (the API pages by `skip`), so a
sync gathers all the new ones before handing them over oldest first: a sync cut short
never moves its point past stories it did not keep.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any

import httpx

from newsterm.core.sync.api_call import post_json
from newsterm.core.sync.fields import address, number, objects, seconds, text
from newsterm.core.sync.remote import MarkChange, RemoteFeed, RemoteItem, RemoteMarks, SyncError
from newsterm.core.text.clean import clean_line

PAGE = 200
"""The most headlines TT-RSS gives a call."""
MOST_STORIES = 200_000
"""Past this a server is sending the same pages round again."""
ALL_ARTICLES, STARRED = -4, -1
"""TT-RSS's own feeds: every story, and the starred ones."""
FIELD = {"starred": 0, "read": 2}
"""updateArticle's fields: 0 is the star, 2 "unread" (so a read story is mode 0)."""
_SUBSCRIBE_CODES = {
    2: "the address is not valid",
    3: "no feed there",
    4: "the page links to several feeds: give one",
    5: "it could not be fetched",
}
_ERRORS = {
    "LOGIN_ERROR": "the server refused the account: check the user and password",
    "API_DISABLED": "the API is off for this account: turn on 'Enable API' in its preferences",
    "NOT_LOGGED_IN": "the server ended the session",
}


class TtRssBackend:
    def __init__(self, client: httpx.AsyncClient, url: str, user: str, password: str) -> None:
        self.client = client
        self.url = url if url.rstrip("/").endswith("/api") else url.rstrip("/") + "/api/"
        self.user, self.password = user, password
        self.session: str | None = None

    async def call(self, op: str, **fields: Any) -> Any:
        """The call's `content`; logs in first, and once again if the session ended."""
        if self.session is None:
            await self.check()
        answer = await self._post({"op": op, "sid": self.session, **fields})
        if _error(answer) == "NOT_LOGGED_IN":
            await self.check()
            answer = await self._post({"op": op, "sid": self.session, **fields})
        if error := _error(answer):
            raise SyncError(_ERRORS.get(error, f"the server answered {op}: {error}"))
        return answer.get("content")

    async def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        return await post_json(self.client, self.url, body=body)

    async def check(self) -> None:
        answer = await self._post({"op": "login", "user": self.user, "password": self.password})
        content = answer.get("content")
        if error := _error(answer):
            raise SyncError(_ERRORS.get(error, f"the server refused to log in: {error}"))
        session = content.get("session_id") if isinstance(content, dict) else None
        if not isinstance(session, str) or not session:
            raise SyncError("the server gave no session: is this a TT-RSS address?")
        self.session = session

    async def feeds(self) -> list[RemoteFeed]:
        categories = await self.call("getCategories", include_empty=True)
        names = {number(c.get("id")): text(c.get("title")) for c in objects(categories)}
        feeds = []
        for feed in objects(await self.call("getFeeds", cat_id=-3)):
            feed_id, url = number(feed.get("id")), address(feed.get("feed_url"))
            if feed_id and url:
                folder = names.get(number(feed.get("cat_id")), "")
                feeds.append(RemoteFeed(feed_id, text(feed.get("title")), url, folder))
        return feeds

    async def items_since(self, since: str | None) -> AsyncIterator[list[RemoteItem]]:
        after = int(since) if since and since.isascii() and since.isdigit() else 0
        found: dict[str, RemoteItem] = {}
        async for raw in self._headlines(ALL_ARTICLES, since_id=after, show_content=True):
            if (item := _item(raw)) and int(item.id) > after:
                found[item.id] = item
        ordered = sorted(found.values(), key=lambda item: int(item.id))
        for start in range(0, len(ordered), 50):
            yield ordered[start : start + 50]

    async def items(self, ids: Iterable[str]) -> list[RemoteItem]:
        wanted = sorted({i for i in ids if number(i)}, key=int)
        found: list[RemoteItem] = []
        for start in range(0, len(wanted), PAGE):
            content = await self.call(
                "getArticle", article_id=",".join(wanted[start : start + PAGE])
            )
            found += [item for raw in objects(content) if (item := _item(raw))]
        return found

    async def marks(self) -> RemoteMarks:
        unread = [
            number(h.get("id")) async for h in self._headlines(ALL_ARTICLES, view_mode="unread")
        ]
        starred = [number(h.get("id")) async for h in self._headlines(STARRED)]
        return RemoteMarks(frozenset(filter(None, unread)), frozenset(filter(None, starred)))

    def point(self, page: list[RemoteItem]) -> str:
        """Stories are asked for after a number: the page's last."""
        return page[-1].id

    async def push(self, changes: list[MarkChange]) -> None:
        batches: dict[tuple[int, int], list[str]] = {}
        for change in changes:
            mode = int(change.value) if change.mark == "starred" else int(not change.value)
            batches.setdefault((FIELD[change.mark], mode), []).append(change.item)
        for (field, mode), items in batches.items():
            for start in range(0, len(items), PAGE):
                ids = ",".join(items[start : start + PAGE])
                await self.call("updateArticle", article_ids=ids, mode=mode, field=field)

    async def subscribe(self, url: str, folder: str) -> str:
        categories = await self.call("getCategories", include_empty=True)
        found = [number(c.get("id")) for c in objects(categories) if text(c.get("title")) == folder]
        category = found[0] if folder and found and found[0] else "0"
        content = await self.call("subscribeToFeed", feed_url=url, category_id=int(category))
        status = content.get("status") if isinstance(content, dict) else None
        code = status.get("code") if isinstance(status, dict) else None
        if code not in (0, 1):  # 0: subscribed already, 1: added
            said = _SUBSCRIBE_CODES.get(code) if isinstance(code, int) else None
            raise SyncError(f"the server did not subscribe to it: {said or 'no reason given'}")
        if folder and category == "0":
            return f"the server has no category {folder!r} and its API cannot make one"
        return ""

    async def unsubscribe(self, feed: RemoteFeed) -> None:
        await self.call("unsubscribeFeed", feed_id=int(feed.id))

    async def _headlines(self, feed: int, **options: Any) -> AsyncIterator[dict[str, Any]]:
        """Every headline of a feed, a page at a time (`skip`), as far as MOST_STORIES."""
        options = {"view_mode": "all_articles", "show_content": False, **options}
        for skip in range(0, MOST_STORIES, PAGE):
            page = objects(
                await self.call("getHeadlines", feed_id=feed, limit=PAGE, skip=skip, **options)
            )
            for headline in page:
                yield headline
            if len(page) < PAGE:
                return


def _error(answer: dict[str, Any]) -> str | None:
    if answer.get("status") == 0:
        return None
    content = answer.get("content")
    error = content.get("error") if isinstance(content, dict) else None
    return clean_line(error) if isinstance(error, str) and error else "an error"


def _item(raw: dict[str, Any]) -> RemoteItem | None:
    item_id, feed_id = number(raw.get("id")), number(raw.get("feed_id"))
    if not item_id or not feed_id:
        return None
    published = seconds(raw.get("updated"))
    content = raw.get("content")
    return RemoteItem(
        id=item_id,
        feed_id=feed_id,
        title=text(raw.get("title")),
        url=address(raw.get("link")),
        html=content if isinstance(content, str) else "",
        author=text(raw.get("author")),
        published=published,
        read=raw.get("unread") is False or raw.get("unread") in (0, "0", "f", "false"),
        starred=raw.get("marked") is True or raw.get("marked") in (1, "1", "t", "true"),
    )
