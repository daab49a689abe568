"""`newsterm cat URL` and `newsterm URL`: fetched over real HTTP on 127.0.0.1 by the refresh's
fetcher (its User-Agent, gzip, redirects, the config's deadline), offline in one line."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.benchkit import free_port, newsterm, write_config
from tests.support.faultserver import RSS, FaultServer, running_fault_server
from tests.support.screen import make_app, screen_text

RSS_TITLES = re.findall(rb"<item><title>([^<]+)</title>", RSS)


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


def test_cat_of_an_address_prints_the_feed_it_serves(
    server: FaultServer, isolated_home: Path
) -> None:
    done = newsterm(isolated_home, "cat", server.url("/redirect/2"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [a["title"].encode() for a in data["articles"]] == RSS_TITLES
    assert data["source"]["url"] == server.url("/feed")  # where the redirects led
    assert server.hits["/feed"] == 1
    assert all(agent.startswith("newsterm/") for agent in server.user_agents)


def test_cat_of_a_gzip_address_prints_its_stories(server: FaultServer, isolated_home: Path) -> None:
    done = newsterm(isolated_home, "cat", server.url("/gzip-feed"), "--width", "60")
    assert done.returncode == 0, done.stderr
    for title in RSS_TITLES:
        assert title.decode() in done.stdout


def test_cat_of_an_address_keeps_the_configured_deadline(
    server: FaultServer, isolated_home: Path
) -> None:
    write_config(isolated_home, [], fetch_timeout_seconds=1)
    started = time.monotonic()
    done = newsterm(isolated_home, "cat", server.url("/hang"))
    assert time.monotonic() - started < 15
    assert done.returncode == 1
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"newsterm: {server.url('/hang')}: ") and "timed out after 1 s" in line


def test_cat_of_an_address_offline_is_one_line(isolated_home: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/feed.rss"
    done = newsterm(isolated_home, "cat", url)
    assert done.returncode == 1
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"newsterm: {url}: offline")
    assert "No such file" not in line


def test_the_reader_offline_on_an_address_says_so_in_one_line(isolated_home: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/feed.rss"
    done = newsterm(isolated_home, url)
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith(f"newsterm: {url}: offline") and "Traceback" not in done.stderr


def test_the_reader_opens_an_address(server: FaultServer) -> None:
    app = make_app(server.url("/feed"))  # `newsterm URL` fetches before the reader starts

    async def read() -> str:
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            return screen_text(app)

    shown = asyncio.run(read())
    for title in RSS_TITLES:
        assert title.decode() in shown
    assert f"{len(RSS_TITLES)} stories from feed" in shown
