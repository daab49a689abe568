"""A one-line question (a section name, a confirmation): enter answers, escape cancels."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class AskScreen(ModalScreen[str | None]):
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, question: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box", classes="dialog-box"):
            yield Static(Text(self.question, style="bold"))
            yield Input(value=self.value, placeholder=self.placeholder, id="ask-input")
            yield Static(Text("enter answers · escape cancels", style="dim"))

    @on(Input.Submitted)
    def _answered(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())
