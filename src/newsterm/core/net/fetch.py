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
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from types import TracebackType
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from newsterm import __version__
from newsterm.core.text.clean import clean_line, clean_url

USER_AGENT = f"newsterm/{__version__} (+https://github.com/newsterm/newsterm; terminal news reader)"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1"
)

ErrorKind = Literal[
    "timeout", "too_large", "http_status", "tls", "dns", "connection", "redirects", "scheme",
    "not_a_feed",
]  # fmt: skip
OFFLINE_KINDS = frozenset({"dns", "connection", "timeout", "tls"})
"""The failures that mean "no network now", not "this feed is broken"."""

_ALLOWED_SCHEMES = frozenset({"http", "https"})
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_RETRY_AFTER_CODES = frozenset({429, 503})
_MAX_AGE = re.compile(r"""(?:^|,)\s*max-age\s*=\s*"?(\d{1,12})"?\s*(?:,|$)""", re.IGNORECASE)
_MAX_AGE_CAP = 7 * 24 * 3600
_RETRY_AFTER_CAP = 7 * 24 * 3600.0
_MAX_MESSAGE = 200
_MAX_REASON = 60
_CONNECT_TIMEOUT = 10.0
_INFLATE_STEP = 256 * 1024


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


class FetchError(Exception):
    """Why a fetch failed, as one clean line a person can read in the status area."""

    kind: ErrorKind
    message: str
    status: int | None
    retry_after: float | None

    def __init__(
        self,
        kind: ErrorKind,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        line = clean_line(message) or kind.replace("_", " ")
        if len(line) > _MAX_MESSAGE:
            line = line[: _MAX_MESSAGE - 1].rstrip() + "…"
        super().__init__(line)
        self.kind = kind
        self.message = line
        self.status = status
        self.retry_after = retry_after

    def __repr__(self) -> str:
        return f"FetchError({self.kind!r}, {self.message!r}, status={self.status!r})"


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
            event_hooks={"response": [_refuse_bad_location]},
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
        current = _checked_url(url, redirect=False)  # before any request is made
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
                target = _redirect_target(current, hop.location)
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
                return await self._read(response)
            finally:
                await response.aclose()
        except FetchError:
            raise
        except httpx.InvalidURL as exc:
            raise FetchError("scheme", f"not a URL that can be fetched: {exc}") from None
        except httpx.UnsupportedProtocol:
            raise FetchError("scheme", "only http and https addresses can be fetched") from None
        except (httpx.TimeoutException, TimeoutError):
            raise FetchError("timeout", f"timed out after {self.total_deadline:g} s") from None
        except (httpx.HTTPError, OSError, zlib.error) as exc:
            raise _network_error(exc, url) from None

    async def _read(self, response: httpx.Response) -> _Redirect | _Final:
        status = response.status_code
        if status in _REDIRECT_CODES:
            location = clean_url(response.headers.get("location"))
            if not location:
                raise FetchError(
                    "http_status", f"HTTP {status} redirect without a Location", status=status
                )
            return _Redirect(status=status, location=location)
        if not (200 <= status < 300 or status == 304):
            retry_after = None
            if status in _RETRY_AFTER_CODES:
                retry_after = _parse_retry_after(response.headers.get("retry-after"))
            raise FetchError(
                "http_status",
                f"HTTP {status} {_reason(response)} for {clean_url(str(response.url))}",
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
            max_age=_parse_max_age(response.headers.get_list("cache-control")),
        )

    async def _read_body(self, response: httpx.Response) -> bytes:
        """Stream the raw body and decode it incrementally, stopping at max_bytes."""
        declared = response.headers.get("content-length", "").strip()
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise _too_large(self.max_bytes)
        decoder = _Decoder(_content_encoding(response.headers), self.max_bytes)
        raw_bytes = 0
        async for chunk in response.aiter_raw():
            raw_bytes += len(chunk)
            if raw_bytes > self.max_bytes:
                raise _too_large(self.max_bytes)
            decoder.feed(chunk)
            if decoder.finished:
                break
        return decoder.finish()


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


class _Decoder:
    """gzip/deflate undone a piece at a time, never producing more than the cap allows.

    `max_length` makes zlib stop at the cap instead of inflating a bomb into memory;
    what it has not consumed yet waits in `unconsumed_tail`.
    """

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self._encoding = encoding
        self._max = max_bytes
        self._size = 0
        self._parts: list[bytes] = []
        self._zlib: zlib._Decompress | None = None
        self._pending = b""  # deflate: the first bytes, until we can tell zlib from raw
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(wbits=47)  # gzip or zlib header, detected

    @property
    def finished(self) -> bool:
        return self._zlib is not None and self._zlib.eof

    def feed(self, chunk: bytes) -> None:
        if self._encoding == "identity":
            self._keep(chunk)
            return
        if self._zlib is None:  # deflate, wrapper not known yet
            self._pending += chunk
            if len(self._pending) < 2:
                return
            chunk, self._pending = self._pending, b""
            self._zlib = zlib.decompressobj(wbits=15 if _is_zlib_header(chunk) else -15)
        self._inflate(chunk)

    def finish(self) -> bytes:
        if self._pending:  # a deflate body of a single byte
            self._zlib = zlib.decompressobj(wbits=-15)
            pending, self._pending = self._pending, b""
            self._inflate(pending)
        # No flush(): its length is only a first buffer size, not a cap, and _inflate has
        # already drained zlib. A truncated stream keeps what arrived, for lenient parsers.
        return b"".join(self._parts)

    def _inflate(self, data: bytes) -> None:
        assert self._zlib is not None
        while not self._zlib.eof:
            # One past what is still allowed, so going over is seen; in modest steps,
            # because zlib briefly holds twice what it returns. Never 0 ("unlimited").
            step = min(self._max - self._size + 1, _INFLATE_STEP)
            piece = self._zlib.decompress(data, step)
            self._keep(piece)
            data = self._zlib.unconsumed_tail
            if not data and len(piece) < step:
                break  # input used up and no output left waiting inside zlib

    def _keep(self, piece: bytes) -> None:
        self._size += len(piece)
        if self._size > self._max:
            raise _too_large(self._max)
        if piece:
            self._parts.append(piece)


def _is_zlib_header(data: bytes) -> bool:
    """RFC 1950: CM is 8 (deflate) and the two header bytes are a multiple of 31."""
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _content_encoding(headers: httpx.Headers) -> str:
    codings = [
        c.strip().lower()
        for value in headers.get_list("content-encoding")
        for c in value.split(",")
        if c.strip() and c.strip().lower() != "identity"
    ]
    if not codings:
        return "identity"
    if len(codings) == 1 and codings[0] in ("gzip", "x-gzip", "deflate"):
        return codings[0]
    raise FetchError("connection", f"unsupported content encoding: {', '.join(codings)[:40]}")


async def _refuse_bad_location(response: httpx.Response) -> None:
    """Check a redirect's Location before httpx reads it: httpx fails on one it cannot
    parse (`http://[::1/x`) with a message about its own parser, not about the address."""
    location = clean_url(response.headers.get("location"))
    if response.status_code in _REDIRECT_CODES and location:
        _redirect_target(str(response.url), location)


def _redirect_target(current: str, location: str) -> str:
    """Where a redirect leads, checked like any address; "bad redirect address" when no
    URL parser can read it (a broken IPv6 literal, a port that is not a number)."""
    try:
        target = urljoin(current, location)
        _ = urlsplit(target).port, httpx.URL(target)
    except (ValueError, httpx.InvalidURL):
        raise FetchError("redirects", f"bad redirect address: {location}") from None
    return _checked_url(target, redirect=True)


def _checked_url(value: str, *, redirect: bool) -> str:
    """The URL cleaned, absolute and http/https, or a "scheme" FetchError before any request."""
    what = "a redirect to" if redirect else "to fetch"
    url = clean_url(value) if isinstance(value, str) else None
    if not url:
        raise FetchError("scheme", f"refused {what} an empty address")
    if url.startswith("-"):
        raise FetchError("scheme", f"refused {what} an address that starts with '-'")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError("scheme", f"refused {what} a malformed address") from None
    scheme = parts.scheme.lower()
    if scheme not in _ALLOWED_SCHEMES:
        shown = scheme[:20] if scheme else "relative"
        raise FetchError("scheme", f"refused {what} a {shown}: address (only http and https)")
    if not parts.hostname:
        raise FetchError("scheme", f"refused {what} an address without a host")
    return url


def _too_large(limit: int) -> FetchError:
    if limit >= 2**20 and limit % 2**20 == 0:
        size = f"{limit // 2**20} MB"
    elif limit >= 1024 and limit % 1024 == 0:
        size = f"{limit // 1024} KB"
    else:
        size = f"{limit} bytes"
    return FetchError("too_large", f"larger than {size}")


def _reason(response: httpx.Response) -> str:
    """The standard phrase when there is one; the server's own words are untrusted."""
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return clean_line(response.reason_phrase)[:_MAX_REASON]


def _parse_max_age(values: list[str]) -> int | None:
    for value in values:
        match = _MAX_AGE.search(clean_line(value))
        if match:
            return min(int(match.group(1)), _MAX_AGE_CAP)
    return None


def _parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; garbage is None."""
    text = clean_line(value)
    if not text:
        return None
    if text.isdigit():
        return min(float(int(text[:12])), _RETRY_AFTER_CAP)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), _RETRY_AFTER_CAP)


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it was raised from (httpx wraps httpcore wraps OSError)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 16:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _network_error(exc: BaseException, url: str) -> FetchError:
    host = urlsplit(url).hostname or url
    chain = _causes(exc)
    detail = clean_line(str(chain[-1]) or type(chain[-1]).__name__)
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return FetchError("tls", f"TLS error with {host}: {detail}")
    if any(isinstance(e, socket.gaierror) for e in chain):
        return FetchError("dns", f"could not find {host}: {detail}")
    if any(isinstance(e, zlib.error) for e in chain):
        return FetchError("connection", f"{host} sent a body that could not be decompressed")
    if isinstance(exc, httpx.ConnectError):
        return FetchError("connection", f"could not connect to {host}: {detail}")
    return FetchError("connection", f"connection to {host} failed: {detail}")
