"""The status line: one line at the bottom saying what is loaded, or what just went wrong."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import var
from textual.widgets import Static


class StatusLine(Static):
    """Shows `line` cut short with an ellipsis, never wrapped and never read as markup."""

    line: var[str] = var("")

    def watch_line(self, line: str) -> None:
        self.update(Text(line, no_wrap=True, overflow="ellipsis"))
