"""The reader's links and attachments: one numbered list (`l1`…), distinct from the
related stories (`[1]`…, followed with `1`…`9`); `l` then a number or words opens one
in the browser, an attachment in the player config.toml names for its type, and `y`
copies one. The browser and the player are real programs that record what they were
given, so the tests see the exact arguments a person's programs would get."""

from __future__ import annotations

import json
import stat
import sys
import time
import webbrowser
from pathlib import Path

import pytest
from textual.pilot import Pilot

from newsterm.ui.screens.link_picker import LinkPicker
from tests.support.screen import main_screen, make_app, screen_text

SIZE = (120, 40)
PAGE = "https://harbour.example/2026/ferry-plan"
LINKS = [(f"Council paper {n}", f"https://harbour.example/papers/{n}") for n in range(1, 12)]
EPISODE = "https://cast.example/ep%2012.mp3?x=1&y=$(touch%20pwned)"
BODY = "".join(
    f'&lt;p&gt;See &lt;a href="{url}"&gt;{text}&lt;/a&gt;.&lt;/p&gt;' for text, url in LINKS
)
FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel>
<title>Harbour Cast</title><link>https://harbour.example/</link>
<item><title>Ferry plan approved</title><link>{PAGE}</link><guid>ep12</guid>
<description>{BODY}</description>
<enclosure url="{EPISODE.replace("&", "&amp;")}" type="audio/mpeg" length="54919661"/>
<itunes:duration>01:54:09</itunes:duration></item>
</channel></rss>
"""
ATTACHMENT_NUMBER = len(LINKS) + 1  # links first, then attachments, in one numbering


def recorder(folder: Path, name: str) -> tuple[Path, Path]:
    """A program that writes the arguments it was started with, one JSON list a line."""
    log = folder / f"{name}.log"
    program = folder / name
    program.write_text(
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(log)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')\n",
        encoding="utf-8",
    )
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return program, log


def recorded(log: Path, wait: float = 10.0) -> list[list[str]]:
    """What the program was given (it runs on its own: wait for it to have written)."""
    deadline = time.monotonic() + wait
    while not log.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    program, log = recorder(tmp_path, "browser")
    monkeypatch.setenv("BROWSER", str(program))
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    # webbrowser reads the environment once per process, at its first use: read it anew.
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    return log


@pytest.fixture
def podcast(tmp_path: Path) -> Path:
    path = tmp_path / "cast.xml"
    path.write_text(FEED, encoding="utf-8")
    return path


async def pick(pilot: Pilot[None], key: str, typed: str) -> None:
    await pilot.pause()
    assert main_screen(pilot.app).current is not None  # the story is open
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(pilot.app.screen, LinkPicker)
    await pilot.press(*typed)
    await pilot.pause()


async def test_the_reader_numbers_links_and_attachments_apart_from_related(
    podcast: Path,
) -> None:
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pilot.pause()
        main_screen(pilot.app).query_one("ArticleView").scroll_end(animate=False)
        await pilot.pause()
        shown = screen_text(pilot.app)
    assert "l3 Council paper 3" in shown
    assert "[3]" not in shown  # `[3]` is how a related story is numbered, followed by `3`
    assert f"l{ATTACHMENT_NUMBER} ep 12.mp3  audio/mpeg · 54.9 MB · 1:54:09" in shown


async def test_l_and_a_number_opens_that_link_in_the_browser(podcast: Path, browser: Path) -> None:
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pick(pilot, "l", "3")  # nothing else begins with 3: opened at once
        assert not isinstance(pilot.app.screen, LinkPicker)
        assert recorded(browser) == [[LINKS[2][1]]]
        await pick(pilot, "l", "1")  # 1, 10, 11 and 12 begin so: enter takes the 1
        assert isinstance(pilot.app.screen, LinkPicker)
        await pilot.press("enter")
        await pilot.pause()
    assert recorded(browser) == [[LINKS[2][1]], [LINKS[0][1]]]


async def test_l_and_words_open_the_link_they_match(podcast: Path, browser: Path) -> None:
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pick(pilot, "l", "papers/11")
        await pilot.press("enter")
        await pilot.pause()
    assert recorded(browser) == [[LINKS[10][1]]]


async def test_an_attachment_plays_in_the_configured_player_as_one_argument(
    podcast: Path, isolated_home: Path, tmp_path: Path
) -> None:
    player, log = recorder(tmp_path, "player")
    config = isolated_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    command = json.dumps([str(player), "--no-video", "{url}"])  # a JSON list is TOML too
    config.write_text(f'[open]\n"audio/*" = {command}\n"*" = ["/bin/false", "{{url}}"]\n')
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pick(pilot, "l", str(ATTACHMENT_NUMBER))
        assert recorded(log) == [["--no-video", EPISODE]]  # the whole link, one argument
        assert "Playing ep 12.mp3 in" in screen_text(pilot.app)
    assert not (tmp_path / "pwned").exists() and not Path("pwned").exists()  # no shell ran


async def test_a_player_that_is_not_installed_is_named(podcast: Path, isolated_home: Path) -> None:
    config = isolated_home / "config" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[open]\n"audio/mpeg" = ["no-such-player-here", "{url}"]\n')
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pick(pilot, "l", str(ATTACHMENT_NUMBER))
        assert "Could not start no-such-player-here" in screen_text(pilot.app)


async def test_y_copies_a_link_and_0_is_the_story_s_own_page(
    podcast: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("VTE_VERSION", "TERM_PROGRAM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pick(pilot, "y", "0")
        assert pilot.app.clipboard == PAGE
        assert f"Copied {PAGE}" in screen_text(pilot.app)
        await pick(pilot, "y", "5")
        assert pilot.app.clipboard == LINKS[4][1]


async def test_y_in_a_terminal_that_refuses_copies_says_so_and_shows_the_link(
    podcast: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VTE_VERSION", "7600")  # GNOME Terminal ignores OSC 52
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pick(pilot, "y", "4")
        shown = screen_text(pilot.app)
    assert "does not take copies from programs" in shown
    assert "Copied" not in shown
    assert LINKS[3][1] in shown  # in the notice, whole, to copy by hand


async def test_escape_closes_the_picker_and_opens_nothing(podcast: Path, browser: Path) -> None:
    async with make_app(podcast).run_test(size=SIZE) as pilot:
        await pick(pilot, "l", "")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, LinkPicker)
    assert recorded(browser, wait=0.2) == []
