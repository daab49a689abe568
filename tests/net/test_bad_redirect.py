"""A redirect to an address no URL parser can read is one line that says so.

`http://[::1/x` (an IPv6 literal never closed), a port that is not a number or out of
range, a host that is neither a name nor an address: a publisher's server sends these,
and the person should read "bad redirect address", not a parser's complaint about an
integer, and `add` must not subscribe to it as if the network were down.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from newsterm.core.net.fetch import Fetcher, FetchError
from tests.support.benchkit import newsterm, read_config
from tests.support.faultserver import FaultServer, running_fault_server

BAD_LOCATIONS = [
    "http://[::1/x",
    "http://[::1]:abc/feed",
    "http://example.org:99999/",
    "http://[zz]/",
]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


def redirecting(server: FaultServer, location: str) -> str:
    return server.url(f"/redirect-to?location={quote(location, safe='')}")


@pytest.mark.parametrize("location", BAD_LOCATIONS)
async def test_fetch_names_a_bad_redirect_address(server: FaultServer, location: str) -> None:
    async with Fetcher(total_deadline=10) as fetcher:
        with pytest.raises(FetchError) as failed:
            await fetcher.fetch(redirecting(server, location))
    assert failed.value.message == f"bad redirect address: {location}"
    assert failed.value.kind == "redirects"  # a broken server, not "offline"


def test_add_refuses_a_feed_that_redirects_to_a_bad_address(
    server: FaultServer, isolated_home: Path
) -> None:
    url = redirecting(server, BAD_LOCATIONS[0])
    done = newsterm(isolated_home, "add", url)
    assert done.returncode != 0, done.stdout
    assert done.stderr.splitlines() == [f"newsterm: bad redirect address: {BAD_LOCATIONS[0]}"]
    assert read_config(isolated_home).get("feed") is None  # not subscribed "as given"
