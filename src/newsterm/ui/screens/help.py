"""Key help (`?`): every key of the screen it was opened from, read from its bindings."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

GENERAL_KEYS = (
    ("tab / shift+tab", "Next / previous pane (tab reaches the related stories)"),
    ("up / down, j / k", "Move in a list; scroll in the reader"),
    ("enter", "Open the selected section, story or related story"),
    ("ctrl+p", "Command palette: every action, and themes"),
)


def key_name(keys: str) -> str:
    """`backspace / alt+←`: keys as the help and the palette name them."""
    names = {"question_mark": "?", "slash": "/", "alt+left": "alt+←", "alt+right": "alt+→"}
    return " / ".join(names.get(k, k) for k in keys.split(","))


class HelpScreen(ModalScreen[None]):
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close help")]

    def __init__(self, bindings: Iterable[BindingType]) -> None:
        super().__init__()
        self.bindings = [b for b in bindings if isinstance(b, Binding)]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, description in GENERAL_KEYS:
            table.add_row(keys, description)
        follow = [b for b in self.bindings if b.action.startswith("follow_related")]
        if follow:  # near the top: following related stories is what the reader is for
            table.add_row("1 … 9", "Follow related story N of the open story")
        for binding in self.bindings:
            if binding not in follow:
                table.add_row(key_name(binding.key), binding.tooltip or binding.description)
        with VerticalScroll(id="help-box", classes="dialog-box"):
            yield Static(Text("newsterm keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text("escape, q or ? closes this help", style="dim"))
