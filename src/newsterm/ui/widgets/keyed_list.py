"""An option list that also moves with `j` and `k`, as every list of the reader does."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class KeyedList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
