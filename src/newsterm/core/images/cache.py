"""Pictures kept on disk, by their address: a bounded pool, and the ones starred stories keep.

The pool holds at most `limit` bytes; reading a picture marks it used, and the least
recently used go first when a new one would not fit. A starred story's pictures are
moved to `kept/`, out of the pool's reach, until the story is unstarred: starring is
how a person says "keep this to read offline".
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ImageCache"]


class ImageCache:
    def __init__(self, folder: Path, limit: int) -> None:
        self.pool = folder / "pool"
        self.kept = folder / "kept"
        self.limit = limit

    @staticmethod
    def _name(url: str) -> str:
        return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:40]

    def get(self, url: str) -> bytes | None:
        """The picture's bytes if kept or pooled, marked as just used; None otherwise."""
        name = self._name(url)
        for path in (self.kept / name, self.pool / name):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if path.parent == self.pool:
                now = time.time()
                os.utime(path, (now, now))
            return data
        return None

    def put(self, url: str, data: bytes, *, kept: bool = False) -> None:
        """Store the picture (atomically): in `kept/` for a starred story, else in the pool,
        which is then brought within its limit."""
        folder = self.kept if kept else self.pool
        if not kept and len(data) > self.limit:
            return
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / self._name(url)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, path)
        if not kept:
            self._trim(keep=path)

    def keep(self, urls: Iterable[str]) -> None:
        """Starred: these pictures leave the pool and stay until `release`."""
        self.kept.mkdir(parents=True, exist_ok=True)
        for url in urls:
            name = self._name(url)
            try:
                os.replace(self.pool / name, self.kept / name)
            except OSError:
                continue  # not fetched yet: it is kept when it is

    def release(self, urls: Iterable[str]) -> None:
        """Unstarred: these pictures go back to the pool, to age out like any other."""
        for url in urls:
            name = self._name(url)
            try:
                self.pool.mkdir(parents=True, exist_ok=True)
                os.replace(self.kept / name, self.pool / name)
            except OSError:
                continue
        self._trim()

    def is_kept(self, url: str) -> bool:
        return (self.kept / self._name(url)).is_file()

    def _trim(self, keep: Path | None = None) -> None:
        """Remove the least recently used pooled pictures until the pool fits its limit."""
        entries: list[tuple[float, int, Path]] = []
        try:
            for entry in os.scandir(self.pool):
                info = entry.stat()
                entries.append((info.st_mtime, info.st_size, Path(entry.path)))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.limit:
                break
            if path == keep:
                continue
            try:
                path.unlink()
            except OSError:
                continue
            total -= size
