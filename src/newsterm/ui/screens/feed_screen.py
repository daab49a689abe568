"""What the main screen does with feeds: refresh, add, remove, move, keep full texts.

A base for MainScreen, so the reading screen stays about reading. All network
work runs in workers (the screen answers keys throughout) and reports through
`status()`; the network and parsing stack loads on first use, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from newsterm.config import DEFAULT_FETCH_TIMEOUT, Config, ConfigError
from newsterm.config_check import split_section
from newsterm.core.library import Library, View, WriteFailed
from newsterm.core.model import Article, Headline, Subscription
from newsterm.core.text.counted import counted
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.section_list import SectionList

if TYPE_CHECKING:
    from newsterm.core.refresh.feeds import FeedResult
    from newsterm.core.refresh.session import Refreshed
    from newsterm.subscriptions import Changed
    from newsterm.ui.screens.add_feed import NewFeed

CONFIG_LOOK_SECONDS = 2.0
"""How often config.toml is looked at (one stat) for changes made outside the reader."""

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
    view: View
    config: Config | None
    offline: bool
    current: Article | None
    _config_seen: tuple[int, int, int] | None = None

    class FeedsRefreshed(Message):
        """A refresh finished: the screen reloads its lists, keeping the reader's place."""

        def __init__(self, refreshed: Refreshed) -> None:
            self.refreshed = refreshed
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

    def _timeout(self) -> float:
        return self.config.fetch_timeout if self.config else DEFAULT_FETCH_TIMEOUT

    def _refresh_due(self) -> None:
        self.reload_config_if_changed()
        if not self._config_unreadable():
            self.refresh_feeds(self.library.feeds, force=False)

    @work(exclusive=True, group="refresh")
    async def refresh_feeds(self, feeds: Sequence[Subscription], force: bool) -> None:
        """Fetch and store in the background; keys keep working throughout."""
        # The network and parsing stack loads here, not at start-up.
        from newsterm.core.refresh.session import refresh_library

        self.status(f"Refreshing {counted(len(feeds), 'feed')}…")

        def progress(result: FeedResult, done: int, total: int) -> None:
            self.status(f"Refreshing {done}/{total}: {result.line()}")

        readable = self.config is not None and not self.config.unreadable
        refreshed = await refresh_library(
            self.library,
            feeds,
            timeout=self._timeout(),
            force=force,
            # How long to keep read stories is unknown while config.toml is unreadable.
            keep_read_days=self.config.keep_read_days if readable and self.config else None,
            progress=progress,
            wait_for_workers=False,
        )
        self.post_message(self.FeedsRefreshed(refreshed))

    @on(FeedsRefreshed)
    def _feeds_refreshed(self, event: FeedsRefreshed) -> None:
        refreshed = event.refreshed
        self._refresh_sections()
        self._refresh_headlines()
        if refreshed.unsaved:
            line = f"Not saved: {refreshed.not_saved_line()}"
            self.status(line)
            self.notify(line, title="Refresh not saved", severity="warning", markup=False)
            return
        self.offline = refreshed.offline
        if self.offline:
            self.status(f"offline: showing your library as last refreshed · {self._summary()}")
            return
        line = f"Refreshed {counted(len(refreshed.results), 'feed')}: {refreshed.new} new"
        if refreshed.failed:
            line += f", {len(refreshed.failed)} failed ({refreshed.failed[0].line()})"
        self.status(line)

    def action_refresh_all(self) -> None:
        self.reload_config_if_changed()  # a feed added from the command line is refreshed too
        if self._refused("Not refreshed"):
            return
        if not self.library.feeds:
            self.status("Nothing to refresh: these stories come from files, not feeds.")
            return
        self.refresh_feeds(self.library.feeds, force=True)

    def action_refresh_feed(self) -> None:
        if self._refused("Not refreshed"):
            return
        feed = self._target_feed()
        if feed is None:
            self.status("This story does not come from one of your feeds.")
            return
        self.refresh_feeds([feed], force=True)

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

            if not self._save(lambda c: subscriptions.unsubscribe(c, self.library, feed.url)):
                return
            if self.current and self.library.get(self.current.id) is None:
                self.current = None  # its story went with the feed: do not keep showing it
                self.query_one(ArticleView).note(f"Removed {name}; this story went with it.")
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

            sections = split_section(answer)
            if not self._save(lambda c: subscriptions.refile(c, self.library, feed.url, sections)):
                return
            self._refresh_sections()
            self._refresh_headlines()
            self.status(f"Moved {feed.title or feed.url} to {' › '.join(sections) or 'the top'}.")

        from newsterm.ui.screens.ask import AskScreen

        current = "/".join(feed.sections)
        self.app.push_screen(
            AskScreen("Move this feed to section (nested with /):", current), answered
        )

    def action_add_feed(self) -> None:
        if self._refused():
            return
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
        from newsterm.core.net.fetch import FetchError

        assert self.config is not None
        self.status(f"Checking {new.url}…")
        try:
            found = await subscriptions.check_feed(new.url, self._timeout())
        except FetchError as error:
            self.status(f"Not added: {error.message}")
            return
        feed = Subscription(found.url, found.title, split_section(new.section))
        if not self._save(lambda config: subscriptions.Changed(subscriptions.add(config, feed)[0])):
            return
        self.status(f"Added {found.url} ({found.note})")
        self.refresh_feeds([feed], force=True)

    def keep_for_offline(self, story_id: str) -> None:
        """A starred story from a feed that is only a summary gets its page fetched."""
        from newsterm.core.refresh.fulltext import needs_full_text

        article = self.library.get(story_id)
        if article and self.library.feeds and needs_full_text(article):
            self.keep_full_text(article)

    @work(group="full-text")
    async def keep_full_text(self, article: Article) -> None:
        """A starred summary-only story gets its page fetched, so it reads in full offline."""
        from newsterm.core.net.fetch import Fetcher, FetchError
        from newsterm.core.refresh.fulltext import full_text

        try:
            async with Fetcher(total_deadline=self._timeout()) as fetcher:
                fuller = await full_text(fetcher, article)
        except FetchError as error:
            self.status(f"Starred, but its full text could not be fetched: {error.message}")
            return
        if fuller is None or not self._stored(lambda: self.library.keep_article(fuller)):
            return
        if self.current and self.current.id == fuller.id:
            self.current = fuller
            self.query_one(ArticleView).show(fuller)
        self.status(f"Starred and kept in full for offline reading: {fuller.title}")

    def _stored(self, write: Callable[[], object]) -> bool:
        """Run a write to the library; False, with the reason shown, when it could not be
        done now (another process writing, a full disk): the library is as it was."""
        try:
            write()
        except WriteFailed as error:
            self.status(f"Not saved: {error}")
            return False
        return True

    # ---- config.toml ------------------------------------------------------------------

    def follow_config_file(self) -> None:
        """Show whether config.toml could be read, then look at it every few seconds: a
        feed added from the command line is refreshed too, and a fixed file is read again."""
        if self.config is None:
            return
        self._config_seen = _stamp(self.config)
        self._show_config_problem()
        self.set_interval(CONFIG_LOOK_SECONDS, self.reload_config_if_changed)

    def reload_config_if_changed(self) -> None:
        """Read config.toml again if it was saved since it was last read (one stat)."""
        stamp = _stamp(self.config) if self.config else None
        if self.config is None or stamp == self._config_seen:
            return
        self._config_seen = stamp
        before = self.config
        self.config = Config.load(before.paths)
        if self.library.is_personal and not self.config.unreadable:
            self.library.feeds = self.config.feeds
        self._show_config_problem()
        if before.unreadable and not self.config.unreadable:
            feeds = counted(len(self.config.feeds), "subscription")
            self.status(f"{self.config.paths.config_file} reads again: {feeds}")
        for warning in self.config.warnings:
            if warning not in before.warnings:
                self.notify(warning, title="Not used", severity="warning", markup=False)

    def _config_unreadable(self) -> str | None:
        return self.config.unreadable if self.config else None

    def _refused(self, what: str = "Not saved") -> bool:
        """Nothing that saves or refreshes subscriptions runs while config.toml cannot be
        read: what it lists is not known."""
        problem = self._config_unreadable()
        if problem:
            self.status(f"{what}: {problem}")
        return problem is not None

    def _save(self, change: Callable[[Config], Changed]) -> bool:
        """Save a change to the subscriptions, made to config.toml as it is now (a feed added
        from the command line meanwhile is kept); False, with the reason shown, if it cannot
        be saved."""
        self.reload_config_if_changed()
        if self.config is None or self._refused():
            return False
        try:
            changed = change(self.config)
        except ConfigError as error:
            self.status(str(error))
            return False
        self.config = changed.config
        self._config_seen = _stamp(self.config)
        self.library.feeds = self.config.feeds
        if changed.not_stored:  # config.toml changed; the library could not follow
            self.status(f"Not saved: {changed.not_stored}")
            return False
        return True

    def _show_config_problem(self) -> None:
        """The line naming what is wrong in config.toml stays on screen until it is fixed."""
        banner = self.query_one("#config-problem", Static)
        problem = self._config_unreadable()
        banner.update(
            Text(
                f"{problem} · your subscriptions are read-only until it is fixed" if problem else ""
            )
        )
        banner.set_class(problem is not None, "-shown")


def _stamp(config: Config) -> tuple[int, int, int] | None:
    """What changes when config.toml is saved (a save replaces the file: a new inode)."""
    try:
        found = config.paths.config_file.stat()
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size
