"""What the main screen does with feeds: refresh, add, remove, move, keep full texts.

A base for MainScreen, so the reading screen stays about reading. All network
work runs in workers (the screen answers keys throughout) and reports through
`status()`; the network and parsing stack loads on first use, not at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen

from newsterm.config import DEFAULT_FETCH_TIMEOUT, Config
from newsterm.config_check import split_section
from newsterm.core.library import Library
from newsterm.core.model import Article, Subscription
from newsterm.core.store import Headline
from newsterm.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from newsterm.core.fetch import Fetcher
    from newsterm.core.refresh import FeedResult
    from newsterm.ui.screens.add_feed import NewFeed

FEED_BINDINGS = [
    Binding(
        "r",
        "refresh_feed",
        "Refresh",
        show=False,
        id="refresh_feed",
        tooltip="Refresh the feed of the highlighted story",
    ),
    Binding(
        "R",
        "refresh_all",
        "Refresh all",
        id="refresh_all",
        tooltip="Refresh every subscription",
    ),
    Binding(
        "D",
        "remove_feed",
        "Remove feed",
        show=False,
        id="remove_feed",
        tooltip="Unsubscribe from the feed of this story (starred stories are kept)",
    ),
    Binding(
        "M",
        "move_feed",
        "Move feed",
        show=False,
        id="move_feed",
        tooltip="File the feed of this story under another section",
    ),
    Binding(
        "a",
        "add_feed",
        "Add feed",
        show=False,
        id="add_feed",
        tooltip="Subscribe to a feed by URL",
    ),
]


class FeedScreen(Screen[None]):
    """Feed actions shared by the reading screen; subclasses provide the views they update."""

    library: Library
    config: Config | None
    offline: bool
    current: Article | None

    class FeedsRefreshed(Message):
        """A refresh finished: the screen reloads its lists, keeping the reader's place."""

        def __init__(self, results: list[FeedResult]) -> None:
            self.results = results
            super().__init__()

    # ---- what a subclass provides -----------------------------------------------------

    def status(self, message: str) -> None:
        raise NotImplementedError

    def _summary(self) -> str:
        raise NotImplementedError

    def _target(self) -> Article | Headline | None:
        raise NotImplementedError

    def _refresh_sections(self) -> None:
        raise NotImplementedError

    def _refresh_headlines(self) -> None:
        raise NotImplementedError

    # ---- refreshing -------------------------------------------------------------------

    def _fetcher(self) -> Fetcher:
        from newsterm.core.fetch import Fetcher  # the network stack loads on first use

        timeout = self.config.fetch_timeout if self.config else DEFAULT_FETCH_TIMEOUT
        return Fetcher(total_deadline=timeout)

    def _refresh_due(self) -> None:
        self.refresh_feeds(self.library.feeds, force=False)

    @work(exclusive=True, group="refresh")
    async def refresh_feeds(self, feeds: Sequence[Subscription], force: bool) -> None:
        """Fetch and store in the background; keys keep working throughout."""
        # The network and parsing stack loads here, not at start-up.
        from newsterm.core.parser_pool import parser_pool
        from newsterm.core.refresh import refresh

        self.status(f"Refreshing {len(feeds)} feeds…")

        def progress(result: FeedResult, done: int, total: int) -> None:
            self.status(f"Refreshing {done}/{total}: {result.line()}")

        executor = parser_pool(len(feeds))  # processes keep parsing off the keys' core
        try:
            async with self._fetcher() as fetcher:
                results = await refresh(
                    feeds,
                    self.library.store,
                    fetcher,
                    force=force,
                    executor=executor,
                    progress=progress,
                )
        finally:
            if executor is not None:
                executor.shutdown(wait=False, cancel_futures=True)
        self.post_message(self.FeedsRefreshed(results))

    @on(FeedsRefreshed)
    def _feeds_refreshed(self, event: FeedsRefreshed) -> None:
        if self.config:
            self.library.store.prune(self.config.keep_read_days)
        self._refresh_sections()
        self._refresh_headlines()
        results = event.results
        new = sum(r.new for r in results)
        failed = [r for r in results if r.outcome == "error"]
        self.offline = (
            bool(failed) and len(failed) == len(results) and all(r.offline for r in failed)
        )
        if self.offline:
            self.status(f"offline: showing your library as last refreshed · {self._summary()}")
            return
        line = f"Refreshed {len(results)} feeds: {new} new"
        if failed:
            line += f", {len(failed)} failed ({failed[0].line()})"
        self.status(line)

    def action_refresh_all(self) -> None:
        if not self.library.feeds:
            self.status("Nothing to refresh: these stories come from files, not feeds.")
            return
        self.refresh_feeds(self.library.feeds, force=True)

    def action_refresh_feed(self) -> None:
        story = self._target()
        url = self.library.store.feed_url_of(story.id) if story else None
        feed = next((f for f in self.library.feeds if f.url == url), None)
        if feed is None:
            self.status("This story does not come from one of your feeds.")
            return
        self.refresh_feeds([feed], force=True)

    def _feed_of_target(self) -> Subscription | None:
        story = self._target()
        url = self.library.store.feed_url_of(story.id) if story else None
        feed = next((f for f in self.library.feeds if f.url == url), None)
        if feed is None or self.config is None:
            self.status("This story does not come from one of your feeds.")
            return None
        return feed

    def action_remove_feed(self) -> None:
        feed = self._feed_of_target()
        if feed is None:
            return
        name = feed.title or feed.url

        def answered(answer: str | None) -> None:
            if answer is None or answer.lower() not in ("y", "yes"):
                self.status("Kept the feed.")
                return
            from newsterm import subscriptions

            assert self.config is not None
            self.config, _ = subscriptions.remove(self.config, feed.url)
            self.library.feeds = self.config.feeds
            self.library.store.remove_feed(feed.url)
            self._refresh_sections()
            self._refresh_headlines()
            self.status(f"Removed {name}; its starred stories are kept.")

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

            assert self.config is not None
            sections = split_section(answer)
            self.config, _ = subscriptions.add(self.config, replace(feed, sections=sections))
            self.library.feeds = self.config.feeds
            self.library.store.move_feed(feed.url, sections)
            self._refresh_sections()
            self._refresh_headlines()
            self.status(f"Moved {feed.title or feed.url} to {' › '.join(sections) or 'the top'}.")

        from newsterm.ui.screens.ask import AskScreen

        current = "/".join(feed.sections)
        self.app.push_screen(
            AskScreen("Move this feed to section (nested with /):", current), answered
        )

    def action_add_feed(self) -> None:
        if self.config is None or not self.library.is_personal:
            self.status("Feeds are added to your library: run newsterm without file arguments.")
            return
        from newsterm.ui.screens.add_feed import AddFeedScreen

        self.app.push_screen(AddFeedScreen(), self._feed_chosen)

    def _feed_chosen(self, new: NewFeed | None) -> None:
        if new is not None:
            self.add_feed(new)

    @work(exclusive=True, group="add-feed")
    async def add_feed(self, new: NewFeed) -> None:
        from newsterm import subscriptions
        from newsterm.core.fetch import FetchError

        assert self.config is not None
        self.status(f"Checking {new.url}…")
        try:
            async with self._fetcher() as fetcher:
                found = await subscriptions.find_feed(fetcher, new.url)
        except FetchError as error:
            self.status(f"Not added: {error.message}")
            return
        feed = Subscription(found.url, found.title, split_section(new.section))
        self.config, _ = subscriptions.add(self.config, feed)
        self.library.feeds = self.config.feeds
        self.status(f"Added {found.url} ({found.note})")
        self.refresh_feeds([feed], force=True)

    def keep_for_offline(self, story_id: str) -> None:
        """A starred story from a feed that is only a summary gets its page fetched."""
        from newsterm.core.fulltext import needs_full_text

        article = self.library.get(story_id)
        if article and self.library.feeds and needs_full_text(article):
            self.keep_full_text(article)

    @work(group="full-text")
    async def keep_full_text(self, article: Article) -> None:
        """A starred summary-only story gets its page fetched, so it reads in full offline."""
        from newsterm.core.fetch import FetchError
        from newsterm.core.fulltext import full_text

        try:
            async with self._fetcher() as fetcher:
                fuller = await full_text(fetcher, article)
        except FetchError as error:
            self.status(f"Starred, but its full text could not be fetched: {error.message}")
            return
        if fuller is None:
            return
        self.library.store.replace_article(fuller)
        if self.current and self.current.id == fuller.id:
            self.current = fuller
            self.query_one(ArticleView).show(fuller)
        self.status(f"Starred and kept in full for offline reading: {fuller.title}")
