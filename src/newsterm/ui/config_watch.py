"""config.toml as the reader last read it, read again when it is saved from outside.

A feed added from the command line while the reader runs is refreshed too, and a
file fixed in an editor is read again: one stat every few seconds tells when. The
screen shows what this finds; nothing here knows about widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsterm.config import DEFAULT_FETCH_TIMEOUT, Config, ConfigError
from newsterm.core.library import Library
from newsterm.core.text.counted import counted

if TYPE_CHECKING:
    from newsterm.subscriptions import Changed

LOOK_SECONDS = 2.0
"""How often config.toml is looked at (one stat) for changes made outside the reader."""

Stamp = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Reread:
    """What reading config.toml again found, for the screen to show."""

    reads_again: str | None = None
    """The line saying a file that could not be read reads again."""
    warnings: list[str] = field(default_factory=list)
    """Settings not used that the file as it was did not have."""


class WatchedConfig:
    """The reader's config.toml, and the library's subscriptions kept in step with it."""

    def __init__(self, config: Config | None, library: Library) -> None:
        self.config = config
        self.library = library
        self._seen = _stamp(config) if config else None

    @property
    def problem(self) -> str | None:
        """Why config.toml cannot be read: while it stands, nothing that saves or refreshes
        subscriptions runs, since what the file lists is not known."""
        return self.config.unreadable if self.config else None

    @property
    def timeout(self) -> float:
        return self.config.fetch_timeout if self.config else DEFAULT_FETCH_TIMEOUT

    @property
    def keep_read_days(self) -> float | None:
        """How long read stories are kept; unknown (None) while config.toml is unreadable."""
        if self.config is None or self.config.unreadable:
            return None
        return self.config.keep_read_days

    def reread_if_saved(self) -> Reread | None:
        """Read config.toml again if it was saved since it was last read (one stat);
        None when it was not."""
        stamp = _stamp(self.config) if self.config else None
        if self.config is None or stamp == self._seen:
            return None
        self._seen = stamp
        before = self.config
        self.config = Config.load(before.paths)
        if self.library.is_personal and not self.config.unreadable:
            self.library.feeds = self.config.feeds
        reads_again = None
        if before.unreadable and not self.config.unreadable:
            feeds = counted(len(self.config.feeds), "subscription")
            reads_again = f"{self.config.paths.config_file} reads again: {feeds}"
        warnings = [w for w in self.config.warnings if w not in before.warnings]
        return Reread(reads_again, warnings)

    def refusal(self, what: str = "Not saved") -> str | None:
        """`Not saved: <why config.toml cannot be read>`, or None when it can be."""
        return f"{what}: {self.problem}" if self.problem else None

    def save(self, change: Callable[[Config], Changed]) -> str | None:
        """Save a change to the subscriptions, made to config.toml as it is now (a feed
        added from the command line meanwhile is kept); None when it was saved, else the
        line saying why not (empty when there is no config.toml to change)."""
        if self.config is None:
            return ""
        if refused := self.refusal():
            return refused
        try:
            changed = change(self.config)
        except ConfigError as error:
            return str(error)
        self.config = changed.config
        self._seen = _stamp(self.config)
        self.library.feeds = self.config.feeds
        if changed.not_stored:  # config.toml changed; the library could not follow
            return f"Not saved: {changed.not_stored}"
        return None


def _stamp(config: Config) -> Stamp | None:
    """What changes when config.toml is saved (a save replaces the file: a new inode)."""
    try:
        found = config.paths.config_file.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size
