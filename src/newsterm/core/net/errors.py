"""Why a fetch failed, as one clean line, and which failures mean "offline"."""

from __future__ import annotations

import socket
import ssl
import zlib
from typing import Literal
from urllib.parse import urlsplit

import httpx

from newsterm.core.text.clean import clean_line

ErrorKind = Literal[
    "timeout", "too_large", "http_status", "tls", "dns", "connection", "redirects", "scheme",
    "not_a_feed", "refused",
]  # fmt: skip

OFFLINE_KINDS = frozenset({"dns", "connection", "timeout", "tls"})
"""The failures that mean "no network now", not "this feed is broken"."""

_MAX_MESSAGE = 200


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

    @property
    def offline(self) -> bool:
        """No network now (not "this feed is broken"): the library reads as last refreshed."""
        return self.kind in OFFLINE_KINDS

    def __repr__(self) -> str:
        return f"FetchError({self.kind!r}, {self.message!r}, status={self.status!r})"


def too_large(limit: int) -> FetchError:
    if limit >= 2**20 and limit % 2**20 == 0:
        size = f"{limit // 2**20} MB"
    elif limit >= 1024 and limit % 1024 == 0:
        size = f"{limit // 1024} KB"
    else:
        size = f"{limit} bytes"
    return FetchError("too_large", f"larger than {size}")


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and everything it was raised from (httpx wraps httpcore wraps OSError)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain and len(chain) < 16:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def network_error(exc: BaseException, url: str) -> FetchError:
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
