"""A story's picture fetched politely: no cookies, no referrer, no trackers, a size cap.

The same bounded fetcher as feeds (total deadline, per-host limits, http/https only),
with its cookie jar refusing every cookie, so an image host cannot follow a reader
from story to story; nothing names the story the picture is in. Pixels that only count
readers are never asked for.
"""

from __future__ import annotations

from newsterm.core.images.decode import MAX_BYTES, ImageError
from newsterm.core.net.fetch import Fetcher
from newsterm.core.sources.html.images import is_tracker_url

__all__ = ["IMAGE_ACCEPT", "fetch_picture", "picture_fetcher"]

IMAGE_ACCEPT = "image/webp,image/png,image/jpeg,image/gif;q=0.9,image/*;q=0.5"
_PICTURES_AT_ONCE = 4  # a story's pictures, a few at a time, two from any one host
_PER_HOST = 2


def picture_fetcher(timeout: float) -> Fetcher:
    return Fetcher(
        total_deadline=timeout,
        max_bytes=MAX_BYTES,
        global_limit=_PICTURES_AT_ONCE,
        per_host_limit=_PER_HOST,
        cookies=False,
        refuse=_tracker,
    )


def _tracker(url: str) -> str | None:
    """A redirect to a host that only counts readers is not followed either."""
    return "a tracking pixel: not fetched" if is_tracker_url(url) else None


async def fetch_picture(fetcher: Fetcher, url: str) -> bytes:
    """The picture's bytes; FetchError when it cannot be fetched, ImageError when it must not
    be (each one line)."""
    if is_tracker_url(url):
        raise ImageError("a tracking pixel: not fetched")
    fetched = await fetcher.fetch(url, accept=IMAGE_ACCEPT)
    if not fetched.body:
        raise ImageError("the server sent no picture")
    return fetched.body
