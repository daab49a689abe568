"""Related stories under an article: numbered, focusable with `tab`, opened with `enter`.

One numbered list in up to three parts, so `1`…`9` follow any of them: the links the
story gives, the same event in other outlets (a wire story's reprints as one entry,
"also in …"), and similar stories, which are different events and say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsterm.core.library import Covered, Related
from newsterm.core.model import Link
from newsterm.ui.widgets.headline_list import age
from newsterm.ui.widgets.keyed_list import KeyedList

NAMED = "Related stories"
SAME_EVENT = "Same story elsewhere"
SIMILAR = "Similar stories · different events"


class RelatedList(KeyedList):
    """Shows `[N] title` for each related story; choosing one asks to follow story N."""

    @dataclass
    class RelatedChosen(Message):
        number: int
        """Counted from 1, as the list shows it."""

    def show(self, related: Related, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        options: list[Option] = []
        number = 0
        parts: list[tuple[str, list[Link] | list[Covered]]] = [
            (NAMED, related.named),
            (SAME_EVENT, related.same_event),
            (SIMILAR, related.similar),
        ]
        for heading, entries in parts:
            if not entries:
                continue
            options.append(Option(Text(heading, style="bold"), disabled=True))
            for entry in entries:
                number += 1
                label = Text(f"[{number}] ", style="bold", no_wrap=False)
                if isinstance(entry, Covered):
                    label.append_text(_covered(entry, now))
                else:
                    label.append(entry.text or entry.url or "")
                    if entry.url:
                        label.append(f"  {entry.url}", style="dim")
                options.append(Option(label, id=str(number)))
        self.set_options(options)
        self.highlighted = 1 if options else None  # the first story, under its heading
        self.display = bool(options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.RelatedChosen(int(event.option.id)))


def _covered(entry: Covered, now: datetime) -> Text:
    """`Title  Source · 3h · also in Other, Another` (built from untrusted text, never
    parsed as markup)."""
    story = entry.story
    text = Text(story.title or story.url or "")
    meta = [part for part in (story.source, age(story.published, now)) if part]
    if entry.copies:
        meta.append("also in " + ", ".join(c.source or c.title for c in entry.copies))
    if meta:
        text.append("  " + " · ".join(meta), style="dim")
    return text
