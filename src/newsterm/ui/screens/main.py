"""The main screen: sections, headlines and the reader, and the state that binds them.

The screen owns the state (the view, the open story, the counts, the path
followed) as Textual vars, bound to the widgets that show them; widgets announce
intent with messages. Network work runs in workers whose only output is a
message, so keys keep working throughout; the network and parsing stack loads
on first use, not at start-up.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Resize
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input

from newsterm import STARTED
from newsterm.config import Config
from newsterm.config_check import split_section
from newsterm.core.library import (
    BUSY,
    ORDERS,
    SMART_VIEWS,
    Covered,
    Library,
    Related,
    SectionEntry,
    View,
    WriteFailed,
)
from newsterm.core.model import Article, Headline, Subscription
from newsterm.core.text.counted import counted
from newsterm.ui.config_watch import LOOK_SECONDS, WatchedConfig
from newsterm.ui.reading_state import ReadingState
from newsterm.ui.screens.main_keys import MAIN_KEYS
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.config_problem import ConfigProblem
from newsterm.ui.widgets.filter_bar import FilterBar
from newsterm.ui.widgets.headline_list import HeadlineList
from newsterm.ui.widgets.related_list import RelatedList
from newsterm.ui.widgets.section_list import SectionList
from newsterm.ui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from newsterm.core.sync.account import Account
    from newsterm.link_targets import Target
    from newsterm.subscriptions import Changed
    from newsterm.ui.open_link import Opened
    from newsterm.ui.pictures import PictureShelf
    from newsterm.ui.screens.add_feed import NewFeed
    from newsterm.ui.screens.feed_work import (
        BacklogMatched,
        FeedChecked,
        FeedsRefreshed,
        FullTextFetched,
        Reported,
    )

NARROW_BELOW = 100
KEYS_WAIT = 0.5
"""Seconds a write made from a key waits for another process's: the reader must keep
answering keys. A mark that cannot wait is kept and saved when the library is free."""
MARKS_RETRY_SECONDS = 3.0
FIRST_PAINT_REPORT = "NEWSTERM_FIRST_PAINT_REPORT"
Clock = Callable[[], datetime]
NOT_A_FEED = "This story does not come from one of your feeds."
ORDER_NAMES = {
    "newest": "newest first",
    "oldest": "oldest first",
    "feed": "by feed, newest first within each",
    "unread": "unread first, newest first within each",
}


def _utc_now() -> datetime:
    return datetime.now(UTC)


class MainScreen(Screen[None]):
    """Sections, headlines and the reader; every key of the reader and of its feeds."""

    BINDINGS = MAIN_KEYS

    view: var[View] = var(SMART_VIEWS[0])
    """Whose headlines are listed: a smart view or a section."""
    current: var[Article | None] = var(None, always_update=True)
    """The open story (set again to show it again: no comparing of whole stories)."""
    related: var[Related | None] = var(None, always_update=True)
    """The open story's related stories, in the reader's numbering."""
    grouped: var[bool] = var(False)
    """The headline pane shows one row per event (its freshest story)."""
    sections: var[tuple[SectionEntry, ...]] = var(tuple(SectionEntry(v, 0, 0) for v in SMART_VIEWS))
    """The section list with its counts; until the first paint, the smart views' names."""
    version: var[str] = var("")
    """Which text of the open story is shown (the feed's, or its page's), when it matters."""
    folded: var[frozenset[str]] = var(frozenset())
    """The sections the section list shows folded (kept for the next run)."""
    status: var[str] = var("")
    """The status line: what is loaded, or what just happened."""
    config_problem: var[str | None] = var(None)
    """Why config.toml cannot be read, shown on top while it stands."""
    offline: var[bool] = var(False)
    """The last refresh found the network unreachable."""
    can_go_back: var[bool] = var(False, bindings=True)
    """History's state, which the footer greys Back out by: it is rebuilt when it changes."""
    can_go_forward: var[bool] = var(False, bindings=True)
    narrow: var[bool] = var(False, toggle_class="-narrow")
    """Under NARROW_BELOW columns: the list, or the reader, one at a time."""
    reading: var[bool] = var(False, toggle_class="-reading")
    """A story was opened; on a narrow terminal the reader then fills the screen (escape,
    not shown in the footer, goes back: no footer rebuild is needed for it)."""

    def __init__(
        self, library: Library, *, config: Config | None = None, open_story: str | None = None
    ) -> None:
        super().__init__()
        self.clock: Clock = _utc_now
        self.library = library
        self.watched = WatchedConfig(config, library)
        self._keeps_reading = config is not None and library.is_personal
        self.kept = ReadingState()
        """The history, reading positions and hidden-read views, from the last run if kept."""
        if config is not None and self._keeps_reading:
            self.kept = ReadingState.load(config.paths)
        self.history = self.kept.history
        self.set_reactive(MainScreen.folded, frozenset(self.kept.folded))
        self.open_story_at_start = open_story
        self.pending_search = ""
        self._counted_at: datetime | None = None
        """The "now" the section counts were counted for; None until they first are."""
        self._marks_retry: Timer | None = None
        self.narrowed = ""
        """`f`: the filter's query the listed view is narrowed by (empty: none)."""
        self.feed_text_shown = False
        """`x` switched the open story to its feed's text, its page's being kept."""
        self.last_bulk: tuple[str, list[str]] | None = None
        """The last mark-all-read (where, and the stories it changed), for `u`."""
        self.images_on = config is None or config.images != "off"
        """`i` switches pictures on and off for the session, whatever config.toml says."""
        self._shelf: PictureShelf | None = None
        library.wait_for_writers(min(library.write_wait, KEYS_WAIT))

    @property
    def config(self) -> Config | None:
        return self.watched.config

    def compose(self) -> ComposeResult:
        # Lay out for the terminal's width now: a class added at the first resize would
        # style every widget twice before the first paint.
        self.narrow = self.app.size.width < NARROW_BELOW
        yield ConfigProblem(id="config-problem").data_bind(problem=MainScreen.config_problem)
        with Horizontal(id="panes"):
            yield SectionList(id="sections").data_bind(
                entries=MainScreen.sections, selected=MainScreen.view, folded=MainScreen.folded
            )
            yield HeadlineList(id="headlines")
            yield ArticleView(id="reader").data_bind(
                article=MainScreen.current, related=MainScreen.related, version=MainScreen.version
            )
        yield FilterBar(id="filter")
        yield StatusLine(id="status").data_bind(line=MainScreen.status)
        # The footer (a widget per key) is mounted after the first frame: see _first_painted.

    def on_mount(self) -> None:
        # Before the first paint only what it shows and costs the same for any library:
        # one page of headlines and the smart views' names. Counts walk the library, and
        # the refresh loads the network stack: both follow the paint (_first_painted).
        self._list_headlines()
        self._history_moved()  # a history kept from the last run can go back at once
        self.call_after_refresh(self._first_painted)
        if self.open_story_at_start:
            self.open_story(self.open_story_at_start)
            self.query_one(ArticleView).focus()
        else:
            self.query_one(HeadlineList).focus()
        for error in self.library.errors[:5]:
            self.notify(error, title="Could not read", severity="warning", markup=False)
        if self.config is not None:  # whether it could be read, then every few seconds
            self.config_problem = self.watched.problem
            self.set_interval(LOOK_SECONDS, self.reload_config_if_changed)

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
        self._count_sections()
        from newsterm.ui import status_text  # what follows the first paint loads after it

        if self.current is None:  # a story opened at start keeps its title in the status
            self.status = status_text.summary(self.library, self.sections[0], offline=self.offline)
        if self.library.feeds or self._account():
            self.refresh_feeds(self.library.feeds, force=False)  # never waits: a worker
            minutes = self.config.refresh_minutes if self.config else 0
            if minutes:
                self.set_interval(minutes * 60, self._refresh_due)
        elif self.library.is_personal and self.library.backlog():
            self.match_backlog()  # no refresh to wait for: older stories are matched now

    # ---- lists and counts -------------------------------------------------------------

    def _count_sections(self) -> None:
        """Count every view and section again (a refresh can change any of them)."""
        self._counted_at = self.clock()
        saved = (
            [View("saved", name=v.name, query=v.query) for v in self.config.views]
            if self.config
            else []
        )
        self.sections = tuple(self.library.sections(self._counted_at, saved))
        self._fit_panes()

    def _list_headlines(self) -> None:
        keep = self.current.id if self.current else None
        stories = self.library.headlines(
            self.view,
            now=self.clock(),
            grouped=self.grouped,
            unread_only=self.view.key in self.kept.hidden,
            keep=keep,
            order=self.kept.orders.get(self.view.key, "newest"),
            narrowed=self.narrowed,
        )
        headlines = self.query_one(HeadlineList)
        headlines.current_id = keep
        headlines.show(stories, now=self.clock(), keep=keep)
        self._fit_panes()

    def _marked(
        self, story_id: str, *, read: bool | None = None, starred: bool | None = None
    ) -> None:
        """One story's marks changed: its row shows them, and the counts of the views and
        sections listing it move by one, counted again only when its row is not at hand."""
        headlines = self.query_one(HeadlineList)
        listed = headlines.listed(story_id)
        headlines.mark(story_id, read=read, starred=starred)
        if listed is not None and self._counted_at is not None:
            from newsterm.core.library.counts import after_mark

            moved = after_mark(self.sections, listed, self._counted_at, read=read, starred=starred)
            self.sections = tuple(moved)
        elif self._counted_at is not None:  # else the first count, after the paint, has it
            self._count_sections()
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
        waiting = dict(self.library.pending)
        if self.library.save_pending() or self._marks_retry is None:
            return
        self._marks_retry.stop()
        self._marks_retry = None
        headlines = self.query_one(HeadlineList)
        for (story_id, mark), value in waiting.items():  # rows read while they waited
            headlines.mark(story_id, **{mark: value})
        self._count_sections()
        self.status = f"Saved {counted(len(waiting), 'mark')} made while the library was busy."

    def on_resize(self, event: Resize) -> None:
        self.narrow = event.size.width < NARROW_BELOW
        self._fit_panes()

    def _fit_panes(self) -> None:
        """The section list and the headlines as wide as what they hold (pane_widths); in
        a narrow terminal the stylesheet's widths, for the panes take turns there."""
        from rich.cells import cell_len

        from newsterm.ui.pane_widths import META, pane_widths
        from newsterm.ui.widgets.headline_list import MARKS_WIDTH

        sections, headlines = self.query_one(SectionList), self.query_one(HeadlineList)
        headlines.set_row_lines(self.config.headline_lines if self.config else 1)
        if self.narrow:
            sections.styles.width = headlines.styles.width = None
            return
        stories = headlines.stories
        titles = [cell_len(stories[i].title) for i in range(min(len(stories), 256))]
        lines = sections.line_widths()
        beside = META if headlines.row_lines == 1 else MARKS_WIDTH + 1  # what shares a title's line
        left, middle = pane_widths(self.app.size.width, lines, titles, beside)
        sections.styles.width, headlines.styles.width = left, middle

    # ---- opening stories --------------------------------------------------------------

    def open_story(self, story_id: str, *, from_history: bool = False) -> None:
        article = self.library.get(story_id)
        if article is None:
            self.status = "That story is no longer in the library."
            return
        self._leave_story()
        if not from_history:
            self.history.visit(article.id)
            self._history_moved()
        newly_read = self.library.mark_read(article.id)
        self._show_text(
            article, other_kept=article.from_page and self.library.has_feed_text(article.id)
        )
        self.related = self.library.related(article)
        headlines = self.query_one(HeadlineList)
        headlines.current_id = article.id
        headlines.move_to(article.id)
        if newly_read:
            self._marked(article.id, read=True)
        else:
            headlines.refresh()
        self.reading = True
        self.status = article.title
        if article.id in self.kept.positions:  # back where it was left, once it is laid out
            self.call_after_refresh(self._return_to, article.id, self.kept.positions[article.id])
        self._save_reading()

    def _show_text(self, article: Article, *, other_kept: bool, feed_text: bool = False) -> None:
        """Show this text of the open story, saying which it is (see story_version)."""
        from newsterm.ui.story_version import version_line

        self.feed_text_shown = feed_text
        self.version = version_line(article, other_kept=other_kept)
        self._set_pictures(article)
        self.current = article

    # ---- pictures ---------------------------------------------------------------------

    def _set_pictures(self, article: Article) -> None:
        """Whether the reader shows this story's pictures, and for whom it keeps them."""
        reader = self.query_one(ArticleView)
        starred = self.library.is_starred(article.id)
        reader.kept_by = lambda: article.id if self.library.is_starred(article.id) else None
        shown = self.images_on and self._may_fetch_pictures(article, starred)
        reader.pictures = self._pictures() if shown else None

    def _may_fetch_pictures(self, article: Article, starred: bool) -> bool:
        """config.toml allows this story's pictures: "starred-only", and its feed's `images`
        (`images = "off"` starts the session with them off: `i` may show them)."""
        config = self.config
        if not article.picture_urls:
            return False
        if config is None:
            return True
        if config.images == "starred-only" and not starred:
            return False
        feed_url = self.library.feed_url_of(article.id)
        feed = config.feed(feed_url) if feed_url else None
        return feed is None or feed.images

    def _pictures(self) -> PictureShelf:
        if self._shelf is None:  # imported when first wanted: not before the first paint
            from newsterm.core.images.cache import ImageCache
            from newsterm.ui.pictures import PictureShelf

            config = self.config
            cache = None
            if config is not None and self._keeps_reading:  # `newsterm FILE` leaves nothing
                cache = ImageCache(config.paths.cache_dir / "images", config.image_cache_mb * 2**20)
            timeout = config.fetch_timeout if config is not None else 20
            self._shelf = PictureShelf(cache, timeout)
        return self._shelf

    # Pictures fetched after a refresh, to read offline: the starred stories' (a rule may
    # have starred some) and the newest stories' of `full_text = true` feeds.
    PREFETCH_STARRED = 50
    PREFETCH_PER_FEED = 20

    @work(group="prefetch-pictures", exclusive=True)
    async def prefetch_pictures(self) -> None:
        """After a refresh, in the background: pictures not fetched yet, for reading offline."""
        config = self.config
        if not self.images_on or config is None or not self._keeps_reading:
            return
        shelf = self._pictures()
        wanted = [
            (h.id, True) for h in self.library.headlines(View("starred"))[: self.PREFETCH_STARRED]
        ]
        for feed in config.feeds:
            if feed.full_text and feed.images:
                view = View("saved", name=feed.url, query=f'feed:"{feed.url}" newer:2d')
                wanted += [
                    (h.id, False) for h in self.library.headlines(view)[: self.PREFETCH_PER_FEED]
                ]
        for story_id, starred in wanted:
            await asyncio.sleep(0)  # a story is read from the library at a time: keys go first
            article = self.library.get(story_id)
            keep = starred or self.library.is_starred(story_id)
            if article is None or not self._may_fetch_pictures(article, keep):
                continue
            urls = article.picture_urls
            cache = shelf.cache
            if cache is not None and keep:
                await asyncio.to_thread(cache.keep, urls, story_id)  # those already fetched
            missing = [url for url in urls if cache is None or not cache.has(url)]
            if missing:  # only these are fetched and decoded: the rest are on disk already
                kept_by = (lambda story=story_id: story) if keep else (lambda: None)
                await shelf.load(shelf.spots(missing), kept_by=kept_by)

    def action_toggle_images(self) -> None:
        """`i`: pictures on or off for this session."""
        self.images_on = not self.images_on
        self.status = "Pictures shown" if self.images_on else "Pictures hidden for this session"
        if self.current is not None:
            self._set_pictures(self.current)
            self.query_one(ArticleView).redraw()

    def action_full_article(self) -> None:
        """`x`: the open story's page, fetched and kept; again, the feed's text and back."""
        story = self.current
        if story is None:
            self.status = "Open a story first: x fetches its full article."
        elif self.feed_text_shown:
            if fuller := self.library.get(story.id):
                self._show_text(fuller, other_kept=True)
        elif story.from_page:
            if (feed_text := self.library.feed_text(story.id)) is None:
                self.status = "The feed's text of this story was not kept: this is its page's."
            else:
                self._show_text(feed_text, other_kept=True, feed_text=True)
        elif not story.url:
            self.status = "This story has no page to fetch."
        else:
            self.status = f"Fetching the full article from {story.url}…"
            self.keep_full_text(story, asked=True)

    def _leave_story(self) -> None:
        """Remember where the open story was left, if part-read (read to its end: nowhere)."""
        readers = self.query(ArticleView)  # none once the screen is taken down
        if self.current is None or not readers:
            return
        reader = readers.first()
        self.kept.positions.pop(self.current.id, None)
        if reader.scroll_y > 0 and not reader.at_end:
            self.kept.positions[self.current.id] = reader.scroll_y

    def _return_to(self, story_id: str, where: float) -> None:
        if self.current is not None and self.current.id == story_id:
            self.query_one(ArticleView).scroll_to(y=where, animate=False)

    def _save_reading(self) -> None:
        if self.config is not None and self._keeps_reading:
            self.kept.save(self.config.paths)

    def on_unmount(self) -> None:
        self._leave_story()
        self._save_reading()

    def _history_moved(self) -> None:
        """The footer greys out Back and Forward from these (it rebuilds when they change)."""
        self.can_go_back = self.history.can_go_back
        self.can_go_forward = self.history.can_go_forward

    @on(SectionList.SectionChosen)
    def _section_chosen(self, event: SectionList.SectionChosen) -> None:
        self.view = event.view
        self._close_filter()
        self._list_headlines()
        headlines = self.query_one(HeadlineList)
        headlines.cursor = 0
        headlines.focus()
        self.reading = False
        line = f"{event.view.label}: {counted(len(headlines.stories), 'story', 'stories')}"
        feed = self.library.feed_state_of(event.view)
        self.status = f"{line} · {feed.line()}" if feed else line

    def action_filter(self) -> None:
        bar = self.query_one(FilterBar)
        bar.display = True
        bar.focus()

    @on(Input.Changed, "#filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        from newsterm.core.library.view_query import QueryError, parse

        text = event.value.strip()
        if text == self.narrowed:  # the bar cleared as it closed, or only spaces typed
            return
        try:
            if text:
                parse(text)
        except QueryError as error:
            self.status = f"Filter: {error}"  # the list stays as the last query that read
            return
        self.narrowed = text
        self._list_headlines()
        found = counted(len(self.query_one(HeadlineList).stories), "story", "stories")
        self.status = f"{self.view.label}, filtered: {found}" if text else self.view.label

    @on(Input.Submitted, "#filter")
    def _filter_kept(self) -> None:
        if not self.narrowed:
            self._close_filter()
        self.query_one(HeadlineList).focus()

    @on(FilterBar.Cleared)
    def _filter_cleared(self) -> None:
        self._close_filter()
        self._list_headlines()
        self.query_one(HeadlineList).focus()
        self.status = f"{self.view.label}: every story listed again."

    def _close_filter(self) -> None:
        self.narrowed = ""
        bar = self.query_one(FilterBar)
        bar.value, bar.display = "", False

    @on(SectionList.FoldChanged)
    def _fold_changed(self, event: SectionList.FoldChanged) -> None:
        if event.folded:
            self.kept.folded.add(event.view.key)
        else:
            self.kept.folded.discard(event.view.key)
        self.folded = frozenset(self.kept.folded)
        self._save_reading()

    @on(HeadlineList.StorySelected)
    def _story_selected(self, event: HeadlineList.StorySelected) -> None:
        self.open_story(event.story_id)
        if self.narrow:
            self.query_one(ArticleView).focus()

    @on(RelatedList.RelatedChosen)
    def _related_chosen(self, event: RelatedList.RelatedChosen) -> None:
        self.action_follow_related(event.number)

    # ---- reading actions --------------------------------------------------------------

    def action_follow_related(self, number: int) -> None:
        if self.current is None:
            self.status = "Open a story first: related stories belong to the story you read."
            return
        related = self.related or Related([], [], [])
        entry = related.entry(number)
        if entry is None:
            from newsterm.ui import status_text

            self.status = status_text.related_count(len(related))
            return
        target = self.library.related_id(self.current, entry)  # opened once, below
        if target is None:
            name = entry.story.title if isinstance(entry, Covered) else entry.text
            self.pending_search = name
            self.status = (
                f'No story in the library matches "{name}". Press / to search the library for it.'
            )
            return
        self.open_story(target)

    def action_group_events(self) -> None:
        """One row per event in the headline pane, or every story again."""
        self.grouped = not self.grouped
        self._list_headlines()
        self.status = (
            "One row per event: its freshest story; open it for the others."
            if self.grouped
            else "Every story listed, each event's too."
        )

    def action_toggle_hide_read(self) -> None:
        """This view without its read stories, or with them again; remembered per view.
        The story open stays listed until the list is left."""
        self.kept.hidden ^= {self.view.key}
        self._save_reading()
        self._list_headlines()
        hidden = self.view.key in self.kept.hidden
        self.status = (
            f"{self.view.label}: read stories hidden (H shows them)."
            if hidden
            else f"{self.view.label}: read stories shown too."
        )

    def action_sort_headlines(self) -> None:
        """The next order for this view: newest first, oldest first, by feed, unread first;
        remembered per view. The story open stays where it is, highlighted."""
        orders = list(ORDERS)
        now = self.kept.orders.get(self.view.key, "newest")
        order = orders[(orders.index(now) + 1) % len(orders)]
        if order == "newest":
            self.kept.orders.pop(self.view.key, None)
        else:
            self.kept.orders[self.view.key] = order
        self._save_reading()
        self._list_headlines()
        self.status = f"{self.view.label}: {ORDER_NAMES[order]} (S sorts another way)."

    def action_back(self) -> None:
        story_id = self.history.back()
        self._history_moved()
        if story_id is None:
            self.status = "Nothing to go back to."
            return
        self.open_story(story_id, from_history=True)

    def action_forward(self) -> None:
        story_id = self.history.forward()
        self._history_moved()
        if story_id is None:
            self.status = "Nothing to go forward to."
            return
        self.open_story(story_id, from_history=True)

    def _step(self, delta: int) -> None:
        headlines = self.query_one(HeadlineList)
        if not headlines.stories:
            return
        row = headlines.row_of(self.current.id) if self.current else None
        target = headlines.cursor if row is None else row + delta
        if not 0 <= target < len(headlines.stories):
            self.status = "No more stories in this list."
            return
        self.open_story(headlines.stories[target].id)

    def action_next_story(self) -> None:
        self._step(+1)

    def action_previous_story(self) -> None:
        self._step(-1)

    def _step_unread(self, step: int) -> None:
        """Open the nearest unread story past the open one (or from the highlighted row)."""
        headlines = self.query_one(HeadlineList)
        if not headlines.stories:
            self.status = "No stories in this list."
            return
        row = headlines.row_of(self.current.id) if self.current else None
        if row is None:  # nothing open here: from the highlighted row, itself if unread
            row = headlines.cursor
            if not headlines.stories[row].read:
                self.open_story(headlines.stories[row].id)
                return
        target = headlines.nearest_unread(row, step)
        if target is None:
            way = "below" if step > 0 else "above"
            self.status = f"No unread stories {way} this one in this list."
            return
        self.open_story(headlines.stories[target].id)

    def action_next_unread(self) -> None:
        self._step_unread(+1)

    def action_previous_unread(self) -> None:
        self._step_unread(-1)

    def action_read_on(self) -> None:
        """Page down the open story; once all of it has been shown, the next unread one."""
        reader = self.query_one(ArticleView)
        if self.current is not None and self.reading and not reader.at_end:
            reader.scroll_page_down(animate=False)
        else:
            self._step_unread(+1)

    def action_mark_view_read(self) -> None:
        """Every unread story of the view read, once the count is confirmed; `u` undoes it.
        In the section list, the highlighted section or feed is meant, listed or not."""
        sections = self.query_one(SectionList)
        highlighted = sections.highlighted_view if sections.has_focus else None
        view, now = highlighted or self.view, self.clock()
        narrowed = self.narrowed if view == self.view else ""  # what is listed, filtered
        unread = self.library.unread_in(view, now, narrowed)
        if not unread:
            self.status = f"Nothing unread in {view.label}."
            return

        def answered(answer: str | None) -> None:
            if answer is None or answer.lower() not in ("y", "yes"):
                self.status = "Nothing marked."
                return
            marked: list[str] = []

            def mark() -> None:
                marked.extend(self.library.mark_view_read(view, now, narrowed))

            if not self._stored(mark):
                return
            self.last_bulk = (view.label, marked)
            self._marks_changed()
            self.status = f"Marked {counted(len(marked), 'story', 'stories')} in {view.label} "
            self.status += "read. Press u to undo."

        from newsterm.ui.screens.ask import AskScreen

        stories = counted(unread, "unread story", "unread stories")
        where = f"{view.label} (filtered)" if narrowed else view.label
        question = f"Mark {stories} in {where} read? (yes/no)"
        self.app.push_screen(AskScreen(question, placeholder="yes"), answered)

    def action_undo_marks(self) -> None:
        if self.last_bulk is None:
            self.status = "Nothing to undo: u undoes the last mark-all-read."
            return
        label, marked = self.last_bulk
        if not self._stored(lambda: self.library.mark_unread(marked)):
            return
        self.last_bulk = None
        self._marks_changed()
        self.status = f"{counted(len(marked), 'story', 'stories')} in {label} unread again."

    def _marks_changed(self) -> None:
        """Many marks changed at once: count and list again (the open story stays open)."""
        self._count_sections()
        self._list_headlines()

    def _target(self) -> Article | Headline | None:
        """The story an action means: the highlighted headline in the list, else the open one."""
        headlines = self.query_one(HeadlineList)
        if headlines.has_focus and headlines.highlighted:
            return headlines.highlighted
        return self.current or headlines.highlighted

    def action_toggle_read(self) -> None:
        if story := self._target():
            read = self.library.toggle_read(story.id)
            self._marked(story.id, read=read)
            self.status = f"Marked {'read' if read else 'unread'}: {story.title}"

    def action_toggle_star(self) -> None:
        if story := self._target():
            starred = self.library.toggle_star(story.id)
            self._marked(story.id, starred=starred)
            self.status = f"{'Starred' if starred else 'Unstarred'}: {story.title}"
            self._keep_pictures(story, starred)
            if starred:
                self.keep_for_offline(story.id)

    def _keep_pictures(self, story: Article | Headline, starred: bool) -> None:
        """A starred story's pictures stay cached until it is unstarred; starring fetches
        the ones not fetched yet (where the settings allow its pictures at all)."""
        shelf = self._pictures()
        article = story if isinstance(story, Article) else self.library.get(story.id)
        if shelf.cache is None or article is None or not (urls := article.picture_urls):
            return
        self.run_worker(
            asyncio.to_thread(
                shelf.cache.keep if starred else shelf.cache.release, urls, article.id
            ),
            group="keep-pictures",
        )
        if starred and self.images_on and self._may_fetch_pictures(article, starred=True):
            kept_by = lambda: article.id if self.library.is_starred(article.id) else None  # noqa: E731
            self.run_worker(shelf.load(shelf.spots(urls), kept_by=kept_by), group="keep-pictures")
        if self.current is not None and self.current.id == article.id:
            self._set_pictures(self.current)  # "starred-only" shows them now, or no longer
            self.query_one(ArticleView).redraw()

    def action_open_link(self) -> None:
        from newsterm.ui.open_link import open_link

        story = self._target()
        self._opened(open_link(story.url if story else None))

    def _opened(self, opened: Opened) -> None:
        self.status = opened.line
        if opened.to_copy:  # in a notification that wraps: the status line may cut it short
            title = "No browser could be started"
            self.notify(opened.to_copy, title=title, severity="warning", markup=False)

    def action_pick_link(self, copy: bool = False) -> None:
        """`l` opens, `y` copies, one of the story's links, its page (0) or attachments."""
        from newsterm.ui.screens.link_picker import LinkPicker, story_targets

        # The reader's numbers are the open story's; with none open, the highlighted one's.
        story = self.current or self.query_one(HeadlineList).highlighted
        article = self.library.get(story.id) if isinstance(story, Headline) else story
        targets = story_targets(article) if article else []
        if article is None or not targets:
            self.status = "This story has no links."
            return
        question = f"{'Copy' if copy else 'Open'} which link of “{article.title}”?"
        done = self._copy_target if copy else self._open_target
        self.app.push_screen(LinkPicker(question, targets), done)

    def _open_target(self, target: Target | None) -> None:
        from newsterm.ui.open_link import open_target

        if target is not None:
            self._opened(open_target(target, self.config.players if self.config else ()))

    def _copy_target(self, target: Target | None) -> None:
        from newsterm.ui.clipboard import refusing_terminal

        if target is None:
            return
        self.app.copy_to_clipboard(target.url)
        if terminal := refusing_terminal():
            self.status = f"{terminal} does not take copies from programs: copy it by hand"
            self.notify(target.url, title="The link", severity="warning", markup=False)
        else:
            self.status = f"Copied {target.url}"

    def action_focus_related(self) -> None:
        related = self.query_one(RelatedList)
        if not related.display:
            self.status = "The open story has no related stories to follow."
            return
        self.reading = True
        related.focus()

    def action_close_reader(self) -> None:
        if self.reading:
            self.reading = False
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out in the footer and palette what cannot be done now."""
        if action == "back":
            return self.can_go_back or None
        if action == "forward":
            return self.can_go_forward or None
        if action == "close_reader":
            return self.narrow and self.reading
        return True

    def on_descendant_focus(self) -> None:
        if self.narrow and self.query_one(HeadlineList).has_focus:
            self.reading = False

    # ---- feeds ------------------------------------------------------------------------
    # The workers' bodies and messages (feed_work) load with the first worker, not at
    # start-up; their messages are handled by name (on_<message>), as Textual dispatches.

    def _account(self) -> Account | None:
        """The sync server's account, when config.toml names one (`[account]`)."""
        config = self.watched.config
        return config.account if config else None

    @work(exclusive=True, group="refresh")
    async def refresh_feeds(
        self, feeds: Sequence[Subscription], force: bool, *, sync: bool = True
    ) -> None:
        """Fetch and store in the background (and sync with the account's server, unless
        one feed alone is refreshed); keys keep working throughout."""
        from newsterm.ui.screens import feed_work

        post = self.post_message
        watched = self.watched
        config = watched.config
        await feed_work.refresh(
            self.library,
            feeds,
            force=force,
            timeout=watched.timeout,
            keep_read_days=watched.keep_read_days,
            rules=config.rules if config else (),
            watched=[(v.name, v.query) for v in config.views if v.notify] if config else [],
            post=post,
            account=self._account() if sync else None,
        )

    def _refresh_due(self) -> None:
        self.reload_config_if_changed()
        if not self.watched.problem:
            self.refresh_feeds(self.library.feeds, force=False)

    @work(exclusive=True, group="backlog")
    async def match_backlog(self) -> None:
        """Stories stored by an earlier newsterm get their related stories, in the
        background: after a refresh (which matches the new ones as it stores them), or at
        the first paint of a library without feeds."""
        from newsterm.ui.screens import feed_work

        await feed_work.match_backlog(self.library, post=self.post_message)

    def on_backlog_matched(self, event: BacklogMatched) -> None:
        self._list_headlines()  # their rows count the other outlets' stories now
        self._find_related()
        self.status = f"Found the related stories of {counted(event.matched, 'story', 'stories')}."

    def _find_related(self) -> None:
        """The open story's related list, read again (unchanged, it is not redrawn)."""
        if self.current is not None:
            related = self.library.related(self.current)
            if related != self.related:
                self.related = related

    def on_reported(self, event: Reported) -> None:
        self.status = event.line

    def on_feeds_refreshed(self, event: FeedsRefreshed) -> None:
        from newsterm.ui import status_text

        refreshed = event.refreshed
        self._count_sections()
        self._list_headlines()
        self._find_related()  # another outlet's report of the open story may have come
        if refreshed.unsaved:
            self.status = line = f"Not saved: {refreshed.not_saved_line()}"
            self.notify(line, title="Refresh not saved", severity="warning", markup=False)
            return
        for name, found in refreshed.noticed:
            self._notice(name, found)
        self.offline = refreshed.offline
        if self.offline:
            self.status = status_text.offline(self.library, self.sections[0])
        else:
            self.status = status_text.refreshed(refreshed)
        if refreshed.synced is not None and not self.offline:
            from newsterm.core.sync.session import sync_line

            line = sync_line(refreshed.synced)
            self.status = line if refreshed.synced.error else f"{self.status} · {line}"
        if self.library.backlog():
            self.match_backlog()
        if not self.offline:
            self.prefetch_pictures()

    def _notice(self, view: str, found: int) -> None:
        """A watched view has new stories: said in the reader and on the desktop."""
        from newsterm.ui.desktop_notice import notice_sequence

        body = f"{counted(found, 'new story', 'new stories')} in {view}"
        self.notify(body, title="newsterm", markup=False)
        driver = self.app._driver  # the terminal's own channel: Textual has no API for it
        if driver is not None:
            driver.write(notice_sequence("newsterm", body))

    def action_refresh_all(self) -> None:
        self.reload_config_if_changed()  # a feed added from the command line is refreshed too
        if self._refused("Not refreshed"):
            return
        if not self.library.feeds and not self._account():
            self.status = "Nothing to refresh: these stories come from files, not feeds."
            return
        self.refresh_feeds(self.library.feeds, force=True)

    def action_refresh_feed(self) -> None:
        if self._refused("Not refreshed"):
            return
        feed = self._target_feed()
        if feed is None:
            self.status = NOT_A_FEED
            return
        self.refresh_feeds([feed], force=True, sync=False)

    def _target_feed(self) -> Subscription | None:
        """The feed an action means: the highlighted feed in the section list, else the
        feed of the story in hand, else the feed whose section is listed (one with no
        stories, or failing, can be refreshed and removed too)."""
        sections = self.query_one(SectionList)
        if sections.has_focus:
            view = sections.highlighted_view
            return self.library.feed_of_view(view) if view else None
        story = self._target()
        url = self.library.feed_url_of(story.id) if story else None
        feed = next((f for f in self.library.feeds if f.url == url), None)
        return feed or self.library.feed_of_view(self.view)

    def _feed_of_target(self) -> Subscription | None:
        if self._refused():
            return None
        feed = self._target_feed()
        if feed is None or self.config is None:
            self.status = NOT_A_FEED
            return None
        return feed

    def action_remove_feed(self) -> None:
        feed = self._feed_of_target()
        if feed is None:
            return
        name = feed.title or feed.url

        def answered(answer: str | None) -> None:
            if answer is None or answer.lower() not in ("y", "yes"):
                self.status = "Kept the feed."
                return
            from newsterm import subscriptions

            if not self._save(lambda c: subscriptions.unsubscribe(c, self.library, feed.url)):
                return
            if self.current and not self.library.holds(self.current.id):
                # Its story went with the feed: say so where it was, and stop showing it.
                self.query_one(ArticleView).note(f"Removed {name}; this story went with it.")
                self.current = None
            self._count_sections()
            self._list_headlines()
            self.status = f"Removed {name}; its starred stories are kept."

        from newsterm.ui.screens.ask import AskScreen  # dialogs load when first asked for

        self.app.push_screen(AskScreen(f"Remove {name}? (yes/no)", placeholder="yes"), answered)

    def action_move_feed(self) -> None:
        feed = self._feed_of_target()
        if feed is None:
            return

        def answered(answer: str | None) -> None:
            if answer is None:
                return
            from newsterm import subscriptions

            sections = split_section(answer)
            if not self._save(lambda c: subscriptions.refile(c, self.library, feed.url, sections)):
                return
            self._count_sections()
            self._list_headlines()
            self.status = f"Moved {feed.title or feed.url} to {' › '.join(sections) or 'the top'}."

        from newsterm.ui.screens.ask import AskScreen

        current = "/".join(feed.sections)
        self.app.push_screen(
            AskScreen("Move this feed to section (nested with /):", current), answered
        )

    def action_add_feed(self) -> None:
        if self._refused():
            return
        if self.config is None or not self.library.is_personal:
            self.status = "Feeds are added to your library: run newsterm without file arguments."
            return
        from newsterm.ui.screens.add_feed import AddFeedScreen

        self.app.push_screen(AddFeedScreen(), self._feed_chosen)

    def _feed_chosen(self, new: NewFeed | None) -> None:
        if new is not None:
            self.add_feed(new)

    @work(exclusive=True, group="add-feed")
    async def add_feed(self, new: NewFeed) -> None:
        from newsterm.ui.screens import feed_work

        timeout = self.watched.timeout
        await feed_work.check_feed(new.url, new.section, timeout=timeout, post=self.post_message)

    def on_feed_checked(self, event: FeedChecked) -> None:
        from newsterm import subscriptions

        found = event.found
        feed = Subscription(found.url, found.title, split_section(event.section))
        if not self._save(lambda config: subscriptions.subscribe(config, feed)):
            return
        self.status = f"Added {found.url} ({found.note})"
        self.refresh_feeds([feed], force=True, sync=False)

    def keep_for_offline(self, story_id: str) -> None:
        """A starred story from a feed that is only a summary gets its page fetched."""
        article = self.library.get(story_id)
        if article and self.library.feeds and article.summary_only:
            self.keep_full_text(article)

    @work(group="full-text")
    async def keep_full_text(self, article: Article, asked: bool = False) -> None:
        """A story's page fetched (`x`, or a starred summary-only story), so it reads in full
        offline."""
        from newsterm.ui.screens import feed_work

        timeout = self.watched.timeout
        post = self.post_message
        await feed_work.fetch_full_text(article, timeout=timeout, post=post, asked=asked)

    def on_full_text_fetched(self, event: FullTextFetched) -> None:
        fuller = event.article
        if not self._stored(lambda: self.library.keep_article(fuller)):
            return
        if self.current and self.current.id == fuller.id:
            self._show_text(fuller, other_kept=True)
        if event.asked:
            self.status = f"The full article, kept for offline reading: {fuller.title}"
        else:
            self.status = f"Starred and kept in full for offline reading: {fuller.title}"

    def _stored(self, write: Callable[[], object]) -> bool:
        """Run a write to the library; False, with the reason shown, when it could not be
        done now (another process writing, a full disk): the library is as it was."""
        try:
            write()
        except WriteFailed as error:
            self.status = f"Not saved: {error}"
            return False
        return True

    # ---- config.toml ------------------------------------------------------------------

    def reload_config_if_changed(self) -> None:
        """Read config.toml again if it was saved since it was last read (one stat)."""
        before = self.config.images if self.config is not None else None
        reread = self.watched.reread_if_saved()
        if reread is None:
            return
        self.config_problem = self.watched.problem
        if self.config is not None and self.config.images != before:
            self.images_on = self.config.images != "off"  # as saved, until `i` again
        self._count_sections()  # its views may have changed
        if reread.reads_again:
            self.status = reread.reads_again
        for warning in reread.warnings:
            self.notify(warning, title="Not used", severity="warning", markup=False)

    def _refused(self, what: str = "Not saved") -> bool:
        """Nothing that saves or refreshes subscriptions runs while config.toml cannot be
        read: what it lists is not known."""
        if refusal := self.watched.refusal(what):
            self.status = refusal
        return refusal is not None

    def _save(self, change: Callable[[Config], Changed]) -> bool:
        """Save a change to config.toml as it is now; False, with the reason shown, if not."""
        self.reload_config_if_changed()
        problem = self.watched.save(change)
        if problem:
            self.status = problem
        return problem is None
