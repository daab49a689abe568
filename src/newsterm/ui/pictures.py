"""The reader's pictures: decoded ones kept in memory, the rest from the cache or fetched.

A story's pictures load in the background when it opens: from the disk cache if they
were fetched before (so they show offline), else through the polite picture fetcher,
then decoded in a worker thread. The few most recently shown stay decoded, so going
back to a story shows its pictures at once.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Iterable
from typing import Literal

from rich.console import RenderableType

from newsterm.core.images.bundled import bundled_picture
from newsterm.core.images.cache import ImageCache
from newsterm.core.images.decode import ImageError, Picture, decode_picture
from newsterm.core.model import Article, Figure
from newsterm.picture_cells import DECODE_HEIGHT, DECODE_WIDTH, PictureCells, PicturePlace

__all__ = ["ImagesSetting", "PictureShelf", "picture_urls"]

ImagesSetting = Literal["on", "off", "starred-only"]
_DECODED_KEPT = 48
LOADING = "loading the picture…"


def picture_urls(article: Article) -> list[str]:
    """The addresses of the story's pictures, in order, each once."""
    urls = [b.image for b in article.blocks if isinstance(b, Figure) and b.image]
    return list(dict.fromkeys(urls))


class PictureShelf:
    def __init__(self, cache: ImageCache | None, timeout: float) -> None:
        self.cache = cache
        self.timeout = timeout
        self._decoded: OrderedDict[str, Picture | str] = OrderedDict()

    def shown(self, urls: Iterable[str]) -> tuple[dict[str, RenderableType], list[str]]:
        """What each picture shows now (itself, or why not, or its place while it loads),
        and which of them still have to be loaded."""
        shown: dict[str, RenderableType] = {}
        missing: list[str] = []
        for url in urls:
            known = self._decoded.get(url)
            if known is None:
                shown[url] = PicturePlace(LOADING, keeps_room=True)
                missing.append(url)
            else:
                self._decoded.move_to_end(url)
                shown[url] = _drawn(known)
        return shown, missing

    async def load(self, urls: list[str], *, kept: bool) -> None:
        """Bring these pictures in (cache, else network), decoded or with their reason."""
        from newsterm.core.images.fetch import fetch_picture, picture_fetcher
        from newsterm.core.net.fetch import FetchError

        async with picture_fetcher(self.timeout) as fetcher:

            async def one(url: str) -> None:
                try:
                    data = bundled_picture(url) or (self.cache.get(url) if self.cache else None)
                    if data is None:
                        data = await fetch_picture(fetcher, url)
                        if self.cache:
                            await asyncio.to_thread(self.cache.put, url, data, kept=kept)
                    picture: Picture | str = await asyncio.to_thread(
                        decode_picture, data, DECODE_WIDTH, DECODE_HEIGHT
                    )
                except (ImageError, FetchError) as error:
                    picture = f"picture not shown: {error}"
                self._remember(url, picture)

            await asyncio.gather(*(one(url) for url in urls))

    def _remember(self, url: str, picture: Picture | str) -> None:
        self._decoded[url] = picture
        self._decoded.move_to_end(url)
        while len(self._decoded) > _DECODED_KEPT:
            self._decoded.popitem(last=False)


def _drawn(known: Picture | str) -> RenderableType:
    if isinstance(known, str):
        return PicturePlace(known, keeps_room=False)
    return PictureCells(known)
