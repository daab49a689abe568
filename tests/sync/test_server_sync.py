"""Two newsterm libraries (two NEWSTERM_HOMEs: two machines) on one account of a real
server, TT-RSS and Fever (coldsweat) in turn, on 127.0.0.1: marks made on one reach
the other through it.

What the server holds is counted by asking it directly (each server's `links`,
`unread_ids`, `starred_ids`), never through newsterm, and the feeds' stories by the
generator's own numbers (FEEDS × ITEMS).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsterm.core.library import Library
from tests.support.benchkit import (
    GENFEEDS,
    BenchServer,
    newsterm,
    read_config,
    refresh_json,
    write_config,
)
from tests.sync.coldsweat_server import FeverServer
from tests.sync.conftest import FEEDS, ITEMS
from tests.sync.ttrss_server import TtRssServer, disable_api

ALL = FEEDS * ITEMS
Server = FeverServer | TtRssServer
PASSWORDS = {"fever": "correct horse battery", "ttrss": "password"}


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch, server: Server) -> None:
    monkeypatch.setenv("NEWSTERM_PASSWORD", PASSWORDS[server.kind])


def machine(tmp_path: Path, name: str, server: Server) -> Path:
    home = tmp_path / name
    account = {"kind": server.kind, "url": server.url, "user": server.user}
    write_config(home, [], account=account)
    return home


def library_file(home: Path) -> Path:
    return home / "data" / "library.sqlite"


def marks(home: Path) -> dict[str, tuple[bool, bool]]:
    """Each story's (read, starred) by its link, read straight from the library file."""
    with sqlite3.connect(library_file(home)) as db:
        rows = db.execute("SELECT url, read, starred FROM articles").fetchall()
    return {url: (bool(read), bool(starred)) for url, read, starred in rows}


def change(home: Path, urls: list[str], mark: str) -> None:
    """Mark stories as a person does, through the library (read, or toggle the star)."""
    with sqlite3.connect(library_file(home)) as db:
        find = "SELECT id FROM articles WHERE url = ?"
        ids = [db.execute(find, (url,)).fetchone()[0] for url in urls]
    library = Library.open_file(library_file(home))
    try:
        for story_id in ids:
            library.mark_read(story_id) if mark == "read" else library.toggle_star(story_id)
    finally:
        library.close()


def synced(home: Path) -> dict[str, object]:
    status, report = refresh_json(home)
    assert status == 0, report
    sync = report["sync"]
    assert isinstance(sync, dict) and sync["error"] is None, sync
    return sync


def test_every_story_comes_in_its_folder(tmp_path: Path, server: Server) -> None:
    laptop = machine(tmp_path, "laptop", server)
    assert synced(laptop)["new"] == ALL
    assert set(marks(laptop)) == set(server.links().values())
    with sqlite3.connect(library_file(laptop)) as db:
        paths = [path for (path,) in db.execute("SELECT DISTINCT section_path FROM articles")]
    assert len(paths) == FEEDS  # each feed its own section, in its folder
    if server.kind == "ttrss":  # coldsweat makes its own groups of the OPML's outlines
        assert sorted(path.split("\x1f")[0] for path in paths) == ["Folder 0", "Folder 1"]
    assert synced(laptop)["new"] == 0  # asked again: nothing twice


def test_a_story_read_on_one_machine_is_read_on_the_other(tmp_path: Path, server: Server) -> None:
    laptop, desktop = machine(tmp_path, "laptop", server), machine(tmp_path, "desktop", server)
    synced(laptop), synced(desktop)
    links = server.links()
    first, second = sorted(links)[:2]
    change(laptop, [links[first], links[second]], "read")
    assert synced(laptop)["pushed"] == 2
    assert server.unread_ids() == set(links) - {first, second}
    assert synced(desktop)["changed_here"] == 2
    read_there = {url for url, (read, _) in marks(desktop).items() if read}
    assert read_there == {links[first], links[second]}


def test_a_star_made_offline_reaches_the_server_and_the_other_machine(
    tmp_path: Path, server: Server
) -> None:
    laptop, desktop = machine(tmp_path, "laptop", server), machine(tmp_path, "desktop", server)
    synced(laptop), synced(desktop)
    links = server.links()
    item = max(links)
    server.stop()  # the laptop goes offline
    change(laptop, [links[item]], "star")
    offline = newsterm(laptop, "refresh")
    assert offline.returncode == 1
    (line,) = offline.stderr.strip().splitlines()
    assert line.startswith("newsterm: sync:") and "127.0.0.1" in line
    assert marks(laptop)[links[item]] == (False, True)  # kept here, waiting
    server.start()
    assert synced(laptop)["pushed"] == 1
    assert server.starred_ids() == {item}
    synced(desktop)
    assert marks(desktop)[links[item]] == (False, True)


def test_a_starred_story_the_server_deletes_stays_starred_here(
    tmp_path: Path, server: Server
) -> None:
    laptop = machine(tmp_path, "laptop", server)
    synced(laptop)
    links = server.links()
    kept, dropped = sorted(links)[:2]
    server.star(kept, True)
    server.star(dropped, True)
    assert synced(laptop)["changed_here"] == 2
    server.delete_item(kept)  # the server forgot it
    server.star(dropped, False)  # unstarred on another client
    assert synced(laptop)["kept_starred"] == 1
    assert marks(laptop)[links[kept]] == (False, True)
    assert marks(laptop)[links[dropped]] == (False, False)


def test_a_wrong_password_is_one_line_and_the_library_still_opens(
    tmp_path: Path, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = machine(tmp_path, "laptop", server)
    synced(laptop)
    monkeypatch.setenv("NEWSTERM_PASSWORD", "not the password at all")
    done = newsterm(laptop, "refresh")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "newsterm: sync: the server refused the account: check the user and password"
    ]
    assert len(marks(laptop)) == ALL
    login = newsterm(laptop, "login", server.kind, server.url, server.user)
    assert login.returncode == 1 and "not logged in" in login.stderr


def test_login_checks_the_account_and_keeps_it_without_the_password(
    tmp_path: Path, server: Server
) -> None:
    home = tmp_path / "new-machine"
    done = newsterm(home, "login", server.kind, server.url, server.user)
    assert done.returncode == 0, done.stderr
    written = (home / "config" / "config.toml").read_text(encoding="utf-8")
    assert server.user in written and PASSWORDS[server.kind] not in written
    assert synced(home)["new"] == ALL


def test_an_address_that_is_no_api_is_one_line(tmp_path: Path, server: Server) -> None:
    home = tmp_path / "laptop"
    account = {"kind": server.kind, "url": server.url + "nothing-here/", "user": server.user}
    write_config(home, [], account=account)
    done = newsterm(home, "refresh")
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("newsterm: sync: ")


@pytest.mark.parametrize("server", ["ttrss"], indirect=True)  # Fever has no such switch
def test_an_account_whose_api_is_off_is_told_so(tmp_path: Path, server: Server) -> None:
    assert isinstance(server, TtRssServer)
    laptop = machine(tmp_path, "laptop", server)
    synced(laptop)
    disable_api(server)
    done = newsterm(laptop, "refresh")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "newsterm: sync: the API is off for this account: turn on 'Enable API' in its preferences"
    ]
    assert len(marks(laptop)) == ALL


def server_feeds(server: TtRssServer) -> set[str]:
    content = server.call("getFeeds", cat_id=-3)["content"]
    assert isinstance(content, list)
    return {str(feed["feed_url"]) for feed in content}


def another_feed(tmp_path: Path, server_root: Path) -> Path:
    """A feed of other stories (another seed), served beside the subscribed ones."""
    out = tmp_path / "other"
    subprocess.run(
        [sys.executable, str(GENFEEDS), str(out), "--feeds", "1", "--items", "3", "--seed", "8",
         "--html-bytes", "400"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    (source,) = (out / "feeds").glob("*.xml")
    target = server_root / "feeds" / "zz-other.xml"
    shutil.copy(source, target)
    return target


@pytest.mark.parametrize("server", ["ttrss"], indirect=True)
def test_a_feed_added_and_removed_on_the_server(
    tmp_path: Path, server: Server, feeds_server: BenchServer
) -> None:
    assert isinstance(server, TtRssServer)
    laptop = machine(tmp_path, "laptop", server)
    synced(laptop)
    url = feeds_server.feed_url(another_feed(tmp_path, feeds_server.root))
    added = newsterm(laptop, "add", url, "--on-server", "--section", "Folder 0")
    assert added.returncode == 0, added.stderr
    assert url in server_feeds(server)
    assert not read_config(laptop).get("feed")  # the server's, not config.toml's
    server.update()  # the server fetches it, as its own updater would
    assert synced(laptop)["new"] == 3
    removed = newsterm(laptop, "remove", url, "--on-server")
    assert removed.returncode == 0, removed.stderr
    assert url not in server_feeds(server)
    assert len(marks(laptop)) == ALL + 3  # its stories stay here
    again = newsterm(laptop, "remove", url, "--on-server")
    assert again.returncode == 1 and "has no subscription" in again.stderr


@pytest.mark.parametrize("server", ["fever"], indirect=True)
def test_fever_says_it_cannot_add_a_feed(tmp_path: Path, server: Server) -> None:
    laptop = machine(tmp_path, "laptop", server)
    done = newsterm(laptop, "add", "http://127.0.0.1:9/feed.xml", "--no-check", "--on-server")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "newsterm: not added: Fever has no call that adds or removes a feed: do it on the server"
    ]
