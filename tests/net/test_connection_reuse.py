"""Every response is read to its end, so its connection is reused: a refresh of many feeds
from one host opens about as many connections as it runs requests at once, not one per
feed. Counted by the loopback server itself (its `connections` counter)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from newsterm.core.net.fetch import Fetcher, FetchResult
from tests.support.benchkit import BenchServer, free_port, generate_feeds, start_server

FEEDS = 24
PER_HOST = 6  # the fetcher's default: as many as a browser opens to one host
COUNTER = 1  # the request that reads the server's counters opens one too


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BenchServer, list[str]]]:
    out = tmp_path_factory.mktemp("reuse") / "site"
    port = free_port()
    files = generate_feeds(out, port=port, feeds=FEEDS, items=5)
    server = start_server(out, port)
    try:
        yield server, [server.feed_url(f) for f in files]
    finally:
        server.stop()


async def _fetch_all(urls: list[str], before: list[FetchResult] | None = None) -> list[FetchResult]:
    async with Fetcher(per_host_limit=PER_HOST) as fetcher:
        if before is None:
            return await asyncio.gather(*(fetcher.fetch(url) for url in urls))
        return await asyncio.gather(
            *(
                fetcher.fetch(url, etag=old.etag, last_modified=old.last_modified)
                for url, old in zip(urls, before, strict=True)
            )
        )


async def test_gzip_and_not_modified_responses_give_their_connections_back(
    served: tuple[BenchServer, list[str]],
) -> None:
    server, urls = served
    server.reset()
    cold = await _fetch_all(urls)
    counted = server.reset()
    assert {r.status for r in cold} == {200} and counted["gzip_responses"] == FEEDS
    assert counted["connections"] <= PER_HOST + COUNTER, counted  # not one a feed (it was 25)
    warm = await _fetch_all(urls, cold)
    counted = server.reset()
    assert {r.status for r in warm} == {304}
    assert counted["connections"] <= PER_HOST + COUNTER, counted
