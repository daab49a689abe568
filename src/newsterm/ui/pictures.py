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

from newsterm.core.images.bundled import bundled_picture
from newsterm.core.images.cache import ImageCache
from newsterm.core.images.decode import ImageError, Picture, decode_picture
from newsterm.core.model import Article, Figure
from newsterm.picture_cells import DECODE_HEIGHT, DECODE_WIDTH, PictureSpot

__all__ = ["ImagesSetting", "PictureShelf", "picture_urls"]

ImagesSetting = Literal["on", "off", "starred-only"]
_DECODED_KEPT = 48


def picture_urls(article: Article) -> list[str]:
    """The addresses of the story's pictures, in order, each once."""
    urls = [b.image for b in article.blocks if isinstance(b, Figure) and b.image]
    return list(dict.fromkeys(urls))


class PictureShelf:
    def __init__(self, cache: ImageCache | None, timeout: float) -> None:
        self.cache = cache
        self.timeout = timeout
        self._decoded: OrderedDict[str, Picture | str] = OrderedDict()

    def spots(self, urls: Iterable[str]) -> dict[str, PictureSpot]:
        """Each picture's place in the story: filled if it is known, else waiting (`load`)."""
        spots: dict[str, PictureSpot] = {}
        for url in urls:
            spot = spots[url] = PictureSpot()
            known = self._decoded.get(url)
            if known is not None:
                self._decoded.move_to_end(url)
                _fill(spot, known)
        return spots

    async def load(self, spots: dict[str, PictureSpot], *, kept: bool) -> None:
        """Fill the waiting spots: from the cache, else the network; decoded, or why not.

        The network is opened only for pictures the cache does not hold (a client and its
        TLS set-up cost more than decoding five cached pictures).
        """
        waiting = {url: spot for url, spot in spots.items() if spot.picture is None}
        held = {url: self._held(url) for url in waiting}
        await asyncio.gather(
            *(self._decode(url, waiting[url], data) for url, data in held.items() if data)
        )
        missing = [url for url, data in held.items() if data is None]
        if not missing:
            return
        from newsterm.core.images.fetch import fetch_picture, picture_fetcher
        from newsterm.core.net.fetch import FetchError

        async with picture_fetcher(self.timeout) as fetcher:

            async def fetched(url: str) -> None:
                try:
                    data = await fetch_picture(fetcher, url)
                except (ImageError, FetchError) as error:
                    self._settle(url, waiting[url], f"picture not shown: {error}")
                    return
                if self.cache:
                    await asyncio.to_thread(self.cache.put, url, data, kept=kept)
                await self._decode(url, waiting[url], data)

            await asyncio.gather(*(fetched(url) for url in missing))

    def _held(self, url: str) -> bytes | None:
        """The picture's bytes without the network: shipped with the demo, or cached."""
        return bundled_picture(url) or (self.cache.get(url) if self.cache else None)

    async def _decode(self, url: str, spot: PictureSpot, data: bytes) -> None:
        try:
            picture: Picture | str = await asyncio.to_thread(
                decode_picture, data, DECODE_WIDTH, DECODE_HEIGHT
            )
        except ImageError as error:
            picture = f"picture not shown: {error}"
        self._settle(url, spot, picture)

    def _settle(self, url: str, spot: PictureSpot, picture: Picture | str) -> None:
        self._remember(url, picture)
        _fill(spot, picture)

    def _remember(self, url: str, picture: Picture | str) -> None:
        self._decoded[url] = picture
        self._decoded.move_to_end(url)
        while len(self._decoded) > _DECODED_KEPT:
            self._decoded.popitem(last=False)


def _fill(spot: PictureSpot, known: Picture | str) -> None:
    if isinstance(known, str):
        spot.fail(known)
    else:
        spot.show(known)
