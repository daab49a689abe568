"""Links and commands from strangers: only http/https/mailto open, as one argument, no shell.

refusal_to_open is checked for every bad scheme spelling; then the reader itself is run
under Pilot with hostile story links and `webbrowser.open` recorded (the one fake in
this suite: no browser exists here) to prove refused links never reach it and a good
one reaches it as exactly one argument. OPML and config.toml with shell syntax in them
run nothing, through import, list, export and a refresh attempt.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import uuid
import webbrowser
from pathlib import Path
from urllib.parse import urljoin

import pytest
from rich.text import Text
from textual.widgets import Static

from newsterm.config import Config
from newsterm.core.library import Library
from newsterm.core.model import Article, Document, Paragraph, SourceInfo
from newsterm.core.text.urls import absolute_url, refusal_to_open
from newsterm.ui.app import NewstermApp
from newsterm.ui.screens.main import MainScreen

REFUSED: list[tuple[str, str]] = [
    ("javascript:alert(document.cookie)", "javascript"),
    ("JaVaScRiPt:alert(1)", "javascript"),
    ("  \t\njavascript:alert(1)", "javascript"),
    ("\x00\x1b[31mjavascript:alert(1)", "javascript"),
    ("java\tscript:alert(1)", "javascript"),
    ("java\u200bscript:alert(1)", "javascript"),
    ("\u202ejavascript:alert(1)", "javascript"),
    ("vbscript:msgbox(1)", "vbscript"),
    ("file:///etc/passwd", "file"),
    ("FILE:///etc/shadow", "file"),
    (urljoin("file:///home/reader/feeds/feed.xml", "../../../etc/passwd"), "file"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "data"),
    ("DATA:text/html,<script>alert(1)</script>", "data"),
    ("ftp://example.org/x", "ftp"),
    ("smb://attacker.example/share", "smb"),
    ("ssh://attacker.example", "ssh"),
    ("about:blank", "about"),
    ("x-man-page://ls", "x-man-page"),
]
DASHED = ["-foo", "--new-window=http://evil.example", " \t-x", "\x1b[0m--kiosk"]
RELATIVE = ["/etc/passwd", "../../etc/passwd", "relative/path", "%2e%2e/etc"]
OPENABLE = [
    "http://example.org/a",
    "HTTPS://EXAMPLE.ORG/B",
    "  https://example.org/c  ",
    "mailto:news@example.org",
    "http://example.org/$(touch /tmp/pwned);`id`&x=|ls",
]


@pytest.mark.parametrize(("url", "scheme"), REFUSED)
def test_bad_schemes_are_refused_with_one_line_naming_them(url: str, scheme: str) -> None:
    reason = refusal_to_open(url)
    assert reason is not None
    assert "\n" not in reason and f"{scheme}:" in reason


@pytest.mark.parametrize("url", DASHED)
def test_links_starting_with_a_dash_are_refused(url: str) -> None:
    reason = refusal_to_open(url)
    assert reason is not None and "'-'" in reason


@pytest.mark.parametrize("url", [*RELATIVE, "", "   ", "\x1b[0m", None])
def test_relative_and_empty_links_are_refused(url: str | None) -> None:
    assert refusal_to_open(url) is not None


@pytest.mark.parametrize("url", OPENABLE)
def test_http_https_and_mailto_may_open(url: str) -> None:
    assert refusal_to_open(url) is None


def test_feed_links_never_become_bad_scheme_urls() -> None:
    """Parsers keep only absolute http/https links, whatever base a feed claims."""
    for url, _ in REFUSED:
        assert absolute_url(url, "https://example.org/feed") is None
    assert absolute_url("../../etc/passwd", "file:///home/reader/feed.xml") is None
    assert absolute_url("/x", "javascript:alert(1)//") is None


def _library(urls: list[str]) -> tuple[Library, list[str]]:
    articles = [
        Article(
            title=f"Story {n}",
            url=url,
            guid=f"story-{n}",
            blocks=[Paragraph("A body paragraph of ordinary words.")],
        )
        for n, url in enumerate(urls)
    ]
    library = Library.from_documents([Document(SourceInfo("text"), articles)])
    return library, [a.id for a in articles]


def _status(screen: MainScreen) -> str:
    content = screen.query_one("#status", Static).render()
    return str(content.plain if isinstance(content, Text) else content)


async def test_reader_opens_only_safe_links_as_one_argument(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[tuple[object, ...], dict[str, object]]] = []

    def record(*args: object, **kwargs: object) -> bool:
        calls.append((args, kwargs))
        return True

    monkeypatch.setattr(webbrowser, "open", record)
    # Popen/system would mean a shell or a second program: make either fail the test.
    monkeypatch.setattr(os, "system", lambda *a: pytest.fail(f"os.system{a}"))
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: pytest.fail(f"Popen{a}"))
    refused = [url for url, _ in REFUSED] + DASHED + RELATIVE
    # Shell syntax in a good link is just characters of one argument (no shell runs it).
    good = "http://example.org/story?q=$(touch%20/tmp/pwned)&x=`id`;|ls"
    library, ids = _library([*refused, good])
    app = NewstermApp(library, Config.load())
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        for story_id, url in zip(ids[:-1], refused, strict=True):
            screen.open_story(story_id)
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            status = _status(screen)
            assert status.startswith("refused") or "no link" in status, (url, status)
            assert "\n" not in status
        assert calls == []
        screen.open_story(ids[-1])
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
    assert calls == [((good,), {"new": 2})]


async def test_reader_opens_the_cleaned_url_it_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(webbrowser, "open", lambda *a, **k: calls.append(a) or True)
    library, ids = _library(["\u202e\x1b[8mhttp://example.org/\x9b31mok"])
    app = NewstermApp(library, Config.load())
    async with app.run_test(size=(160, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.open_story(ids[0])
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
    assert calls == [("http://example.org/ok",)]


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _newsterm(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSTERM_HOME": str(home), "TZ": "UTC"}
    return subprocess.run(
        [sys.executable, "-m", "newsterm", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_shell_syntax_in_opml_and_config_runs_nothing(tmp_path: Path, isolated_home: Path) -> None:
    marker = Path(f"/tmp/pwned-{uuid.uuid4().hex}")
    port = _closed_port()
    shell = [
        f"$(touch {marker})",
        f"`touch {marker}-b`",
        f"; touch {marker}-c #",
        f"| touch {marker}-d",
        f"&& touch {marker}-e",
    ]
    outlines = "\n".join(
        f'<outline text="{s.replace("&", "&amp;")}" title="t{n}" '
        f'xmlUrl="http://127.0.0.1:{port}/{n}/{s.replace("&", "&amp;")}"/>'
        for n, s in enumerate(shell)
    )
    opml = tmp_path / "list.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><head><title>$(touch {marker}-f)</title>'
        f'</head><body><outline text="$(touch {marker}-g)">{outlines}</outline></body></opml>',
        encoding="utf-8",
    )
    imported = _newsterm("import", str(opml), home=isolated_home)
    assert imported.returncode == 0, imported.stderr
    config_file = isolated_home / "config" / "config.toml"
    with config_file.open("a", encoding="utf-8") as handle:
        handle.write(
            f'\n[[feed]]\nurl = "http://127.0.0.1:{port}/cfg/$(touch {marker}-h)"\n'
            f'section = "$(touch {marker}-i)/`touch {marker}-j`"\n'
        )
    listed = _newsterm("list", home=isolated_home)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("\n") == len(shell) + 1
    assert f"$(touch{marker})" in listed.stdout  # a plain (bad) URL, whitespace dropped
    exported = _newsterm("export", home=isolated_home)
    assert exported.returncode == 0 and "$(touch" in exported.stdout
    refreshed = _newsterm("refresh", "--force", home=isolated_home)
    lines = [line for line in refreshed.stdout.splitlines() + refreshed.stderr.splitlines()]
    assert any("127.0.0.1" in line or "connect" in line for line in lines), lines
    leftovers = sorted(str(p) for p in Path("/tmp").glob(f"{marker.name}*"))
    assert leftovers == []
