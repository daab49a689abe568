"""Pictures kept on disk, by their address: a bounded pool, and the ones starred stories keep.

The pool holds at most `limit` bytes; reading a picture marks it used, and the least
recently used go first when a new one would not fit. A starred story's pictures are
moved to `kept/`, out of the pool's reach, with a mark naming the story; when the last
story keeping a picture is unstarred, it goes back to the pool. A cache is only a
cache: a full disk or a folder that cannot be written means a picture is not kept,
never an error for the reader.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Iterable
from pathlib import Path

__all__ = ["ImageCache"]

_PARTIAL = ".part"
_MARK = ".by-"


class ImageCache:
    def __init__(self, folder: Path, limit: int) -> None:
        self.pool = folder / "pool"
        self.kept = folder / "kept"
        self.limit = limit

    @staticmethod
    def _name(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:40]

    def get(self, url: str) -> bytes | None:
        """The picture's bytes if kept or pooled, marked as just used; None otherwise."""
        name = self._name(url)
        for path in (self.kept / name, self.pool / name):
            try:
                data = path.read_bytes()
            except OSError:
                continue
            if path.parent == self.pool:
                with contextlib.suppress(OSError):  # trimmed away by another newsterm
                    now = time.time()
                    os.utime(path, (now, now))
            return data
        return None

    def has(self, url: str) -> bool:
        """Whether the picture is kept or pooled (without reading it or marking it used)."""
        name = self._name(url)
        return (self.kept / name).is_file() or (self.pool / name).is_file()

    def put(self, url: str, data: bytes, *, kept_by: str | None = None) -> None:
        """Store the picture: in `kept/` for the starred story `kept_by`, else in the pool,
        which is then brought within its limit."""
        if kept_by is None and len(data) > self.limit:
            return
        folder = self.kept if kept_by else self.pool
        path = folder / self._name(url)
        partial = path.with_name(f"{path.name}.{os.getpid()}{_PARTIAL}")
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(data)
            os.replace(partial, path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink()
            return
        if kept_by:
            self._mark(path, kept_by)
        else:
            self._trim(keep=path)

    def keep(self, urls: Iterable[str], story_id: str) -> None:
        """The story is starred: its pictures leave the pool, marked as kept by it."""
        for url in urls:
            name = self._name(url)
            with contextlib.suppress(OSError):
                self.kept.mkdir(parents=True, exist_ok=True)
                if not (self.kept / name).exists():
                    os.replace(self.pool / name, self.kept / name)
                self._mark(self.kept / name, story_id)

    def release(self, urls: Iterable[str], story_id: str) -> None:
        """The story is unstarred: a picture no other starred story keeps goes back to the
        pool, to age out like any other."""
        for url in urls:
            path = self.kept / self._name(url)
            with contextlib.suppress(OSError):
                (path.parent / f"{path.name}{_MARK}{self._name(story_id)}").unlink()
            if self._marks(path):
                continue
            with contextlib.suppress(OSError):
                self.pool.mkdir(parents=True, exist_ok=True)
                os.replace(path, self.pool / path.name)
        self._trim()

    def _mark(self, path: Path, story_id: str) -> None:
        with contextlib.suppress(OSError):
            (path.parent / f"{path.name}{_MARK}{self._name(story_id)}").touch()

    def _marks(self, path: Path) -> list[Path]:
        try:
            return list(path.parent.glob(f"{path.name}{_MARK}*"))
        except OSError:
            return []

    def _trim(self, keep: Path | None = None) -> None:
        """Remove the least recently used pooled pictures until the pool fits its limit
        (another newsterm's pictures still being written are left alone)."""
        entries: list[tuple[float, int, Path]] = []
        try:
            for entry in os.scandir(self.pool):
                if entry.name.endswith(_PARTIAL):
                    continue
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
            with contextlib.suppress(OSError):
                path.unlink()
                total -= size
