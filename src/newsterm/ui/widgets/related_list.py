"""Related stories under an article: numbered, focusable with `tab`, opened with `enter`."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from newsterm.core.model import Link


class RelatedList(OptionList):
    """Shows `[N] title` for each related link; choosing one asks to follow link N."""

    @dataclass
    class RelatedChosen(Message):
        number: int
        """Counted from 1, as the list shows it."""

    def show(self, related: list[Link]) -> None:
        options = []
        for number, link in enumerate(related, 1):
            label = Text(f"[{number}] ", style="bold", no_wrap=False)
            label.append(link.text or link.url or "")
            if link.url:
                label.append(f"  {link.url}", style="dim")
            options.append(Option(label, id=str(number)))
        self.set_options(options)
        self.highlighted = 0 if options else None
        self.display = bool(related)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.RelatedChosen(event.option_index + 1))
