"""The main screen: sections, headlines and the reader, and the state that binds them.

The screen owns the state (the library, the view, the open story, the path
followed); widgets announce intent with messages and are told what to show.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import Footer, Static

from newsterm import STARTED
from newsterm.config import Config
from newsterm.core.library import BUSY, SMART_VIEWS, Library, SectionEntry
from newsterm.core.model import Article, Headline
from newsterm.core.text.clean import clean_url
from newsterm.core.text.counted import counted
from newsterm.core.text.urls import refusal_to_open
from newsterm.ui.history import History
from newsterm.ui.screens.feed_screen import FEED_BINDINGS, FeedScreen
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from newsterm.ui.widgets.related_list import RelatedList
from newsterm.ui.widgets.section_list import SectionList

NARROW_BELOW = 100
KEYS_WAIT = 0.5
"""Seconds a write made from a key waits for another process's: the reader must keep
answering keys. A mark that cannot wait is kept and saved when the library is free."""
MARKS_RETRY_SECONDS = 3.0
FIRST_PAINT_REPORT = "NEWSTERM_FIRST_PAINT_REPORT"
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _follow(number: int) -> Binding:
    return Binding(
        str(number),
        f"follow_related({number})",
        f"Follow related story {number}",
        show=False,
        id=f"follow_related_{number}",
    )


class MainScreen(FeedScreen):
    BINDINGS = [
        Binding("n", "next_story", "Next", id="next_story", tooltip="Open the next story"),
        Binding(
            "p",
            "previous_story",
            "Previous",
            id="previous_story",
            tooltip="Open the previous story",
        ),
        Binding(
            "backspace,alt+left",
            "back",
            "Back",
            id="back",
            tooltip="Back to the story you came from",
        ),
        Binding(
            "alt+right",
            "forward",
            "Forward",
            show=False,
            id="forward",
            tooltip="Forward again along the stories you followed",
        ),
        Binding(
            "m",
            "toggle_read",
            "Read/unread",
            show=False,
            id="toggle_read",
            tooltip="Mark the story read or unread",
        ),
        Binding(
            "s", "toggle_star", "Star", id="toggle_star", tooltip="Star the story, or unstar it"
        ),
        Binding(
            "o",
            "open_link",
            "Open link",
            show=False,
            id="open_link",
            tooltip="Open the story's link in the browser (http, https, mailto)",
        ),
        Binding("slash", "search", "Search", id="search"),
        *FEED_BINDINGS,
        Binding(
            "escape",
            "close_reader",
            "Headlines",
            show=False,
            id="close_reader",
            tooltip="Narrow terminal: back from the reader to the list",
        ),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "app.quit", "Quit", id="quit"),
        *(_follow(n) for n in range(1, 10)),
    ]

    def __init__(
        self, library: Library, *, config: Config | None = None, open_story: str | None = None
    ) -> None:
        super().__init__()
        self.config = config
        self.clock: Clock = _utc_now
        self.library = library
        self.view = SMART_VIEWS[0]
        self.current: Article | None = None
        self.history = History()
        self.open_story_at_start = open_story
        self.pending_search = ""
        self.offline = False
        self._footer_shows: tuple[bool, ...] = ()
        self._marks_retry: Timer | None = None
        library.wait_for_writers(min(library.write_wait, KEYS_WAIT))

    def compose(self) -> ComposeResult:
        # Lay out for the terminal's width now: a class added at the first resize would
        # style every widget twice before the first paint.
        self.set_class(self.app.size.width < NARROW_BELOW, "-narrow")
        yield Static(id="config-problem")  # shown while config.toml cannot be read
        with Horizontal(id="panes"):
            yield SectionList(id="sections")
            yield HeadlineList(id="headlines")
            yield ArticleView(id="reader")
        yield Static(id="status")
        # The footer (a widget per key) is mounted after the first frame: see _first_painted.

    def on_mount(self) -> None:
        # Before the first paint only what it shows and costs the same for any library:
        # one page of headlines and the smart views' names. Counts walk the library, and
        # the refresh loads the network stack: both follow the paint (_first_painted).
        self._refresh_headlines()
        self.query_one(SectionList).show(
            [SectionEntry(view, 0, 0) for view in SMART_VIEWS], self.view
        )
        self.call_after_refresh(self._first_painted)
        if self.open_story_at_start:
            self.open_story(self.open_story_at_start)
            self.query_one(ArticleView).focus()
        else:
            self.query_one(HeadlineList).focus()
        for error in self.library.errors[:5]:
            self.notify(error, title="Could not read", severity="warning", markup=False)
        self.follow_config_file()

    def _first_painted(self) -> None:
        """The first frame is on screen: add the key hints, fill in the counts, then start
        the refresh. (Textual's footer builds a widget per key, which cost a tenth of a
        second before the library could show.)"""
        if report := os.environ.get(FIRST_PAINT_REPORT):
            # Benchmarks: seconds from start-up to the first painted screen, then quit.
            Path(report).write_text(f"{time.monotonic() - STARTED:.4f}\n", encoding="utf-8")
            self.app.exit()
            return
        self.mount(Footer())
        self._refresh_sections()
        if self.current is None:  # a story opened at start keeps its title in the status
            self.status(self._summary())
        if self.library.feeds:
            self.refresh_feeds(self.library.feeds, force=False)  # never waits: a worker
            minutes = self.config.refresh_minutes if self.config else 0
            if minutes:
                self.set_interval(minutes * 60, self._refresh_due)

    # ---- state -> widgets -------------------------------------------------------------

    def _refresh_sections(self) -> None:
        self.query_one(SectionList).show(self.library.sections(self.clock()), self.view)

    def _refresh_headlines(self) -> None:
        stories = self.library.headlines(self.view, now=self.clock())
        keep = self.current.id if self.current else None
        headlines = self.query_one(HeadlineList)
        headlines.current_id = keep
        headlines.show(stories, now=self.clock(), keep=keep)

    def _marks_changed(self) -> None:
        self.query_one(HeadlineList).marks_changed()
        self._refresh_sections()
        if self.library.pending and self._marks_retry is None:
            self.notify(
                f"{BUSY}; waiting… Your marks are kept and saved when it is free.",
                title="Not saved yet",
                severity="warning",
                markup=False,
            )
            self._marks_retry = self.set_interval(MARKS_RETRY_SECONDS, self._save_marks)

    def _save_marks(self) -> None:
        """Try again to save the marks made while the library was busy."""
        waiting = len(self.library.pending)
        if self.library.save_pending() or self._marks_retry is None:
            return
        self._marks_retry.stop()
        self._marks_retry = None
        self.query_one(HeadlineList).marks_changed()
        self._refresh_sections()
        self.status(f"Saved {counted(waiting, 'mark')} made while the library was busy.")

    def _summary(self) -> str:
        total, unread = self.library.count(), self.library.unread_count()
        origin = f" from {self.library.origin}" if self.library.origin else ""
        # Files and the demo never touch the network; a library with feeds is "offline"
        # only once a refresh has found the network unreachable.
        network = " · offline" if self.offline or not self.library.feeds else ""
        summary = f"{counted(total, 'story', 'stories')}{origin} · {unread} unread{network}"
        if self.library.errors:
            count = len(self.library.errors)
            return f"{count} could not be read: {self.library.errors[0]} · {summary}"
        return summary

    def status(self, message: str) -> None:
        """One line at the bottom: what is loaded, or what just went wrong."""
        try:
            line = self.query_one("#status", Static)
        except NoMatches:  # a worker reporting after the screen has gone
            return
        line.update(Text(message, no_wrap=True, overflow="ellipsis"))

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_BELOW, "-narrow")

    # ---- opening stories --------------------------------------------------------------

    def open_story(self, story_id: str, *, from_history: bool = False) -> None:
        article = self.library.get(story_id)
        if article is None:
            self.status("That story is no longer in the library.")
            return
        self.current = article
        if not from_history:
            self.history.visit(article.id)
        newly_read = self.library.mark_read(article.id)
        self.query_one(ArticleView).show(article)
        headlines = self.query_one(HeadlineList)
        headlines.current_id = article.id
        headlines.move_to(article.id)
        if newly_read:  # recounting sections walks the library: only when a count changed
            self._marks_changed()
        else:
            headlines.refresh()
        self.add_class("-reading")
        if self._binding_state() != self._footer_shows:  # the footer rebuilds every key
            self.refresh_bindings()
        self.status(article.title)

    @on(SectionList.SectionChosen)
    def _section_chosen(self, event: SectionList.SectionChosen) -> None:
        self.view = event.view
        self._refresh_headlines()
        headlines = self.query_one(HeadlineList)
        headlines.cursor = 0
        headlines.focus()
        self.remove_class("-reading")
        line = f"{event.view.label}: {counted(len(headlines.stories), 'story', 'stories')}"
        feed = self.library.feed_state_of(event.view)
        self.status(f"{line} · {feed.line()}" if feed else line)

    @on(HeadlineList.StorySelected)
    def _story_selected(self, event: HeadlineList.StorySelected) -> None:
        self.open_story(event.story_id)
        if self.has_class("-narrow"):
            self.query_one(ArticleView).focus()

    @on(RelatedList.RelatedChosen)
    def _related_chosen(self, event: RelatedList.RelatedChosen) -> None:
        self.action_follow_related(event.number)

    # ---- actions ----------------------------------------------------------------------

    def action_follow_related(self, number: int) -> None:
        if self.current is None:
            self.status("Open a story first: related stories belong to the story you read.")
            return
        related = self.current.related
        if not 1 <= number <= len(related):
            self.status(
                f"This story has {len(related) or 'no'} related "
                f"stor{'y' if len(related) == 1 else 'ies'}."
            )
            return
        link = related[number - 1]
        target = self.library.resolve_related(self.current, link)
        if target is None:
            self.pending_search = link.text
            self.status(
                f'No story in the library matches "{link.text}". '
                "Press / to search the library for it."
            )
            return
        self.open_story(target.id)

    def action_back(self) -> None:
        story_id = self.history.back()
        if story_id is None:
            self.status("Nothing to go back to.")
            return
        self.open_story(story_id, from_history=True)

    def action_forward(self) -> None:
        story_id = self.history.forward()
        if story_id is None:
            self.status("Nothing to go forward to.")
            return
        self.open_story(story_id, from_history=True)

    def _step(self, delta: int) -> None:
        headlines = self.query_one(HeadlineList)
        if not headlines.stories:
            return
        row = headlines.row_of(self.current.id) if self.current else None
        target = headlines.cursor if row is None else row + delta
        if not 0 <= target < len(headlines.stories):
            self.status("No more stories in this list.")
            return
        self.open_story(headlines.stories[target].id)

    def action_next_story(self) -> None:
        self._step(+1)

    def action_previous_story(self) -> None:
        self._step(-1)

    def _target(self) -> Article | Headline | None:
        """The story an action means: the highlighted headline in the list, else the open one."""
        headlines = self.query_one(HeadlineList)
        if headlines.has_focus and headlines.highlighted:
            return headlines.highlighted
        return self.current or headlines.highlighted

    def action_toggle_read(self) -> None:
        if story := self._target():
            read = self.library.toggle_read(story.id)
            self._marks_changed()
            self.status(f"Marked {'read' if read else 'unread'}: {story.title}")

    def action_toggle_star(self) -> None:
        if story := self._target():
            starred = self.library.toggle_star(story.id)
            self._marks_changed()
            self.status(f"{'Starred' if starred else 'Unstarred'}: {story.title}")
            if starred:
                self.keep_for_offline(story.id)

    def action_open_link(self) -> None:
        story = self._target()
        url = story.url if story else None
        refusal = refusal_to_open(url)
        if refusal or url is None:
            self.status(refusal or "This story has no link.")
            return
        safe = clean_url(url) or ""  # exactly what was checked, one argument, no shell
        import webbrowser  # screens and modules used later load then, not before the first paint

        if webbrowser.open(safe, new=2):
            self.status(f"Opened {safe}")
            return
        # Nothing could show it (no browser here, or it failed): give the link to copy,
        # whole, in a notification that wraps; the status line may cut it short.
        self.status(f"No browser could be started; copy the link: {safe}")
        self.notify(safe, title="No browser could be started", severity="warning", markup=False)

    def action_close_reader(self) -> None:
        if self.has_class("-reading"):
            self.remove_class("-reading")
            self.query_one(HeadlineList).focus()

    def action_help(self) -> None:
        from newsterm.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    def action_search(self) -> None:
        from newsterm.ui.screens.search import SearchScreen

        query, self.pending_search = self.pending_search, ""
        self.app.push_screen(SearchScreen(self.library, query), self._search_done)

    def _search_done(self, story_id: str | None) -> None:
        if story_id:
            self.open_story(story_id)
            self.query_one(ArticleView).focus()

    def _binding_state(self) -> tuple[bool, ...]:
        """Everything `check_action` decides on: when it is unchanged, so is the footer."""
        return (
            self.history.can_go_back,
            self.history.can_go_forward,
            self.has_class("-narrow") and self.has_class("-reading"),
        )

    def refresh_bindings(self) -> None:
        """Remember what the footer is about to show, so opening a story can skip a rebuild."""
        self._footer_shows = self._binding_state()
        super().refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out in the footer and palette what cannot be done now."""
        if action in ("back",):
            return self.history.can_go_back or None
        if action == "forward":
            return self.history.can_go_forward or None
        if action == "close_reader":
            return self.has_class("-narrow") and self.has_class("-reading")
        return True

    def on_descendant_focus(self) -> None:
        if self.has_class("-narrow") and self.query_one(HeadlineList).has_focus:
            self.remove_class("-reading")
