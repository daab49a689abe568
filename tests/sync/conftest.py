from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.benchkit import BenchServer, free_port, generate_feeds, start_server
from tests.sync.coldsweat_server import INSTALL, FeverServer, coldsweat_program

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
