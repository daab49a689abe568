"""The picture cache on disk: bounded, least recently used out first, starred kept apart."""

from __future__ import annotations

import os
from pathlib import Path

from newsterm.core.images.cache import ImageCache

KB = 1024


def _age(cache: ImageCache, url: str, seconds_ago: float) -> None:
    path = cache.pool / cache._name(url)
    when = path.stat().st_mtime - seconds_ago
    os.utime(path, (when, when))


def test_the_least_recently_used_go_first_when_the_pool_is_full(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, limit=30 * KB)
    for n, ago in ((1, 300), (2, 200), (3, 100)):
        cache.put(f"https://cdn.example/{n}.jpg", bytes(10 * KB))
        _age(cache, f"https://cdn.example/{n}.jpg", ago)
    assert cache.get("https://cdn.example/1.jpg") is not None  # used: now the newest
    cache.put("https://cdn.example/4.jpg", bytes(10 * KB))
    assert cache.get("https://cdn.example/2.jpg") is None  # the least recently used went
    for n in (1, 3, 4):
        assert cache.get(f"https://cdn.example/{n}.jpg") == bytes(10 * KB)
    assert sum(p.stat().st_size for p in cache.pool.iterdir()) <= 30 * KB


def test_a_starred_storys_pictures_are_kept_until_it_is_unstarred(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, limit=20 * KB)
    starred = "https://cdn.example/starred.jpg"
    cache.put(starred, b"s" * (10 * KB))
    cache.keep([starred], "story-a")
    cache.keep([starred], "story-b")  # a second starred story shows the same picture
    for n in range(5):  # the pool fills and empties many times over
        cache.put(f"https://cdn.example/{n}.jpg", bytes(10 * KB))
    assert cache.get(starred) == b"s" * (10 * KB)
    cache.release([starred], "story-a")
    for n in range(5, 8):
        cache.put(f"https://cdn.example/{n}.jpg", bytes(10 * KB))
    assert cache.get(starred) is not None, "story-b still keeps it"
    cache.release([starred], "story-b")
    for n in range(8, 11):
        cache.put(f"https://cdn.example/{n}.jpg", bytes(10 * KB))
    assert cache.get(starred) is None


def test_has_says_whether_a_picture_is_on_disk_without_using_it(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, limit=30 * KB)
    cache.put("https://cdn.example/a.jpg", bytes(KB))
    _age(cache, "https://cdn.example/a.jpg", 500)
    used = (cache.pool / cache._name("https://cdn.example/a.jpg")).stat().st_mtime
    assert cache.has("https://cdn.example/a.jpg") and not cache.has("https://cdn.example/b.jpg")
    assert (cache.pool / cache._name("https://cdn.example/a.jpg")).stat().st_mtime == used


def test_a_picture_larger_than_the_pool_is_not_kept(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path, limit=10 * KB)
    cache.put("https://cdn.example/big.jpg", bytes(11 * KB))
    assert cache.get("https://cdn.example/big.jpg") is None
    cache.put("https://cdn.example/big.jpg", bytes(11 * KB), kept_by="story")  # starred
    assert cache.get("https://cdn.example/big.jpg") is not None


def test_a_cache_that_cannot_be_written_keeps_nothing_and_says_nothing(tmp_path: Path) -> None:
    (tmp_path / "pool").write_text("a file where the folder should be")
    cache = ImageCache(tmp_path, limit=10 * KB)
    cache.put("https://cdn.example/a.jpg", bytes(KB))
    cache.keep(["https://cdn.example/a.jpg"], "story")
    cache.release(["https://cdn.example/a.jpg"], "story")
    assert cache.get("https://cdn.example/a.jpg") is None
