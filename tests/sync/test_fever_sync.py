"""Two newsterm libraries (two NEWSTERM_HOMEs: two machines) on one account of a real
Fever server (coldsweat on 127.0.0.1): marks made on one reach the other through it.

What the server holds is counted by asking it directly (`FeverServer.call`), not by
newsterm, and the feeds' items by the generator's own numbers (FEEDS × ITEMS).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsterm.core.library import Library
from tests.support.benchkit import newsterm, refresh_json, write_config
from tests.sync.coldsweat_server import PASSWORD, USER, FeverServer
from tests.sync.conftest import FEEDS, ITEMS

ALL = FEEDS * ITEMS


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTERM_PASSWORD", PASSWORD)


def machine(tmp_path: Path, name: str, fever: FeverServer) -> Path:
    home = tmp_path / name
    write_config(home, [], account={"kind": "fever", "url": fever.url, "user": USER})
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
        ids = [
            db.execute("SELECT id FROM articles WHERE url = ?", (u,)).fetchone()[0] for u in urls
        ]
    library = Library.open_file(library_file(home))
    try:
        for story_id in ids:
            library.mark_read(story_id) if mark == "read" else library.toggle_star(story_id)
    finally:
        library.close()


def item_links(fever: FeverServer) -> dict[int, str]:
    items = fever.call("items&since_id=0")["items"]
    assert isinstance(items, list)
    return {int(item["id"]): str(item["url"]) for item in items}


def synced(home: Path) -> dict[str, object]:
    status, report = refresh_json(home)
    assert status == 0, report
    sync = report["sync"]
    assert isinstance(sync, dict) and sync["error"] is None, sync
    return sync


def test_a_story_read_on_one_machine_is_read_on_the_other(
    tmp_path: Path, fever: FeverServer
) -> None:
    laptop, desktop = machine(tmp_path, "laptop", fever), machine(tmp_path, "desktop", fever)
    assert synced(laptop)["new"] == ALL
    assert synced(desktop)["new"] == ALL
    links = item_links(fever)
    first, second = sorted(links)[:2]
    change(laptop, [links[first], links[second]], "read")
    assert synced(laptop)["pushed"] == 2
    assert fever.ids("unread_item_ids") == set(links) - {first, second}
    assert synced(desktop)["changed_here"] == 2
    read_there = {url for url, (read, _) in marks(desktop).items() if read}
    assert read_there == {links[first], links[second]}


def test_a_star_made_offline_reaches_the_server_and_the_other_machine(
    tmp_path: Path, fever: FeverServer
) -> None:
    laptop, desktop = machine(tmp_path, "laptop", fever), machine(tmp_path, "desktop", fever)
    synced(laptop), synced(desktop)
    links = item_links(fever)
    item = max(links)
    fever.stop()  # the laptop goes offline
    change(laptop, [links[item]], "star")
    offline = newsterm(laptop, "refresh")
    assert offline.returncode == 1
    (line,) = offline.stderr.strip().splitlines()
    assert line.startswith("newsterm: sync:") and "127.0.0.1" in line
    assert marks(laptop)[links[item]] == (False, True)  # kept here, waiting
    fever.start()
    assert synced(laptop)["pushed"] == 1
    assert fever.ids("saved_item_ids") == {item}
    synced(desktop)
    assert marks(desktop)[links[item]] == (False, True)


def test_a_starred_story_the_server_deletes_stays_starred_here(
    tmp_path: Path, fever: FeverServer
) -> None:
    laptop = machine(tmp_path, "laptop", fever)
    synced(laptop)
    links = item_links(fever)
    kept, dropped = sorted(links)[:2]
    fever.call("", mark="item", **{"as": "saved"}, id=str(kept))
    fever.call("", mark="item", **{"as": "saved"}, id=str(dropped))
    assert synced(laptop)["changed_here"] == 2
    fever.delete_item(kept)  # the server forgot it
    fever.call("", mark="item", **{"as": "unsaved"}, id=str(dropped))  # unstarred elsewhere
    sync = synced(laptop)
    assert sync["kept_starred"] == 1
    assert marks(laptop)[links[kept]] == (False, True)
    assert marks(laptop)[links[dropped]] == (False, False)


def test_a_wrong_password_is_one_line_and_the_library_still_opens(
    tmp_path: Path, fever: FeverServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop = machine(tmp_path, "laptop", fever)
    synced(laptop)
    monkeypatch.setenv("NEWSTERM_PASSWORD", "not the password at all")
    done = newsterm(laptop, "refresh")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "newsterm: sync: the server refused the account: check the user and password"
    ]
    assert len(marks(laptop)) == ALL
    login = newsterm(laptop, "login", "fever", fever.url, USER)
    assert login.returncode == 1 and "not logged in" in login.stderr


def test_login_checks_the_account_and_keeps_it_without_the_password(
    tmp_path: Path, fever: FeverServer
) -> None:
    home = tmp_path / "new-machine"
    done = newsterm(home, "login", "fever", fever.url, USER)
    assert done.returncode == 0, done.stderr
    written = (home / "config" / "config.toml").read_text(encoding="utf-8")
    assert USER in written and PASSWORD not in written
    assert synced(home)["new"] == ALL


def test_a_fever_address_that_is_no_fever_api_is_one_line(
    tmp_path: Path, fever: FeverServer
) -> None:
    home = tmp_path / "laptop"
    write_config(
        home, [], account={"kind": "fever", "url": fever.url + "nothing-here/", "user": USER}
    )
    done = newsterm(home, "refresh")
    assert done.returncode == 1
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("newsterm: sync: ")
