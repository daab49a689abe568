"""Pick one of the open story's links (`l` to open it, `y` to copy it): type its number,
or words of its text or address; `enter` takes the highlighted one.

A number no other number begins with is taken at once (`l` `3` opens the third link of
a story with fewer than thirty); `0` is the story's own page.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from newsterm.core.model import Article
from newsterm.link_targets import Target, link_targets
from newsterm.ui.widgets.keyed_list import KeyedList

OWN_PAGE = "The story's own page"


def story_targets(article: Article) -> list[Target]:
    """The story's page as `0`, then its links and attachments as the reader numbers them."""
    own = [Target(0, OWN_PAGE, article.url)] if article.url else []
    return own + link_targets(article)


class LinkPicker(ModalScreen[Target | None]):
    """Dismisses with the chosen link, or None."""

    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "focus_links", "Links", show=False),
    ]

    def __init__(self, question: str, targets: list[Target]) -> None:
        super().__init__()
        self.question = question
        self.targets = targets

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box", classes="dialog-box"):
            question = Text(self.question, style="bold", no_wrap=True, overflow="ellipsis")
            yield Static(question, id="picker-question")
            yield Input(placeholder="A number, or words of the link", id="picker-input")
            yield KeyedList(id="picker-links")
            yield Static(Text("enter takes it · escape closes", style="dim"))

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self._list(self.targets)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        typed = event.value.strip()
        if typed.isascii() and typed.isdigit():
            number = int(typed)
            chosen = [t for t in self.targets if t.number == number]
            longer = [t for t in self.targets if str(t.number).startswith(typed)]
            if chosen and longer == chosen:  # no other number begins so: take it now
                self.dismiss(chosen[0])
                return
            self._list(longer)
        else:
            self._list(_fuzzy(typed, self.targets))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        links = self.query_one(OptionList)
        if links.option_count:
            links.highlighted = links.highlighted or 0
            links.action_select()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        number = int(event.option.id or 0)
        self.dismiss(next(t for t in self.targets if t.number == number))

    def action_focus_links(self) -> None:
        self.query_one(OptionList).focus()

    def _list(self, targets: list[Target]) -> None:
        links = self.query_one(OptionList)
        links.set_options(Option(_label(t), id=str(t.number)) for t in targets)
        links.highlighted = 0 if targets else None


def _fuzzy(typed: str, targets: list[Target]) -> list[Target]:
    """Every link when nothing is typed; else those that match, the best first."""
    if not typed:
        return targets
    matcher = Matcher(typed)
    scored = [(matcher.match(f"{t.text} {t.details} {t.url}"), t) for t in targets]
    return [t for score, t in sorted(scored, key=lambda pair: -pair[0]) if score > 0]


def _label(target: Target) -> Text:
    """`3  Text  details  url`, built from plain strings (link text is untrusted)."""
    label = Text.assemble((f"{target.number:>2} ", "bold"), target.text)
    if target.details:
        label.append(f"  {target.details}", style="dim")
    if target.url != target.text:
        label.append(f"\n   {target.url}", style="dim")
    return label
