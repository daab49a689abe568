"""The section list: smart views (All, Unread, Today, Starred), the views config.toml
defines, then sections with counts.

Every subscription shows as its own section, even before it has stories: one that
failed is marked, one never fetched is dimmed, so neither hides its state. A section
with sections or feeds under it folds (`left`) to one line and unfolds (`right`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsterm.core.library import SMART_VIEWS, SectionEntry, View
from newsterm.ui.widgets.keyed_list import KeyedList

DEFAULT_WIDTH = 26  # the pane's width in the stylesheet, until it is laid out
FOLDED, UNFOLDED = "▸ ", "▾ "


class SectionList(KeyedList):
    """Choosing an entry (enter or click) asks the screen to list that view's headlines."""

    COMPONENT_CLASSES = {"section-list--failing", "section-list--never"}
    FAILING_MARK = "! "
    """Before the name, so a long name cut short never hides it."""

    BINDINGS = [
        Binding("left", "fold", "Fold", show=False),
        Binding("right", "unfold", "Unfold", show=False),
    ]

    entries: var[Sequence[SectionEntry]] = var((), init=False)
    """What is listed, with its counts: the screen's, bound to it."""
    selected: var[View] = var(SMART_VIEWS[0], init=False)
    """The view whose headlines are listed: the highlight stays on it when counts change."""
    folded: var[frozenset[str]] = var(frozenset(), init=False)
    """The sections (View.key) shown as one line, what is under them left out."""

    @dataclass
    class SectionChosen(Message):
        view: View

    @dataclass
    class FoldChanged(Message):
        """Fold a section (or unfold it): the screen keeps the choice for the next run."""

        view: View
        folded: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._views: list[View] = []
        self._parents: set[View] = set()
        self._wanted: dict[int, int] = {}
        """The cells each line would take uncut, by its index."""

    def watch_entries(self, entries: Sequence[SectionEntry]) -> None:
        self._show(entries, self.selected)

    def on_resize(self) -> None:
        """Names are cut to the width: cut them again for the new one."""
        self._show(self.entries, self.highlighted_view or self.selected)

    def watch_folded(self) -> None:
        self._show(self.entries, self.highlighted_view or self.selected)

    def watch_selected(self, selected: View) -> None:
        if selected in self._views:
            self.highlighted = self._views.index(selected)

    def _show(self, entries: Sequence[SectionEntry], selected: View) -> None:
        """Rebuild the entries, keeping the highlight on the selected view."""
        parents = _parents(entries)
        visible = [entry for entry in entries if not self._under_folded(entry.view)]
        self._views = [entry.view for entry in visible]
        self._wanted = {}
        self._parents = {entry.view for entry in visible if entry.view in parents}
        failing = self.get_component_rich_style("section-list--failing", partial=True)
        never = self.get_component_rich_style("section-list--never", partial=True)
        options: list[Option | None] = []
        width = self.scrollable_content_region.width or DEFAULT_WIDTH
        for index, entry in enumerate(visible):
            name = entry.view.section[-1] if entry.view.section else entry.view.label
            health = entry.feed.health if entry.feed else "ok"
            label = Text("  " * entry.depth, no_wrap=True, overflow="ellipsis")
            if parents and entry.view.section:  # a column for the fold marks, when any
                mark = "  "
                if entry.view in parents:
                    mark = FOLDED if entry.view.key in self.folded else UNFOLDED
                label.append(mark, style="dim")
            if health == "failing":
                label.append(self.FAILING_MARK, style=failing)
            count = f" {entry.unread}/{entry.total}" if entry.total else ""
            shown = Text(name, style=never if health == "never" and not entry.total else "")
            # A long name is cut short, not its counts: unread (bold while any) / total.
            self._wanted[index] = label.cell_len + shown.cell_len + len(count)
            shown.truncate(max(1, width - label.cell_len - len(count)), overflow="ellipsis")
            label.append_text(shown)
            if entry.total:
                label.append(f" {entry.unread}", style="bold" if entry.unread else "dim")
                label.append(f"/{entry.total}", style="dim")
            if entry.view.kind == "section" and index and visible[index - 1].view.kind != "section":
                options.append(None)  # a rule between the views and the sections
            options.append(Option(label, id=str(index)))
        self.set_options(options)
        if selected in self._views:
            self.highlighted = self._views.index(selected)

    def _under_folded(self, view: View) -> bool:
        return any(View("section", view.section[:depth]).key in self.folded
                   for depth in range(1, len(view.section)))  # fmt: skip

    def action_fold(self) -> None:
        """Fold the highlighted section; on a feed or a folded section, go to its parent."""
        view = self.highlighted_view
        if view is None or not view.section:
            return
        if view in self._parents and view.key not in self.folded:
            self.post_message(self.FoldChanged(view, folded=True))
        elif len(view.section) > 1:
            parent = View("section", view.section[:-1])
            if parent in self._views:
                self.highlighted = self._views.index(parent)

    def action_unfold(self) -> None:
        view = self.highlighted_view
        if view is not None and view.key in self.folded:
            self.post_message(self.FoldChanged(view, folded=False))

    def line_widths(self) -> list[int]:
        """The cells each line takes uncut (how wide the pane would like to be)."""
        return [self._wanted.get(index, 0) for index in range(len(self._views))]

    @property
    def highlighted_view(self) -> View | None:
        index = self.highlighted
        return self._views[index] if index is not None and index < len(self._views) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.SectionChosen(self._views[event.option_index]))


def _parents(entries: Sequence[SectionEntry]) -> set[View]:
    """The sections with sections or feeds under them (parents come before children)."""
    return {
        entry.view
        for entry, below in zip(entries, entries[1:], strict=False)
        if entry.view.section
        and below.view.section[: len(entry.view.section)] == entry.view.section
        and len(below.view.section) > len(entry.view.section)
    }
