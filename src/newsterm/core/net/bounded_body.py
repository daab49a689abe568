"""A response body decoded as it streams in, never past the size cap (no gzip bombs)."""

from __future__ import annotations

import zlib

import httpx

from newsterm.core.net.errors import FetchError, too_large

_INFLATE_STEP = 256 * 1024


class BodyDecoder:
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
            raise too_large(self._max)
        if piece:
            self._parts.append(piece)


def _is_zlib_header(data: bytes) -> bool:
    """RFC 1950: CM is 8 (deflate) and the two header bytes are a multiple of 31."""
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def content_encoding(headers: httpx.Headers) -> str:
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
