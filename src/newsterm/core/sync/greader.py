"""The Google Reader API (FreshRSS, Miniflux, Inoreader, The Old Reader, BazQux): a
ClientLogin gives a token sent as `Authorization: GoogleLogin auth=…`; streams are read
with GET, oldest first, a continuation token at a time; marks are tags written by
POST to edit-tag with a second, short-lived token.

Built from the API as those servers document it; no such server installs here, so the
pure parts (ids, queries, items, errors) are what the tests check.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from typing import Any
from urllib.parse import quote, urlencode

import httpx

from newsterm.core.sync.api_call import call, host_of
from newsterm.core.sync.fields import address, number, objects, seconds, text
from newsterm.core.sync.greader_ids import long_id, short_id
from newsterm.core.sync.remote import MarkChange, RemoteFeed, RemoteItem, RemoteMarks, SyncError

READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
LABEL = "user/-/label/"
PAGE = 1000
MOST_PAGES = 200
"""200,000 stories: past this a server is handing the same continuation round."""
EDIT_BATCH = 100
TAG_OF = {"read": READ, "starred": STARRED}


def api_root(url: str) -> str:
    """The address calls are made under: `…/api/greader.php` (FreshRSS) and the like are
    given as is; `/reader/api/0/` is added where they begin."""
    return url.rstrip("/")


def stream_query(since: str | None, continuation: str | None) -> dict[str, str]:
    """A reading-list page: oldest first, newer than `since` (seconds), from `continuation`."""
    query = {"output": "json", "n": str(PAGE), "r": "o"}
    if since and since.isascii() and since.isdigit():
        query["ot"] = since
    if continuation:
        query["c"] = continuation
    return query


def ids_query(
    stream: str, *, exclude: str | None = None, continuation: str | None = None
) -> dict[str, str]:
    query = {"output": "json", "s": stream, "n": "10000"}
    if exclude:
        query["xt"] = exclude
    if continuation:
        query["c"] = continuation
    return query


def edit_form(token: str, mark: str, value: bool, items: list[str]) -> list[tuple[str, str]]:
    """edit-tag's form: the tag added (`a`) or removed (`r`), each story's long id (`i`)."""
    form = [("T", token), ("a" if value else "r", TAG_OF[mark])]
    return form + [("i", long_id(item)) for item in items]


def auth_token(body: str) -> str | None:
    """ClientLogin's answer is lines of KEY=VALUE; the one wanted is Auth."""
    for line in body.splitlines():
        key, _, value = line.partition("=")
        if key.strip() == "Auth" and value.strip():
            return value.strip()
    return None


def status_line(status: int, host: str) -> str:
    if status in (401, 403):
        return "the server refused the account: check the user and password"
    if status == 404:
        return f"{host} has no Google Reader API there: check the address"
    return f"{host} answered HTTP {status}"


def crawled_at(raw: dict[str, Any]) -> int:
    """When the server fetched a story, in whole seconds (0 when it does not say):
    `crawlTimeMsec`, or `timestampUsec`, both decimal text."""
    for key, per_second in (("crawlTimeMsec", 1000), ("timestampUsec", 1_000_000)):
        digits = number(raw.get(key))
        if digits and (when := int(digits) // per_second) and seconds(when):
            return when
    return 0


def item_of(raw: dict[str, Any]) -> RemoteItem | None:
    """One story of a stream, or None when it has no usable number or feed."""
    item_id = short_id(raw.get("id"))
    origin = raw.get("origin") if isinstance(raw.get("origin"), dict) else {}
    feed_id = text(origin.get("streamId")) if isinstance(origin, dict) else ""
    if not item_id or not feed_id:
        return None
    tags = {c for c in raw.get("categories") or [] if isinstance(c, str)}
    body = raw.get("content") if isinstance(raw.get("content"), dict) else raw.get("summary")
    html = body.get("content") if isinstance(body, dict) else None
    when = seconds(raw.get("published"))
    return RemoteItem(
        id=item_id,
        feed_id=feed_id,
        title=text(raw.get("title")),
        url=_link(raw),
        html=html if isinstance(html, str) else "",
        author=text(raw.get("author")),
        published=when,
        read=any(t.endswith("/state/com.google/read") for t in tags),
        starred=any(t.endswith("/state/com.google/starred") for t in tags),
    )


def feed_of(raw: dict[str, Any]) -> RemoteFeed | None:
    stream = text(raw.get("id"))
    url = address(raw.get("url")) or address(stream.removeprefix("feed/"))
    if not stream or not url:
        return None
    folder = ""
    for category in raw.get("categories") or []:
        if isinstance(category, dict):
            folder = text(category.get("label")) or text(category.get("id")).removeprefix(LABEL)
            if folder:
                break
    return RemoteFeed(stream, text(raw.get("title")), url, folder)


class GReaderBackend:
    def __init__(self, client: httpx.AsyncClient, url: str, user: str, password: str) -> None:
        self.client = client
        self.root = api_root(url)
        self.user, self.password = user, password
        self.auth: str | None = None
        self.crawled = 0
        """The latest crawl time (seconds) of the stories handed over: the sync point."""

    async def _call(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, str] | None = None,
        form: list[tuple[str, str]] | None = None,
    ) -> str:
        """One call's answer as text (a form's keys may repeat: `i=…&i=…`)."""
        headers = {"Authorization": f"GoogleLogin auth={self.auth}"} if self.auth else {}
        content = None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            content = urlencode(form).encode()
        address = f"{self.root}/{path}"
        status, received = await call(
            self.client, method, address, params=query, content=content, headers=headers
        )
        if status >= 400:
            raise SyncError(status_line(status, host_of(address)))
        return received.decode("utf-8", "replace")

    async def _json(self, path: str, **query: str) -> dict[str, Any]:
        if self.auth is None:
            await self.check()
        said = await self._call("GET", path, query=query)
        try:
            answer = json.loads(said)
        except (ValueError, RecursionError):
            raise SyncError(
                "the server did not answer in JSON: is this its Google Reader API?"
            ) from None
        if not isinstance(answer, dict):
            raise SyncError("the server answered something other than a JSON object")
        return answer

    async def check(self) -> None:
        login = [("Email", self.user), ("Passwd", self.password)]
        body = await self._call("POST", "accounts/ClientLogin", form=login)
        token = auth_token(body)
        if token is None:
            raise SyncError("the server refused the account: check the user and password")
        self.auth = token

    async def feeds(self) -> list[RemoteFeed]:
        answer = await self._json("reader/api/0/subscription/list", output="json")
        raw = answer.get("subscriptions")
        return (
            [f for entry in raw if isinstance(entry, dict) and (f := feed_of(entry))]
            if isinstance(raw, list)
            else []
        )

    async def items_since(self, since: str | None) -> AsyncIterator[list[RemoteItem]]:
        continuation: str | None = None
        for _ in range(MOST_PAGES):
            answer = await self._json(
                f"reader/api/0/stream/contents/{quote(READING_LIST)}",
                **stream_query(since, continuation),
            )
            entries = objects(answer.get("items"))
            page = [item for entry in entries if (item := item_of(entry))]
            self.crawled = max([self.crawled, *(crawled_at(entry) for entry in entries)])
            if page:
                yield page
            following = answer.get("continuation")
            if not isinstance(following, str) or not following or following == continuation:
                return
            continuation = following

    async def items(self, ids: Iterable[str]) -> list[RemoteItem]:
        wanted = sorted(set(ids))
        found: list[RemoteItem] = []
        for start in range(0, len(wanted), EDIT_BATCH):
            form = [("i", long_id(i)) for i in wanted[start : start + EDIT_BATCH]]
            said = await self._call(
                "POST", "reader/api/0/stream/items/contents", query={"output": "json"}, form=form
            )
            try:
                raw = json.loads(said).get("items")
            except (ValueError, AttributeError, RecursionError):
                raw = None
            found += (
                [i for entry in raw if isinstance(entry, dict) and (i := item_of(entry))]
                if isinstance(raw, list)
                else []
            )
        return found

    async def marks(self) -> RemoteMarks:
        unread = await self._ids(READING_LIST, exclude=READ)
        return RemoteMarks(unread, await self._ids(STARRED))

    async def _ids(self, stream: str, exclude: str | None = None) -> frozenset[str]:
        found: set[str] = set()
        continuation: str | None = None
        for _ in range(MOST_PAGES):
            answer = await self._json(
                "reader/api/0/stream/items/ids",
                **ids_query(stream, exclude=exclude, continuation=continuation),
            )
            refs = answer.get("itemRefs")
            found |= (
                {i for r in refs if isinstance(r, dict) and (i := short_id(r.get("id")))}
                if isinstance(refs, list)
                else set()
            )
            following = answer.get("continuation")
            if not isinstance(following, str) or not following or following == continuation:
                break
            continuation = following
        return frozenset(found)

    async def subscribe(self, url: str, folder: str) -> str:
        form = [("ac", "subscribe"), ("s", f"feed/{url}")]
        if folder:
            form.append(("a", f"{LABEL}{folder}"))
        await self._edit_subscription(form)
        return ""

    async def unsubscribe(self, feed: RemoteFeed) -> None:
        await self._edit_subscription([("ac", "unsubscribe"), ("s", feed.id)])

    async def _edit_subscription(self, form: list[tuple[str, str]]) -> None:
        if self.auth is None:
            await self.check()
        token = (await self._call("GET", "reader/api/0/token")).strip()
        await self._call("POST", "reader/api/0/subscription/edit", form=[("T", token), *form])

    def point(self, page: list[RemoteItem]) -> str:
        """Streams are asked for by the time the server fetched a story (`ot`): the latest
        such time handed over (a story published long ago but fetched now still comes)."""
        return str(self.crawled or int(max((i.published or 0.0) for i in page)))

    async def push(self, changes: list[MarkChange]) -> None:
        if not changes:
            return
        if self.auth is None:
            await self.check()
        token = (await self._call("GET", "reader/api/0/token")).strip()
        batches: dict[tuple[str, bool], list[str]] = {}
        for change in changes:
            batches.setdefault((change.mark, change.value), []).append(change.item)
        for (mark, value), items in batches.items():
            for start in range(0, len(items), EDIT_BATCH):
                form = edit_form(token, mark, value, items[start : start + EDIT_BATCH])
                await self._call("POST", "reader/api/0/edit-tag", form=form)


def _link(raw: dict[str, Any]) -> str | None:
    for key in ("canonical", "alternate"):
        links = raw.get(key)
        if isinstance(links, list):
            for link in links:
                if isinstance(link, dict) and (url := address(link.get("href"))):
                    return url
    return None
