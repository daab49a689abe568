"""Pictures served from 127.0.0.1, recording each request's headers (cookies, referrer).

Every response sets a cookie, so a test can check the fetcher never sends one back.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from PIL import Image


def png(colour: tuple[int, int, int], size: tuple[int, int] = (120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


@dataclass
class PictureServer:
    pictures: dict[str, bytes]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def serving_pictures(pictures: dict[str, bytes]) -> Iterator[PictureServer]:
    """Serve `pictures` by path until the block ends (other paths: 404)."""
    record = PictureServer(pictures)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            record.requests.append((self.path, dict(self.headers.items())))
            if self.path.startswith("/to/"):  # /to/HOST/PATH: a redirect to http://HOST/PATH
                self.send_response(302)
                self.send_header("Location", "http://" + self.path.removeprefix("/to/"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = record.pictures.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "image/png" if body else "text/plain")
            self.send_header("Set-Cookie", "tracker=yes; Path=/")
            payload = body if body is not None else b"not found"
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
