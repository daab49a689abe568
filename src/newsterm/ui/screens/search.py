"""Search the library (`/`): type words, see matching stories, `enter` opens one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsterm.core.library import Library
from newsterm.core.model import SearchHit
from newsterm.core.text.counted import counted
from newsterm.render import highlighted
from newsterm.ui.widgets.keyed_list import KeyedList

RESULTS = 50
"""Stories listed at most: more than a screenful, and each costs a snippet at every key."""


class SearchScreen(ModalScreen[str | None]):
    """Dismisses with the chosen story's id, or None."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close search"),
        Binding("down", "focus_results", "Results", show=False),
    ]

    def __init__(self, library: Library, query: str = "") -> None:
        super().__init__()
        self.library = library
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box", classes="dialog-box"):
            yield Input(value=self.query_text, placeholder="Search the library", id="search-input")
            yield Static(id="search-count")
            yield KeyedList(id="search-results")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._search(self.query_text)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        results = self.query_one(OptionList)
        if results.option_count:
            results.highlighted = results.highlighted or 0
            results.action_select()

    def _search(self, query: str) -> None:
        # One more than is listed, to know whether there are more.
        found = self.library.search(query, RESULTS + 1) if query.strip() else []
        results = self.query_one(OptionList)
        results.set_options(Option(_hit_text(hit), id=hit.headline.id) for hit in found[:RESULTS])
        if not query.strip():
            count = "Type to search titles and text"
        elif len(found) > RESULTS:
            count = f"More than {RESULTS} stories: the best {RESULTS}"
        else:
            count = counted(len(found), "story", "stories")
        self.query_one("#search-count", Static).update(Text(count, style="dim"))

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_focus_results(self) -> None:
        """`down` from the words lands on the first result (not on nothing)."""
        results = self.query_one(OptionList)
        if results.option_count and results.highlighted is None:
            results.highlighted = 0
        results.focus()


def _hit_text(hit: SearchHit) -> Text:
    """The title, then the matching passage with its words highlighted (no markup involved)."""
    text = Text(hit.headline.title, style="bold", no_wrap=True, overflow="ellipsis")
    text.append("\n  ")
    text.append_text(highlighted(hit.snippet))
    return text
