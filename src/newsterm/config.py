"""Where newsterm keeps things, and the settings a person chose (read once, passed in).

`NEWSTERM_HOME=DIR` puts config, data and cache all under DIR: that is how
tests and benchmarks isolate themselves. Nothing is created at import time.

config.toml:

    theme = "nord"
    refresh_minutes = 60        # automatic refresh in the app (0: never)
    keep_read_days = 60         # read, unstarred stories older than this are pruned
    fetch_timeout_seconds = 20  # the most one feed's fetch may take, redirects included
    library_wait_seconds = 30   # how long a write waits while another newsterm writes
    headline_lines = 2          # a headline on two lines: its title, then source · age
    images = "on"               # pictures in the reader: "on", "off" or "starred-only"
    image_cache_mb = 200        # pictures kept for offline reading (starred ones besides)
    sources = ["~/news"]        # local files/folders opened with the library
    [keymap]
    back = "backspace,h"
    [open]                      # attachments, by MIME type; others open in the browser
    "audio/*" = ["mpv", "--no-video", "{url}"]
    [[rule]]                    # after every refresh, on its new stories: read, star, hide
    match = "title:sponsored"
    action = "read"
    [[view]]
    name = "Science this week"
    query = "unread section:Science newer:7d"
    [[feed]]
    url = "https://example.org/feed.xml"
    section = "News/Local"      # nested sections with "/"
    refresh_minutes = 15        # per-feed overrides
    limit = 100
    full_text = true            # fetch the article page for summary-only items
    images = false              # read this feed without its pictures
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsterm.config_check import IMAGES_CHOICES, SETTINGS, Checker, Player, SavedView
from newsterm.config_check import ConfigError as ConfigError  # raised here; callers import it here
from newsterm.core.model import Subscription
from newsterm.core.text.clean import clean_line

if TYPE_CHECKING:
    from newsterm.core.library.rules import Rule
    from newsterm.core.sync.account import Account

APP_NAME = "newsterm"
DEFAULT_REFRESH_MINUTES = 60
DEFAULT_KEEP_READ_DAYS = 60
DEFAULT_FETCH_TIMEOUT = 20
DEFAULT_LIBRARY_WAIT = 30  # as core.library.transaction.WRITE_WAIT (not imported: it loads SQLite)
DEFAULT_IMAGE_CACHE_MB = 200


@dataclass(frozen=True, slots=True)
class Paths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def ui_state_file(self) -> Path:
        return self.data_dir / "ui-state.json"

    @property
    def library_file(self) -> Path:
        return self.data_dir / "library.sqlite"

    @classmethod
    def discover(cls) -> Paths:
        home = os.environ.get("NEWSTERM_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(root / "config", root / "data", root / "cache")
        import platformdirs  # imported where used: every import delays the first paint

        return cls(
            platformdirs.user_config_path(APP_NAME),
            platformdirs.user_data_path(APP_NAME),
            platformdirs.user_cache_path(APP_NAME),
        )


@dataclass(frozen=True, slots=True)
class Config:
    """Settings from config.toml; every field has a default so a missing file is fine."""

    paths: Paths
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    sources: tuple[Path, ...] = ()
    feeds: tuple[Subscription, ...] = ()
    refresh_minutes: int = DEFAULT_REFRESH_MINUTES
    keep_read_days: int = DEFAULT_KEEP_READ_DAYS
    fetch_timeout: int = DEFAULT_FETCH_TIMEOUT  # seconds, config.toml `fetch_timeout_seconds`
    library_wait: int = DEFAULT_LIBRARY_WAIT  # seconds, config.toml `library_wait_seconds`
    headline_lines: int = 1
    """1: title, source and age on one line; 2: the title, then source · age under it."""
    images: str = "on"
    """Pictures in the reader: "on", "off" or "starred-only" (`i` switches for a session)."""
    image_cache_mb: int = DEFAULT_IMAGE_CACHE_MB
    """The most the cache of fetched pictures holds; starred stories' pictures are apart."""
    players: tuple[Player, ...] = ()
    """`[open]`: which program plays an attachment of which type."""
    views: tuple[SavedView, ...] = ()
    """`[[view]]`: views a person defined, listed after All, Unread, Today and Starred."""
    rules: tuple[Rule, ...] = ()
    account: Account | None = None
    """`[account]`: the aggregator server refreshes sync with (core/sync)."""
    """`[[rule]]`: what to do with the new stories a query picks, after every refresh."""
    unreadable: str | None = None
    """Why config.toml could not be read; then nothing may write it (it would be lost)."""
    warnings: tuple[str, ...] = ()
    """One line for each setting that is misspelt or of the wrong type, and so not used."""

    @property
    def errors(self) -> tuple[str, ...]:
        """Every line to show a person about config.toml, the unreadable file first."""
        return (self.unreadable, *self.warnings) if self.unreadable else self.warnings

    @classmethod
    def load(cls, paths: Paths | None = None) -> Config:
        paths = paths or Paths.discover()
        try:
            data = _read_toml(paths.config_file)
        except ConfigError as error:
            # The defaults, and one line; commands refuse to go on, the reader opens read-only.
            return cls(paths=paths, unreadable=str(error))
        check = Checker(str(paths.config_file))
        check.unknown(data, SETTINGS)
        theme = check.text(data, "theme")
        refresh = check.whole(
            data, "refresh_minutes", least=0, instead=f"using {DEFAULT_REFRESH_MINUTES}"
        )
        keep = check.whole(
            data, "keep_read_days", least=1, instead=f"using {DEFAULT_KEEP_READ_DAYS}"
        )
        timeout = check.whole(
            data, "fetch_timeout_seconds", least=1, instead=f"using {DEFAULT_FETCH_TIMEOUT}"
        )
        wait = check.whole(
            data, "library_wait_seconds", least=0, instead=f"using {DEFAULT_LIBRARY_WAIT}"
        )
        lines = check.whole(data, "headline_lines", least=1, instead="using 1")
        if lines is not None and lines > 2:
            check.warn(f"headline_lines = {lines} is not 1 or 2; using 1")
            lines = None
        images = check.choice(data, "images", IMAGES_CHOICES)
        cache_mb = check.whole(
            data, "image_cache_mb", least=0, instead=f"using {DEFAULT_IMAGE_CACHE_MB}"
        )
        return cls(
            paths=paths,
            theme=theme or remembered(paths).get("theme"),
            images=images or "on",
            image_cache_mb=DEFAULT_IMAGE_CACHE_MB if cache_mb is None else cache_mb,
            keymap=check.keymap(data),
            players=tuple(check.players(data)),
            views=tuple(check.views(data)),
            rules=tuple(check.rules(data)),
            account=check.account(data),
            sources=tuple(Path(s).expanduser() for s in check.texts(data, "sources")),
            feeds=tuple(check.feeds(data)),
            refresh_minutes=DEFAULT_REFRESH_MINUTES if refresh is None else refresh,
            keep_read_days=keep or DEFAULT_KEEP_READ_DAYS,
            fetch_timeout=timeout or DEFAULT_FETCH_TIMEOUT,
            library_wait=DEFAULT_LIBRARY_WAIT if wait is None else wait,
            headline_lines=lines or 1,
            warnings=tuple(check.warnings),
        )

    def feed(self, url: str) -> Subscription | None:
        return next((f for f in self.feeds if f.url == url), None)

    def with_feeds(self, feeds: tuple[Subscription, ...]) -> Config:
        """Save a new list of subscriptions to config.toml, keeping every other setting.

        Raises ConfigError, changing nothing, when the file cannot be read (what it holds
        would be lost) or cannot be written.
        """
        if self.unreadable:
            raise ConfigError(self.unreadable)
        from newsterm.config_write import write_feeds

        write_feeds(self.paths.config_file, _read_toml(self.paths.config_file), feeds)
        return replace(self, feeds=feeds)

    def with_table(self, key: str, table: dict[str, Any]) -> None:
        """Save one table of config.toml (`[account]`), keeping every other setting;
        ConfigError as for `with_feeds`."""
        if self.unreadable:
            raise ConfigError(self.unreadable)
        from newsterm.config_write import write_config

        path = self.paths.config_file
        write_config(path, {**_read_toml(path), key: table})


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    import tomllib  # only when there is a file to read: the parser costs start-up time

    with handle:
        try:
            data = handle.read()
            return tomllib.loads(data.decode("utf-8"))
        except OSError as error:  # a folder named config.toml, a failing disk
            raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
        except UnicodeDecodeError as error:
            line, column = _position(data, error.start)
            raise ConfigError(
                f"cannot read {path}, line {line}, column {column}: not UTF-8 text"
            ) from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"cannot read {path}, {_toml_problem(error)}") from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _toml_problem(error: ValueError) -> str:
    """`line 3, column 8: Expected ...` out of tomllib's message, which ends with where."""
    import re

    message = str(error.args[0] if error.args else error)
    found = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message, re.DOTALL)
    if found:
        reason, line, column = found.groups()
        return f"line {line}, column {column}: {clean_line(reason)}"
    found = re.fullmatch(r"(.*) \(at end of document\)", message, re.DOTALL)
    if found:
        return f"at the end: {clean_line(found.group(1))}"
    return clean_line(message)


def remembered(paths: Paths) -> dict[str, str]:
    """Every UI choice kept by `remember` (none when the file is missing or unreadable)."""
    try:
        data = json.loads(paths.ui_state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def remember(paths: Paths, **values: str) -> None:
    """Keep a UI choice (the theme) for the next run; failing to save is not worth a crash."""
    state = remembered(paths) | values
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = paths.ui_state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(paths.ui_state_file)
    except OSError:
        pass
