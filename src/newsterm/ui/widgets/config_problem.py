"""The line naming what is wrong in config.toml: on top of the screen until it is fixed."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static


class ConfigProblem(Static):
    """Hidden while config.toml reads; shown (class `-shown`) with the problem while not."""

    problem: var[str | None] = var(None, init=False)

    def watch_problem(self, problem: str | None) -> None:
        shown = f"{problem} · your subscriptions are read-only until it is fixed" if problem else ""
        self.update(Text(shown))
        self.set_class(problem is not None, "-shown")
