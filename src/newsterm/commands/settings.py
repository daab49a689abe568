"""The settings a subscription command starts from, and the one line when there are none.

A command that lists, refreshes, exports or changes subscriptions from a config.toml it
could not read would show an empty list as if it were the truth, or save one over the
person's file. So it stops with the line that names the file, line and column instead.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from newsterm.commands.output import error
from newsterm.config import Config, ConfigError

UNUSABLE = 2
"""Exit status when config.toml cannot be read or written (as for a library that cannot)."""

Command = Callable[[argparse.Namespace, Config], int]


def loaded_config() -> Config:
    """config.toml, with one line on stderr for each setting that is not used."""
    config = Config.load()
    for problem in config.errors:
        error(problem)
    return config


def needs_config(command: Command) -> Callable[[argparse.Namespace], int]:
    """Run `command` with the settings; stop with one line when config.toml is unusable."""

    @functools.wraps(command)
    def run(options: argparse.Namespace) -> int:
        config = loaded_config()
        if config.unreadable:
            return UNUSABLE
        try:
            return command(options, config)
        except ConfigError as problem:
            error(str(problem))
            return UNUSABLE

    return run
