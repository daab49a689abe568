"""A misbehaving HTTP server on 127.0.0.1, so the fetcher is tested against real sockets.

Each route is one way a publisher's server can go wrong (or right). The server records
what it saw (requests per path, conditional requests, most requests in flight at once)
so tests can check the fetcher's behaviour from the other end of the wire. It stops at
fixture teardown, and a hard timer stops it anyway, so nothing outlives the tests.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import select
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Iterator
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Fault server</title><link>http://example.org/</link>
<description>Test feed</description>
<item><title>First story</title><link>http://example.org/1</link></item>
<item><title>Second story</title><link>http://example.org/2</link></item>
</channel></rss>
"""
ETAG = '"v1-abc"'
LAST_MODIFIED = "Tue, 03 Mar 2026 10:00:00 GMT"
BOMB_SIZE = 2**30  # what /bomb expands to
OVERSIZE = 17 * 2**20  # what /oversize sends: just over the fetcher's 16 MB default cap
HARD_STOP_SECONDS = 60.0
_WATCH_SECONDS = 30.0  # the longest any single slow route keeps a thread busy


@functools.cache
def big_text() -> bytes:
    """About 3 MB of repetitive text: many inflate steps, several output blocks."""
    return b"".join(b"<item><title>Story %d</title></item>\n" % n for n in range(80_000))


def _encode(data: bytes, encoding: str) -> bytes:
    if encoding == "gzip":
        return gzip.compress(data)
    if encoding == "deflate":
        return zlib.compress(data)
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)  # raw deflate, no zlib wrapper
    return compressor.compress(data) + compressor.flush()


@functools.cache
def bomb_body() -> bytes:
    """A valid gzip stream of 1 GiB of zeros (about 1 MB), never holding the zeros at once.

    Each 1 MiB of zeros is compressed with a full flush, which resets the compressor, so
    every block compresses to the same bytes: compress one, repeat it, and write the
    gzip header and trailer (CRC-32 and length of the whole 1 GiB) by hand.
    """
    chunk = bytes(2**20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == again, "full-flush blocks should repeat exactly"
    count = BOMB_SIZE // len(chunk)
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, BOMB_SIZE & 0xFFFFFFFF)
    return header + block * count + compressor.flush() + trailer


class FaultServer(ThreadingHTTPServer):
    """The server plus what it recorded; `url(path)` gives an address on it."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        self.conditional_hits: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.accept_encodings: list[str] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.gate = threading.Event()  # /gated answers once a test sets this

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def total_requests(self) -> int:
        with self.lock:
            return sum(self.hits.values())

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients hanging up mid-response is the point of most routes; stay quiet."""


@contextlib.contextmanager
def running_fault_server() -> Iterator[FaultServer]:
    """Serve on a daemon thread until the block ends (or the hard timer fires)."""
    server = FaultServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    timer = threading.Timer(HARD_STOP_SECONDS, _stop, args=(server,))
    timer.daemon = True
    timer.start()
    try:
        yield server
    finally:
        timer.cancel()
        _stop(server)
        thread.join(timeout=5)


def _stop(server: FaultServer) -> None:
    if not server.stopping.is_set():
        server.stopping.set()
        server.shutdown()
        server.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = _WATCH_SECONDS  # a blocked write or an idle keep-alive ends eventually
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean."""

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)
        state = self.server
        conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
        with state.lock:
            state.hits[path] += 1
            if conditional:
                state.conditional_hits[path] += 1
            state.user_agents.append(self.headers.get("User-Agent", ""))
            state.accept_encodings.append(self.headers.get("Accept-Encoding", ""))
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            self._route(path, query)
        except OSError:  # the client hung up or stopped reading: often the point
            self.close_connection = True
        finally:
            with state.lock:
                state.in_flight -= 1

    def _route(self, path: str, query: dict[str, list[str]]) -> None:
        if path == "/feed":
            self._feed()
        elif path == "/gzip-feed":
            self._send(200, gzip.compress(RSS), {"Content-Encoding": "gzip"})
        elif path == "/deflate-feed":
            variant = "raw" if query.get("variant") == ["raw"] else "deflate"
            self._send(200, _encode(RSS, variant), {"Content-Encoding": "deflate"})
        elif path == "/big":
            variant = query.get("variant", ["gzip"])[0]
            header = "deflate" if variant == "raw" else variant
            self._send(200, _encode(big_text(), variant), {"Content-Encoding": header})
        elif path == "/bomb":
            self._send(200, bomb_body(), {"Content-Encoding": "gzip"})
        elif path == "/drip":
            self._drip()
        elif path == "/hang":
            self._wait_for_client_to_leave()
        elif path == "/reset":
            self._reset()
        elif path == "/endless":
            self._endless()
        elif path == "/oversize":
            self._oversize()
        elif path == "/gated":
            while not (self.server.gate.wait(0.05) or self.server.stopping.is_set()):
                pass
            self._send(200, RSS)
        elif path.startswith("/redirect/"):
            self._redirect_chain(path)
        elif path == "/loop":
            self._send(302, b"", {"Location": "/loop"})
        elif path == "/to-file":
            self._send(302, b"", {"Location": "file:///etc/passwd"})
        elif path == "/redirect-to":  # a redirect to whatever ?location= says, bytes as given
            self._send(302, b"", {"Location": query.get("location", [""])[0]})
        elif path.startswith("/status/"):
            self._status(int(path.rsplit("/", 1)[1]))
        elif path == "/html-with-feeds":
            self._send(200, self._html_page(), {"Content-Type": "text/html; charset=utf-8"})
        elif path == "/bigheader":
            self._send(200, RSS, {"Cache-Control": "public, max-age=600"})
        elif path == "/cache-control":
            self._send(200, RSS, {"Cache-Control": query.get("value", [""])[0]})
        elif path == "/evil-headers":
            self._evil_headers()
        elif path == "/wrong-type":  # a good feed served as an image
            self._send(200, RSS, {"Content-Type": "image/png"})
        elif path == "/not-a-feed":  # plain text where a feed was promised
            self._send(200, b"Hello, this is not a feed at all.\n", {"Content-Type": "text/xml"})
        elif path == "/slow":
            self.server.stopping.wait(float(query.get("delay", ["0.3"])[0]))
            self._send(200, RSS)
        else:
            self._send(404, b"not here\n", {"Content-Type": "text/plain"})

    def _send(
        self,
        code: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        *,
        length: int | None = None,
    ) -> None:
        self.send_response(code)
        merged = {"Content-Type": "application/rss+xml; charset=utf-8", **(headers or {})}
        for name, value in merged.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def _feed(self) -> None:
        validators = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
        if (
            self.headers.get("If-None-Match") == ETAG
            or self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self._send(304, b"", validators, length=0)
        else:
            self._send(200, RSS, validators)

    def _redirect_chain(self, path: str) -> None:
        remaining = int(path.rsplit("/", 1)[1])
        # The last hop's Location is absolute, the others relative.
        target = self.server.url("/feed") if remaining <= 1 else f"/redirect/{remaining - 1}"
        self._send(302, b"", {"Location": target})

    def _status(self, code: int) -> None:
        headers = {"Content-Type": "text/plain"}
        if code == 429:
            headers["Retry-After"] = "7"
        elif code == 503:
            headers["Retry-After"] = formatdate(time.time() + 120, usegmt=True)
        self._send(code, f"status {code}\n".encode(), headers)

    def _html_page(self) -> bytes:
        absolute = self.server.url("/atom.xml")
        return f"""<!doctype html>
<html><head><title>A news site</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed">
<link rel="Alternate Feed" type="Application/Atom+XML" href="{absolute}">
<link rel="alternate" type="application/rss+xml" href="/feed">
<link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><p>Hello</p></body></html>
""".encode()

    def _evil_headers(self) -> None:
        """Header values with C1 control bytes (legal obs-text on the wire) in them."""
        self.wfile.write(
            b"HTTP/1.1 200 OK\r\n"
            b'ETag: "a\x9b31mb"\r\n'
            b"Last-Modified: Tue, 03 Mar 2026\x9b2J 10:00:00 GMT\r\n"
            b"Content-Type: application/rss+xml\x85; charset=utf-8\r\n"
            b"Content-Length: " + str(len(RSS)).encode() + b"\r\n\r\n" + RSS
        )
        self.wfile.flush()

    def _drip(self) -> None:
        """Headers at once, then one byte a second until the client goes away."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        deadline = time.monotonic() + _WATCH_SECONDS
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            self.wfile.write(b"<")
            self.wfile.flush()
            if self._client_left(1.0):
                return

    def _wait_for_client_to_leave(self) -> None:
        """Read the request and never answer."""
        self.close_connection = True
        deadline = time.monotonic() + _WATCH_SECONDS
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            if self._client_left(0.2):
                return

    def _client_left(self, wait: float) -> bool:
        readable, _, _ = select.select([self.connection], [], [], wait)
        if not readable:
            return False
        try:
            return not self.connection.recv(1, socket.MSG_PEEK)
        except OSError:
            return True

    def _reset(self) -> None:
        """Promise 1000 bytes, send 500, then reset the connection."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.write(RSS[:250] + b" " * 250)
        self.wfile.flush()
        time.sleep(0.05)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()
        self.wfile.close()
        self.connection.close()

    def _endless(self) -> None:
        """A chunked body that never ends (until the client leaves or time runs out)."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        piece = b"<item>" + b"x" * 65530
        chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        deadline = time.monotonic() + _WATCH_SECONDS
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            self.wfile.write(chunk)
            self.wfile.flush()

    def _oversize(self) -> None:
        """A plain (uncompressed) feed-like body of OVERSIZE bytes with no Content-Length."""
        self.close_connection = True
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        piece = b"<item><title>x</title></item>\n" * 2048
        sent = 0
        while sent < OVERSIZE and not self.server.stopping.is_set():
            self.wfile.write(piece)
            sent += len(piece)
        self.wfile.flush()
