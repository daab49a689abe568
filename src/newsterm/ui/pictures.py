"""The reader's pictures: decoded ones kept in memory, the rest from the cache or fetched.

A story's pictures load in the background when it opens: from the disk cache if they
were fetched before (so they show offline), else through the polite picture fetcher,
then decoded in a worker thread, one at a time (a decoded picture's memory is bounded,
not five of them at once). Each is drawn as soon as it is ready. The few most recently
shown stay decoded, so going back to a story shows its pictures at once; a picture
that cannot be shown is not asked for again, unless only the network failed.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from newsterm.core.images.bundled import bundled_picture
from newsterm.core.images.cache import ImageCache
from newsterm.core.images.decode import ImageError, Picture, decode_picture
from newsterm.picture_cells import DECODE_HEIGHT, DECODE_WIDTH, PictureSpot

if TYPE_CHECKING:
    from newsterm.core.net.fetch import Fetcher

__all__ = ["PictureShelf"]

_DECODED_KEPT = 48
# The network's failures worth trying again on the next open; a 404 or a file that is
# no picture is the same next time.
_PASSING_FAILURES = frozenset({"timeout", "dns", "connection", "tls"})


class PictureShelf:
    def __init__(self, cache: ImageCache | None, timeout: float) -> None:
        self.cache = cache
        self.timeout = timeout
        self._decoded: OrderedDict[str, Picture | str] = OrderedDict()
        self._loading: dict[str, asyncio.Future[Picture | str]] = {}
        self._decoding = asyncio.Semaphore(1)

    def spots(self, urls: list[str]) -> dict[str, PictureSpot]:
        """Each picture's place in the story: filled if it is known, else waiting (`load`)."""
        spots: dict[str, PictureSpot] = {}
        for url in urls:
            spot = spots[url] = PictureSpot(url)
            known = self._decoded.get(url)
            if known is not None:
                self._decoded.move_to_end(url)
                _fill(spot, known, keeps_room=False)
        return spots

    async def load(
        self,
        spots: dict[str, PictureSpot],
        *,
        kept_by: Callable[[], str | None],
        settled: Callable[[PictureSpot], None] = lambda spot: None,
    ) -> None:
        """Fill the waiting spots, each as soon as it is ready (`settled` is told).

        `kept_by` names the starred story the pictures are kept for, asked when they
        arrive (a story starred or unstarred meanwhile is kept, or not, as it is then).
        The network is opened only for pictures the cache does not hold.
        """
        waiting = {url: spot for url, spot in spots.items() if spot.waiting}

        async def one(url: str, data: bytes | None, fetcher: Fetcher | None) -> None:
            spot = waiting[url]
            outcome = await self._outcome(url, data, fetcher, kept_by)
            _fill(spot, outcome, keeps_room=True)  # the text below does not move now
            settled(spot)

        held = {url: await asyncio.to_thread(self._held, url) for url in waiting}
        await asyncio.gather(*(one(url, data, None) for url, data in held.items() if data))
        missing = [url for url, data in held.items() if data is None]
        if not missing:
            return
        from newsterm.core.images.fetch import picture_fetcher

        async with picture_fetcher(self.timeout) as fetcher:
            await asyncio.gather(*(one(url, None, fetcher) for url in missing))

    async def _outcome(
        self,
        url: str,
        data: bytes | None,
        fetcher: Fetcher | None,
        kept_by: Callable[[], str | None],
    ) -> Picture | str:
        """The picture, or why not: one load per address, however many stories ask."""
        if url in self._loading:
            return await self._loading[url]
        future: asyncio.Future[Picture | str] = asyncio.get_running_loop().create_future()
        self._loading[url] = future
        try:
            outcome, lasting = await self._bring(url, data, fetcher, kept_by)
        except BaseException:
            future.cancel()  # the story was left: whoever waits on it stops waiting too
            raise
        finally:
            del self._loading[url]
        if lasting:
            self._remember(url, outcome)
        future.set_result(outcome)
        return outcome

    async def _bring(
        self,
        url: str,
        data: bytes | None,
        fetcher: Fetcher | None,
        kept_by: Callable[[], str | None],
    ) -> tuple[Picture | str, bool]:
        """(outcome, whether it lasts): the bytes held, else fetched; fetched bytes are
        cached only once they decode."""
        from newsterm.core.images.fetch import fetch_picture
        from newsterm.core.net.fetch import FetchError

        fetched = data is None
        if data is None:
            if fetcher is None:
                return "picture not shown: it is not cached", False
            try:
                data = await fetch_picture(fetcher, url)
            except ImageError as error:
                return f"picture not shown: {error}", True
            except FetchError as error:
                lasting = error.kind not in _PASSING_FAILURES and (error.status or 0) < 500
                return f"picture not shown: {error}", lasting
        try:
            async with self._decoding:
                picture = await asyncio.to_thread(decode_picture, data, DECODE_WIDTH, DECODE_HEIGHT)
        except ImageError as error:
            return f"picture not shown: {error}", True
        if fetched and self.cache is not None:
            await asyncio.to_thread(self.cache.put, url, data, kept_by=kept_by())
        return picture, True

    def _held(self, url: str) -> bytes | None:
        """The picture's bytes without the network: shipped with the demo, or cached."""
        return bundled_picture(url) or (self.cache.get(url) if self.cache else None)

    def _remember(self, url: str, picture: Picture | str) -> None:
        self._decoded[url] = picture
        self._decoded.move_to_end(url)
        while len(self._decoded) > _DECODED_KEPT:
            self._decoded.popitem(last=False)


def _fill(spot: PictureSpot, known: Picture | str, *, keeps_room: bool) -> None:
    if isinstance(known, str):
        spot.fail(known, keeps_room=keeps_room)
    else:
        spot.show(known)
