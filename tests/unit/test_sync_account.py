"""The `[account]` a refresh syncs with, its password, and what a Fever server's answer
may hold: each problem is one line, and a password is never taken from config.toml."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newsterm.config import Config, Paths
from newsterm.core.sync.account import Account
from newsterm.core.sync.fever import _ids, _item
from newsterm.core.sync.remote import SyncError


def loaded(tmp_path: Path, text: str) -> Config:
    paths = Paths(tmp_path / "config", tmp_path / "data", tmp_path / "cache")
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text(text, encoding="utf-8")
    return Config.load(paths)


def test_a_whole_account_is_read(tmp_path: Path) -> None:
    config = loaded(
        tmp_path,
        '[account]\nkind = "fever"\nurl = "https://rss.example/fever/"\nuser = "ana"\n'
        'password_command = ["pass", "show", "rss"]\n',
    )
    assert config.account == Account(
        "fever", "https://rss.example/fever/", "ana", ("pass", "show", "rss")
    )
    assert config.warnings == ()


@pytest.mark.parametrize(
    ("table", "said"),
    [
        ('kind = "fever"\nurl = "https://r.example/"\nuser = "a"\npassword = "x"',
         "a password is not kept"),
        ('kind = "newsblur"\nurl = "https://r.example/"\nuser = "a"',
         "not one of fever, ttrss, greader, miniflux"),
        ('kind = "fever"\nurl = "ftp://r.example/"\nuser = "a"', "not an http(s) address"),
        ('kind = "fever"\nurl = "https://r.example/"', "no user"),
    ],
)  # fmt: skip
def test_an_account_that_cannot_be_used_is_one_line_and_no_sync(
    tmp_path: Path, table: str, said: str
) -> None:
    config = loaded(tmp_path, f"[account]\n{table}\n")
    assert config.account is None
    (line,) = config.warnings
    assert said in line and "account" in line


def test_the_password_comes_from_the_command_then_the_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printing = (sys.executable, "-c", "print('s3cret'); print('notes: not the password')")
    assert Account("fever", "https://r.example/", "a", printing).password() == "s3cret"
    monkeypatch.setenv("RSS_SECRET", "from the environment")
    assert Account("fever", "https://r.example/", "a", password_env="RSS_SECRET").password() == (
        "from the environment"
    )


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (("no-such-program-here",), "is not installed"),
        ((sys.executable, "-c", "raise SystemExit(3)"), "gave no password (exit 3)"),
    ],
)
def test_a_password_that_cannot_be_had_is_one_line(command: tuple[str, ...], said: str) -> None:
    with pytest.raises(SyncError, match=said.replace("(", r"\(").replace(")", r"\)")):
        Account("fever", "https://r.example/", "a", command).password()


def test_no_password_anywhere_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSTERM_PASSWORD", raising=False)
    with pytest.raises(SyncError, match="set NEWSTERM_PASSWORD"):
        Account("fever", "https://r.example/", "a").password()


def test_a_servers_items_are_taken_only_as_the_types_they_must_be() -> None:
    hostile = {"id": "12; DROP", "feed_id": 1, "title": "x"}
    assert _item(hostile) is None
    item = _item(
        {"id": 7, "feed_id": "2", "title": ["not", "text"], "url": "javascript:alert(1)",
         "html": 5, "author": "A\x1b[31mB", "created_on_time": True, "is_read": "1"}
    )  # fmt: skip
    assert item is not None
    assert (item.id, item.feed_id, item.title, item.url, item.html) == ("7", "2", "", None, "")
    assert "\x1b" not in item.author and item.published is None and item.read
    assert _ids("1, 2,x,,-3,99999999999999999999") == {"1", "2"}


def test_an_address_holding_a_password_is_refused_without_showing_it(tmp_path: Path) -> None:
    config = loaded(
        tmp_path,
        '[account]\nkind = "fever"\nurl = "https://ana:hunter22@r.example/fever/"\nuser = "ana"\n',
    )
    assert config.account is None
    (line,) = config.warnings
    assert "holds a user or password" in line and "hunter22" not in line


def test_one_server_written_two_ways_is_one_account() -> None:
    one = Account("fever", "HTTPS://R.example/fever/", "ana")
    assert one.key == Account("fever", "https://r.example/fever", "ana").key
    assert one.key != Account("fever", "https://r.example/other/", "ana").key
