"""Opening a link: only one that passed the check, exactly as checked, never through a shell.

The link is cleaned and checked (http, https, mailto, no control characters), then
handed to the browser, or to the player config.toml names for an attachment's type
(`[open] "audio/*" = ["mpv", "{url}"]`), as one argument.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from fnmatch import fnmatchcase

from newsterm.config_check import URL_PLACE, Player
from newsterm.core.text.clean import clean_url
from newsterm.core.text.urls import refusal_to_open, scheme_of
from newsterm.link_targets import Target


@dataclass(frozen=True, slots=True)
class Opened:
    line: str
    """For the status line: what was opened, or why not."""
    to_copy: str | None = None
    """The link, whole, when no browser could show it: to copy by hand."""


def open_target(target: Target, players: tuple[Player, ...]) -> Opened:
    """An attachment in its player when config.toml names one for its type; else the browser."""
    player = player_for(target.type, players) if target.is_attachment else None
    if player is None:
        return open_link(target.url)
    safe, refusal = _checked(target.url)
    if refusal or scheme_of(safe) not in ("http", "https"):
        return Opened(refusal or f"refused to play a {scheme_of(safe)}: link")
    command = [part.replace(URL_PLACE, safe) for part in player.command]
    try:
        subprocess.Popen(  # noqa: S603 - a list, no shell: the link is one argument
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the reader's ctrl+c, nor writing on it
        )
    except OSError as error:
        return Opened(f"Could not start {command[0]}: {error.strerror or error}")
    return Opened(f"Playing {target.text} in {command[0]}")


def player_for(mime: str, players: tuple[Player, ...]) -> Player | None:
    """The most particular pattern that matches: `audio/mpeg` before `audio/*` before `*`."""
    mime = mime.lower()
    fitting = [p for p in players if fnmatchcase(mime, p.pattern) or p.pattern == "*"]
    return max(fitting, key=lambda p: len(p.pattern.replace("*", "")), default=None)


def _checked(url: str | None) -> tuple[str, str | None]:
    """The link exactly as it was checked (what is handed on, as one argument), and why it
    must not be opened, if it must not."""
    return clean_url(url) or "", refusal_to_open(url)  # no link at all is a refusal too


def open_link(url: str | None) -> Opened:
    safe, refusal = _checked(url)
    if refusal:
        return Opened(refusal)
    import webbrowser  # loaded on first use, not before the first paint

    if webbrowser.open(safe, new=2):
        return Opened(f"Opened {safe}")
    # Nothing could show it (no browser here, or it failed): the status line may cut
    # the link short, so it is also given whole, to copy.
    return Opened(f"No browser could be started; copy the link: {safe}", to_copy=safe)
