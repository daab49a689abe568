"""`f`: narrow the listed view as you type, in the views' query language
(`unread feed:gazette -sponsored`); `enter` keeps the filter and goes back to the
headlines, `escape` clears it. It stays shown while a filter holds, so none is forgotten."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

PLACEHOLDER = "Filter: words, unread, feed:NAME, newer:3d, -word … (escape clears)"


class FilterBar(Input):
    BINDINGS = [Binding("escape", "clear_filter", "Clear filter", show=False)]

    @dataclass
    class Cleared(Message):
        """Escape: the view is listed whole again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)

    def action_clear_filter(self) -> None:
        self.post_message(self.Cleared())  # the screen clears and closes the bar
