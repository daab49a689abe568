"""`newsterm subs.opml`: the list's feeds read from the library when they are subscribed;
otherwise one line says how to subscribe, and nothing opens."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.benchkit import newsterm, write_config
from tests.support.faultserver import RSS, FaultServer, running_fault_server
from tests.support.screen import make_app, screen_text

RSS_TITLES = [t.decode() for t in re.findall(rb"<item><title>([^<]+)</title>", RSS)]


def write_opml(path: Path, *urls: str) -> Path:
    outlines = "".join(f'<outline text="Feed {n}" xmlUrl="{url}"/>' for n, url in enumerate(urls))
    path.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head>'
        f'<body><outline text="News">{outlines}</outline></body></opml>',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


def test_an_opml_of_feeds_not_subscribed_says_how_to_subscribe(
    isolated_home: Path, tmp_path: Path
) -> None:
    opml = write_opml(tmp_path / "subs.opml", "http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b")
    done = newsterm(isolated_home, str(opml))
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line == (
        f"newsterm: {opml}: none of its 2 feeds is subscribed: "
        f"subscribe with `newsterm import {opml}`"
    )


def test_an_opml_shows_the_stored_stories_of_its_subscribed_feeds(
    server: FaultServer, isolated_home: Path, tmp_path: Path
) -> None:
    feed = server.url("/feed")
    write_config(isolated_home, [{"url": feed, "section": "News"}])
    refreshed = newsterm(isolated_home, "refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    hits = server.total_requests
    opml = write_opml(tmp_path / "subs.opml", feed, "http://127.0.0.1:9/not-subscribed.xml")
    app = make_app(opml)

    async def read() -> str:
        async with app.run_test(size=(160, 40)) as pilot:
            await pilot.pause()
            return screen_text(app)

    shown = asyncio.run(read())
    for title in RSS_TITLES:
        assert title in shown
    assert f"All {len(RSS_TITLES)}" in shown
    assert "1 of its 2 feeds are not subscribed" in shown
    assert server.total_requests == hits  # read from the library, not fetched again
