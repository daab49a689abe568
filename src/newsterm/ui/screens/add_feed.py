"""Add a feed by URL (`a`): the URL, and the section to file it under."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


@dataclass(frozen=True, slots=True)
class NewFeed:
    url: str
    section: str


class AddFeedScreen(ModalScreen[NewFeed | None]):
    """Dismisses with what was typed (enter in the last field), or None (escape)."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="add-feed-box", classes="dialog-box"):
            yield Static(Text("Add a feed", style="bold"))
            yield Input(
                placeholder="https://example.org/feed.xml (or a page that links to one)",
                id="add-feed-url",
            )
            yield Input(
                placeholder='Section, nested with "/" (optional): News/Local', id="add-feed-section"
            )
            yield Static(Text("enter adds · escape cancels", style="dim"))

    @on(Input.Submitted, "#add-feed-url")
    def _url_done(self) -> None:
        self.query_one("#add-feed-section", Input).focus()

    @on(Input.Submitted, "#add-feed-section")
    def _section_done(self) -> None:
        url = self.query_one("#add-feed-url", Input).value.strip()
        if not url:
            self.query_one("#add-feed-url", Input).focus()
            return
        self.dismiss(NewFeed(url, self.query_one("#add-feed-section", Input).value.strip()))
