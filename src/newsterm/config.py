"""Where newsterm keeps things, and the settings a person chose (read once, passed in).

`NEWSTERM_HOME=DIR` puts config, data and cache all under DIR: that is how
tests and benchmarks isolate themselves. Nothing is created at import time.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

APP_NAME = "newsterm"


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

    @classmethod
    def discover(cls) -> Paths:
        home = os.environ.get("NEWSTERM_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(root / "config", root / "data", root / "cache")
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
    errors: tuple[str, ...] = ()

    @classmethod
    def load(cls, paths: Paths | None = None) -> Config:
        paths = paths or Paths.discover()
        data: dict[str, object] = {}
        try:
            with paths.config_file.open("rb") as handle:
                data = tomllib.load(handle)
        except FileNotFoundError:
            pass
        except (OSError, tomllib.TOMLDecodeError) as error:
            # A broken config costs one line and the defaults, never the app.
            return cls(paths=paths, errors=(f"{paths.config_file}: {error}",))
        keymap = data.get("keymap")
        keymap = keymap if isinstance(keymap, dict) else {}
        theme = data.get("theme")
        theme = theme if isinstance(theme, str) else None
        raw_sources = data.get("sources")
        raw_sources = raw_sources if isinstance(raw_sources, list) else []
        return cls(
            paths=paths,
            theme=theme or _remembered(paths).get("theme"),
            keymap={str(k): str(v) for k, v in keymap.items()},
            sources=tuple(Path(str(s)).expanduser() for s in raw_sources),
        )


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
