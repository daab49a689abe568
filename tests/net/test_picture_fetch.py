"""Pictures fetched from 127.0.0.1 through the polite fetcher: size cap, trackers, cookies."""

from __future__ import annotations

import pytest

from newsterm.core.images.decode import ImageError
from newsterm.core.images.fetch import fetch_picture, picture_fetcher
from newsterm.core.net.fetch import FetchError
from tests.support.picture_server import png, serving_pictures


async def test_a_picture_arrives_and_no_cookie_goes_back() -> None:
    picture = png((10, 20, 30))
    with serving_pictures({"/a.png": picture, "/b.png": picture}) as server:
        async with picture_fetcher(10) as fetcher:
            assert await fetch_picture(fetcher, server.url("/a.png")) == picture
            assert await fetch_picture(fetcher, server.url("/b.png")) == picture
    [(_, first), (_, second)] = server.requests
    assert "image/" in first["Accept"]
    assert not {"cookie", "referer"} & {key.lower() for key in second}


async def test_a_50_mb_picture_is_refused_while_it_streams() -> None:
    with serving_pictures({"/huge.png": b"\x89PNG\r\n\x1a\n" + bytes(50 * 2**20)}) as server:
        async with picture_fetcher(10) as fetcher:
            with pytest.raises(FetchError, match="larger than"):
                await fetch_picture(fetcher, server.url("/huge.png"))


async def test_a_tracking_pixel_is_never_asked_for() -> None:
    async with picture_fetcher(10) as fetcher:
        with pytest.raises(ImageError, match="tracking pixel"):
            await fetch_picture(fetcher, "https://pixel.wp.com/g.gif?blog=1")


async def test_a_redirect_to_a_tracker_is_not_followed() -> None:
    with serving_pictures({}) as server:
        async with picture_fetcher(10) as fetcher:
            with pytest.raises(FetchError, match="tracking pixel"):
                await fetch_picture(fetcher, server.url("/to/pixel.wp.com/g.gif"))
    assert [path for path, _ in server.requests] == ["/to/pixel.wp.com/g.gif"]
