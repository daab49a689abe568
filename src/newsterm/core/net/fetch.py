"""One polite, bounded HTTP fetcher: the only way newsterm talks to the network.

Every server is untrusted. A fetch is bounded in time (one total deadline covering
connect, headers, body and every redirect), in size (the *decoded* body is capped while
it streams, so a gzip bomb never gets allocated), in redirects (counted and loop-checked
here, each hop re-checked for http/https) and in concurrency (a global limit and a
per-host limit, so we never hammer one publisher). Every failure comes out as one
`FetchError` whose message is a single clean line fit for the status area.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy
from types import TracebackType
from urllib.parse import urlsplit

import httpx

from newsterm import __version__
from newsterm.core.net.addresses import (
    REDIRECT_CODES,
    checked_url,
    redirect_target,
    refuse_bad_location,
)
from newsterm.core.net.bounded_body import BodyDecoder, content_encoding
from newsterm.core.net.errors import FetchError, network_error, too_large
from newsterm.core.net.response_headers import parse_max_age, parse_retry_after, status_phrase
from newsterm.core.text.clean import clean_line, clean_url

__all__ = ["FetchError", "FetchResult", "Fetcher", "USER_AGENT"]  # FetchError: what fetch raises

USER_AGENT = f"newsterm/{__version__} (+https://github.com/newsterm/newsterm; terminal news reader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)


_RETRY_AFTER_CODES = frozenset({429, 503})
_CONNECT_TIMEOUT = 10.0
_MAX_DRAINED = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one successful fetch brought back, with the validators for the next one."""

    url: str  # the URL asked for
    final_url: str  # after redirects
    status: int  # 200 (or another 2xx) or 304
    body: bytes | None  # decoded (gzip/deflate undone); None for 304
    etag: str | None
    last_modified: str | None
    content_type: str
    max_age: int | None  # from Cache-Control max-age, seconds, capped at a week
    elapsed: float  # wall-clock seconds for the whole fetch

    @property
    def not_modified(self) -> bool:
        """The server said our copy is still current, so there is nothing to parse."""
        return self.status == 304


class Fetcher:
    """One shared AsyncClient with the app's limits; use as `async with Fetcher() as f:`.

    The total deadline covers a fetch's own network work (every hop's connect, headers and
    body). Time spent queued behind our own concurrency limits is not charged to it, so
    a long refresh of one slow host does not turn into a wall of false timeouts.
    """

    def __init__(
        self,
        *,
        total_deadline: float = 20.0,
        max_bytes: int = 16 * 2**20,
        max_redirects: int = 10,
        global_limit: int = 16,
        per_host_limit: int = 6,  # as many as a browser opens to one host
        user_agent: str = USER_AGENT,
        cookies: bool = True,
        refuse: Callable[[str], str | None] | None = None,
    ) -> None:
        if total_deadline <= 0 or max_bytes <= 0 or max_redirects < 0:
            raise ValueError("limits must be positive")
        if global_limit < 1 or per_host_limit < 1:
            raise ValueError("concurrency limits must be at least 1")
        self.total_deadline = total_deadline
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.global_limit = global_limit
        self.per_host_limit = per_host_limit
        self.user_agent = clean_line(user_agent) or USER_AGENT
        self.cookies = cookies
        """False: every cookie a server sets is refused (pictures: no following readers)."""
        self.refuse = refuse
        """Why an address must not be asked for (a tracker), checked at every hop, or None."""
        self._global = asyncio.Semaphore(global_limit)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        if self._client is not None:
            raise RuntimeError("this Fetcher is already open")
        per_operation = httpx.Timeout(
            connect=min(_CONNECT_TIMEOUT, self.total_deadline),
            read=self.total_deadline,
            write=self.total_deadline,
            pool=self.total_deadline,
        )
        self._client = httpx.AsyncClient(
            follow_redirects=False,  # we follow them ourselves, to count and check each hop
            http1=True,
            http2=False,
            timeout=per_operation,
            limits=httpx.Limits(
                max_connections=self.global_limit,
                max_keepalive_connections=self.global_limit,
                keepalive_expiry=30.0,
            ),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            event_hooks={"response": [refuse_bad_location]},
            cookies=None if self.cookies else _refusing_jar(),
        )
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = FEED_ACCEPT,
    ) -> FetchResult:
        """Fetch one URL within every limit; raises FetchError for anything that goes wrong."""
        client = self._client
        if client is None:
            raise RuntimeError("Fetcher.fetch() needs `async with Fetcher() as fetcher:`")
        started = time.monotonic()
        current = checked_url(url, redirect=False)  # before any request is made
        headers = {"Accept": clean_line(accept) or FEED_ACCEPT}
        sent_etag = clean_line(etag) or None
        sent_modified = clean_line(last_modified) or None
        if sent_etag:
            headers["If-None-Match"] = sent_etag
        if sent_modified:
            headers["If-Modified-Since"] = sent_modified

        budget = self.total_deadline
        seen: set[str] = set()
        redirects = 0
        while True:
            seen.add(current)
            hop_started = time.monotonic()
            try:
                async with self._host_limit(current), self._global:
                    hop_started = time.monotonic()
                    async with asyncio.timeout(budget):
                        hop = await self._one_hop(client, current, headers)
            except TimeoutError:
                raise FetchError("timeout", f"timed out after {self.total_deadline:g} s") from None
            budget -= time.monotonic() - hop_started
            if isinstance(hop, _Redirect):
                redirects += 1
                target = redirect_target(current, hop.location)
                if target in seen:
                    raise FetchError("redirects", "redirect loop", status=hop.status)
                if redirects > self.max_redirects:
                    raise FetchError(
                        "redirects",
                        f"too many redirects (more than {self.max_redirects})",
                        status=hop.status,
                    )
                if budget <= 0:
                    raise FetchError("timeout", f"timed out after {self.total_deadline:g} s")
                if self.refuse is not None and (why := self.refuse(target)):
                    raise FetchError("refused", why)
                current = target
                continue
            return FetchResult(
                url=url,
                final_url=hop.final_url,
                status=hop.status,
                body=hop.body,
                etag=hop.etag or (sent_etag if hop.status == 304 else None),
                last_modified=hop.last_modified or (sent_modified if hop.status == 304 else None),
                content_type=hop.content_type,
                max_age=hop.max_age,
                elapsed=time.monotonic() - started,
            )

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        limit = self._hosts.get(host)
        if limit is None:
            limit = self._hosts[host] = asyncio.Semaphore(self.per_host_limit)
        return limit

    async def _one_hop(
        self, client: httpx.AsyncClient, url: str, headers: dict[str, str]
    ) -> _Redirect | _Final:
        """One request and its whole body, with network failures turned into FetchError."""
        try:
            request = client.build_request("GET", url, headers=headers)
            response = await client.send(request, stream=True)
            try:
                hop = await self._read(response)
            except FetchError:
                await _drain(response)  # an error page: read, so the connection is reused
                raise
            finally:
                await response.aclose()
            return hop
        except FetchError:
            raise
        except httpx.InvalidURL as exc:
            raise FetchError("scheme", f"not a URL that can be fetched: {exc}") from None
        except httpx.UnsupportedProtocol:
            raise FetchError("scheme", "only http and https addresses can be fetched") from None
        except (httpx.TimeoutException, TimeoutError):
            raise FetchError("timeout", f"timed out after {self.total_deadline:g} s") from None
        except (httpx.HTTPError, OSError, zlib.error) as exc:
            raise network_error(exc, url) from None

    async def _read(self, response: httpx.Response) -> _Redirect | _Final:
        status = response.status_code
        if status in REDIRECT_CODES or status == 304:
            await _drain(response)  # nothing to keep, but read: the connection is reused
        if status in REDIRECT_CODES:
            location = clean_url(response.headers.get("location"))
            if not location:
                raise FetchError(
                    "http_status", f"HTTP {status} redirect without a Location", status=status
                )
            return _Redirect(status=status, location=location)
        if not (200 <= status < 300 or status == 304):
            retry_after = None
            if status in _RETRY_AFTER_CODES:
                retry_after = parse_retry_after(response.headers.get("retry-after"))
            raise FetchError(
                "http_status",
                f"HTTP {status} {status_phrase(response)} for {clean_url(str(response.url))}",
                status=status,
                retry_after=retry_after,
            )
        body: bytes | None = None
        if status != 304:
            body = await self._read_body(response)
        return _Final(
            status=status,
            final_url=str(response.url),
            body=body,
            etag=clean_line(response.headers.get("etag")) or None,
            last_modified=clean_line(response.headers.get("last-modified")) or None,
            content_type=clean_line(response.headers.get("content-type")),
            max_age=parse_max_age(response.headers.get_list("cache-control")),
        )

    async def _read_body(self, response: httpx.Response) -> bytes:
        """Stream the raw body and decode it incrementally, stopping at max_bytes."""
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise too_large(self.max_bytes)
        decoder = BodyDecoder(content_encoding(response.headers), self.max_bytes)
        raw_bytes = after_end = 0
        async for chunk in response.aiter_raw():
            raw_bytes += len(chunk)
            if raw_bytes > self.max_bytes:
                raise too_large(self.max_bytes)
            if not decoder.finished:
                decoder.feed(chunk)
                continue
            # Past the compressed stream's end: read on to the response's end (a little),
            # so the connection is given back to be reused, not closed.
            after_end += len(chunk)
            if after_end > _MAX_DRAINED:
                break
        return decoder.finish()


async def _drain(response: httpx.Response) -> None:
    """Read what is left of a response, up to a little: a response read to its end gives
    its connection back to be reused (100 feeds took 101 connections before, 9 after);
    one that goes on longer is closed instead."""
    left = _MAX_DRAINED
    try:
        async for chunk in response.aiter_raw():
            left -= len(chunk)
            if left < 0:
                return
    except (httpx.HTTPError, OSError, RuntimeError):
        return  # closed or already read: nothing to give back


def _refusing_jar() -> CookieJar:
    """A cookie jar that takes no cookie from any server."""
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


@dataclass(frozen=True, slots=True)
class _Redirect:
    status: int
    location: str


@dataclass(frozen=True, slots=True)
class _Final:
    status: int
    final_url: str
    body: bytes | None
    etag: str | None
    last_modified: str | None
    content_type: str
    max_age: int | None
