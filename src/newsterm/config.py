"""Where newsterm keeps things, and the settings a person chose (read once, passed in).

`NEWSTERM_HOME=DIR` puts config, data and cache all under DIR: that is how
tests and benchmarks isolate themselves. Nothing is created at import time.

config.toml:

    theme = "nord"
    refresh_minutes = 60        # automatic refresh in the app (0: never)
    keep_read_days = 60         # read, unstarred stories older than this are pruned
    fetch_timeout_seconds = 20  # the most one feed's fetch may take, redirects included
    sources = ["~/news"]        # local files/folders opened with the library
    [keymap]
    back = "backspace,h"
    [[feed]]
    url = "https://example.org/feed.xml"
    section = "News/Local"      # nested sections with "/"
    refresh_minutes = 15        # per-feed overrides
    limit = 100
    full_text = true            # fetch the article page for summary-only items
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsterm.core.model import Subscription

APP_NAME = "newsterm"
DEFAULT_REFRESH_MINUTES = 60
DEFAULT_KEEP_READ_DAYS = 60
DEFAULT_FETCH_TIMEOUT = 20


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
    errors: tuple[str, ...] = ()

    @classmethod
    def load(cls, paths: Paths | None = None) -> Config:
        paths = paths or Paths.discover()
        try:
            data = _read_toml(paths.config_file)
        except (OSError, ValueError) as error:  # tomllib.TOMLDecodeError is a ValueError
            # A broken config costs one line and the defaults, never the app.
            return cls(paths=paths, errors=(f"{paths.config_file}: {error}",))
        keymap = data.get("keymap")
        keymap = keymap if isinstance(keymap, dict) else {}
        theme = data.get("theme")
        theme = theme if isinstance(theme, str) else None
        raw_sources = data.get("sources")
        raw_sources = raw_sources if isinstance(raw_sources, list) else []
        raw_feeds = data.get("feed")
        raw_feeds = raw_feeds if isinstance(raw_feeds, list) else []
        feeds = [subscription_from_toml(f) for f in raw_feeds if isinstance(f, dict)]
        refresh = data.get("refresh_minutes")
        return cls(
            paths=paths,
            theme=theme or _remembered(paths).get("theme"),
            keymap={str(k): str(v) for k, v in keymap.items()},
            sources=tuple(Path(str(s)).expanduser() for s in raw_sources),
            feeds=tuple(f for f in feeds if f is not None),
            refresh_minutes=refresh
            if isinstance(refresh, int) and refresh >= 0
            else DEFAULT_REFRESH_MINUTES,
            keep_read_days=_positive_int(data.get("keep_read_days")) or DEFAULT_KEEP_READ_DAYS,
            fetch_timeout=_positive_int(data.get("fetch_timeout_seconds")) or DEFAULT_FETCH_TIMEOUT,
        )

    def feed(self, url: str) -> Subscription | None:
        return next((f for f in self.feeds if f.url == url), None)

    def with_feeds(self, feeds: tuple[Subscription, ...]) -> Config:
        """Save a new list of subscriptions to config.toml, keeping every other setting."""
        import tomli_w

        data = _read_toml(self.paths.config_file)
        data["feed"] = [subscription_to_toml(f) for f in feeds]
        self.paths.config_dir.mkdir(parents=True, exist_ok=True)
        tmp = self.paths.config_file.with_suffix(".tmp")
        tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
        tmp.replace(self.paths.config_file)
        return replace(self, feeds=feeds)


def subscription_to_toml(feed: Subscription) -> dict[str, Any]:
    out: dict[str, Any] = {"url": feed.url}
    if feed.title:
        out["title"] = feed.title
    if feed.sections:
        out["section"] = "/".join(feed.sections)
    if feed.html_url:
        out["html_url"] = feed.html_url
    if feed.refresh_minutes is not None:
        out["refresh_minutes"] = feed.refresh_minutes
    if feed.limit is not None:
        out["limit"] = feed.limit
    if feed.full_text:
        out["full_text"] = True
    return out


def subscription_from_toml(data: dict[str, Any]) -> Subscription | None:
    url = data.get("url")
    if not isinstance(url, str) or not url.strip():
        return None
    section = data.get("section")
    return Subscription(
        url=url.strip(),
        title=str(data.get("title") or ""),
        sections=split_section(section) if isinstance(section, str) else (),
        html_url=data["html_url"] if isinstance(data.get("html_url"), str) else None,
        refresh_minutes=_positive_int(data.get("refresh_minutes")),
        limit=_positive_int(data.get("limit")),
        full_text=data.get("full_text") is True,
    )


def split_section(section: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in section.split("/") if part.strip())


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return {}
    import tomllib  # only when there is a file to read: the parser costs start-up time

    with handle:
        return tomllib.load(handle)


def _positive_int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def _remembered(paths: Paths) -> dict[str, str]:
    try:
        data = json.loads(paths.ui_state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def remember(paths: Paths, **values: str) -> None:
    """Keep a UI choice (the theme) for the next run; failing to save is not worth a crash."""
    state = _remembered(paths) | values
    try:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        tmp = paths.ui_state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(paths.ui_state_file)
    except OSError:
        pass
