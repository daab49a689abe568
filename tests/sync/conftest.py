from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.benchkit import BenchServer, free_port, generate_feeds, start_server
from tests.sync import ttrss_server
from tests.sync.coldsweat_server import INSTALL, FeverServer, coldsweat_program
from tests.sync.ttrss_server import TtRssServer

FEEDS, ITEMS = 2, 4


@pytest.fixture
def feeds_server(tmp_path: Path) -> Iterator[BenchServer]:
    port = free_port()
    generate_feeds(tmp_path / "feeds", port=port, feeds=FEEDS, items=ITEMS)
    server = start_server(tmp_path / "feeds", port)
    yield server
    server.stop()


@pytest.fixture
def fever(tmp_path: Path, feeds_server: BenchServer) -> Iterator[FeverServer]:
    program = coldsweat_program()
    if program is None:
        pytest.skip(f"no Fever server here; install one with: {INSTALL}")
    root = tmp_path / "coldsweat"
    root.mkdir()
    server = FeverServer(program, root)
    server.set_up(tmp_path / "feeds" / "feeds.opml")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def ttrss(tmp_path: Path, feeds_server: BenchServer) -> Iterator[TtRssServer]:
    why = ttrss_server.missing()
    if why:
        pytest.skip(f"{why}; install TT-RSS with: {ttrss_server.INSTALL}")
    ttrss_server.start_postgres()
    server = TtRssServer(ttrss_server.web_root())
    try:
        server.set_up()
        server.start()
        for number, feed in enumerate(sorted((tmp_path / "feeds" / "feeds").glob("*.xml"))):
            server.subscribe(feeds_server.feed_url(feed), f"Folder {number}")
        server.update()
        yield server
    finally:
        server.drop()


@pytest.fixture(params=["ttrss", "fever"])
def server(request: pytest.FixtureRequest) -> FeverServer | TtRssServer:
    """Each real server in turn: the tests ask the same of both."""
    found: FeverServer | TtRssServer = request.getfixturevalue(request.param)
    return found
