"""The façade the UI and CLI call: what is in the library, what is read, what is related.

Always backed by a `Store`: the person's library file, or an in-memory one
for the files named on the command line and for the bundled demo. So every
view, the search and related-story look-ups work the same way everywhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

from newsterm.core.library.coverage import Covered, Listed, Related
from newsterm.core.library.query import ORDERS, Order
from newsterm.core.library.records import section_path
from newsterm.core.library.rules import Rule
from newsterm.core.library.store import (
    BUSY,
    MEMORY,
    WRITE_WAIT,
    Query,
    Store,
    StoreError,
    WriteFailed,
)
from newsterm.core.library.view_query import both, sql_for
from newsterm.core.library.window import HeadlineWindow
from newsterm.core.model import Article, Document, FeedState, Link, Mark, SearchHit, Subscription

__all__ = [
    "BUSY", "ORDERS", "Covered", "Library", "Listed", "Order", "Related", "SectionEntry",
    "StoreError", "View", "WriteFailed",
]  # fmt: skip

TODAY = timedelta(hours=24)
"""How far back the Today view reaches."""

ViewKind = Literal["all", "unread", "today", "starred", "section", "saved"]
_SAMPLE_SUFFIXES = frozenset({".txt", ".html", ".xml"})


@dataclass(frozen=True, slots=True)
class View:
    """Which headlines to list: a smart view, or one section (and everything below it)."""

    kind: ViewKind
    section: tuple[str, ...] = ()
    name: str = ""
    """A saved view's name (config.toml `[[view]]`)."""
    query: str = ""
    """A saved view's query (library/view_query.py), checked when config.toml was read."""

    @property
    def label(self) -> str:
        if self.kind == "saved":
            return self.name
        return " › ".join(self.section) if self.kind == "section" else self.kind.title()

    @property
    def key(self) -> str:
        """The view's name where choices about it are remembered."""
        if self.kind == "saved":
            return "view:" + self.name
        return "section:" + section_path(self.section) if self.kind == "section" else self.kind


SMART_VIEWS = (View("all"), View("unread"), View("today"), View("starred"))


@dataclass(frozen=True, slots=True)
class SectionEntry:
    view: View
    total: int
    unread: int
    feed: FeedState | None = None
    """Set when the section is one subscription's own (its stories, its state)."""

    @property
    def depth(self) -> int:
        return max(0, len(self.view.section) - 1)


@dataclass(slots=True)
class Library:
    store: Store
    origin: str = ""
    errors: list[str] = field(default_factory=list)
    feeds: tuple[Subscription, ...] = ()
    """The subscriptions this library refreshes (none for files named on the command line)."""
    pending: dict[tuple[str, str], bool] = field(default_factory=dict)
    """Marks made while the library could not be written (another process writing, a full
    disk), saved by `save_pending`; until then they are what the library answers."""
    why_pending: str = ""
    """Why the pending marks could not be saved, the last time that was tried."""

    def __post_init__(self) -> None:
        if self.store.notice:
            self.errors.insert(0, self.store.notice)

    @classmethod
    def from_documents(
        cls, documents: Iterable[Document], *, origin: str = "", errors: Sequence[str] = ()
    ) -> Library:
        """A library of this run only (files named on the command line), held in memory."""
        store = Store()
        for number, document in enumerate(documents):  # one file's stories never merge another's
            store.save_articles(None, document.articles, scope=str(number))
        return cls(store, origin=origin, errors=list(errors))

    @classmethod
    def open_file(
        cls,
        path: Path,
        feeds: Sequence[Subscription] = (),
        local: Sequence[Path] = (),
        *,
        wait: float = WRITE_WAIT,
        on_wait: Callable[[str], None] | None = None,
    ) -> Library:
        """The person's own library file, with their subscriptions and local sources."""
        store = Store(path, wait=wait, on_wait=on_wait)
        errors: list[str] = []
        if local:
            from newsterm.core.sources import load_paths  # parsers load only when files are given

            loaded = load_paths(local)
            for origin, document in loaded.documents:
                store.save_articles(None, document.articles, scope=origin)
            errors = loaded.errors
        return cls(store, origin="your library", errors=errors, feeds=tuple(feeds))

    @classmethod
    def from_paths(cls, paths: Sequence[Path], origin: str = "") -> Library:
        from newsterm.core.sources import load_paths

        loaded = load_paths(paths)
        documents = [doc for _, doc in loaded.documents]
        return cls.from_documents(documents, origin=origin, errors=loaded.errors)

    @classmethod
    def demo(cls) -> Library:
        """The bundled library written for newsterm: readable on a first run, offline."""
        from importlib import resources  # only the first run needs it: start-up stays light

        samples = resources.files("newsterm") / "samples"
        with resources.as_file(samples) as folder:
            stories = sorted(p for p in folder.iterdir() if p.suffix in _SAMPLE_SUFFIXES)
            return cls.from_paths(stories, origin="the bundled demo library")

    @property
    def is_personal(self) -> bool:
        """The person's own library file (feeds can be added), not this run's files."""
        return self.store.path != MEMORY

    def wait_for_writers(
        self, seconds: float, on_wait: Callable[[str], None] | None = None
    ) -> None:
        """How long a write waits for another process's before it gives up (the reader
        waits less than the command line: it must keep answering keys)."""
        self.store.wait = seconds
        if on_wait is not None:
            self.store.on_wait = on_wait

    @property
    def write_wait(self) -> float:
        return self.store.wait

    def close(self) -> None:
        self.store.close()

    # ---- reading ----------------------------------------------------------------------

    def get(self, story_id: str) -> Article | None:
        return self.store.article(story_id)

    def count(self) -> int:
        return self.store.count()

    def unread_count(self) -> int:
        return self.store.count(Query(unread=True))

    def headlines(
        self,
        view: View,
        now: datetime | None = None,
        *,
        grouped: bool = False,
        unread_only: bool = False,
        keep: str | None = None,
        order: Order = "newest",
        narrowed: str = "",
    ) -> HeadlineWindow:
        """The view's headlines, loaded a page at a time as they are shown; `grouped`: one
        row per event (the freshest of its stories the view holds); `unread_only`: its read
        stories hidden, but for `keep` (the story open); `order`: see query.ORDERS;
        `narrowed`: only those a query also picks (raises QueryError when unreadable)."""
        query = _query(view, now, narrowed)
        unread = query.unread or unread_only
        keep = keep if unread else None
        query = replace(query, grouped=grouped, unread=unread, keep=keep, order=order)
        return HeadlineWindow(self.store, query)

    def sections(
        self, now: datetime | None = None, saved: Sequence[View] = ()
    ) -> list[SectionEntry]:
        """Smart views first, then the saved views, then every section path with its counts,
        parents before children."""
        smart = []
        for view in (*SMART_VIEWS, *saved):
            query = _query(view, now)
            unread = self.store.count(replace(query, unread=True))
            smart.append(SectionEntry(view, self.store.count(query), unread))
        totals: Counter[tuple[str, ...]] = Counter()
        unreads: Counter[tuple[str, ...]] = Counter()
        # Every subscription is listed, with no stories yet or failing, so it can be seen.
        states = {state.path: state for state in self.feed_states()}
        counts = {path: (0, 0) for path in states} | self.store.section_counts()
        for path, (count, unread_count) in counts.items():
            for depth in range(1, len(path) + 1):
                totals[path[:depth]] += count
                unreads[path[:depth]] += unread_count
        paths = sorted(totals, key=lambda p: [s.casefold() for s in p])
        return smart + [
            SectionEntry(View("section", p), totals[p], unreads[p], states.get(p)) for p in paths
        ]

    def feed_states(self) -> list[FeedState]:
        """Every subscription with how its last refresh went, in the order they were added."""
        stored = {row.url: row for row in self.store.feeds()}
        return [FeedState.of(feed, stored.get(feed.url)) for feed in self.feeds]

    def feed_of_view(self, view: View) -> Subscription | None:
        """The subscription whose own section this view is, if it is one."""
        state = self.feed_state_of(view)
        return next((f for f in self.feeds if state and f.url == state.url), None)

    def feed_state_of(self, view: View) -> FeedState | None:
        if view.kind != "section":
            return None
        return next((s for s in self.feed_states() if s.path == view.section), None)

    def holds(self, story_id: str) -> bool:
        """Whether the story is still in the library (removing a feed takes its stories)."""
        return self.store.holds(story_id)

    def related(self, article: Article) -> Related:
        """The story's related stories: the links it gives, the same event in other
        outlets, similar stories (computed when they were stored: read, not worked out)."""
        return Related.of(article.related, self.store.covered(article.id))

    def related_id(self, article: Article, entry: Link | Covered) -> str | None:
        """The stored story a related entry names, other than the story itself."""
        if isinstance(entry, Covered):
            return entry.story.id
        return self.store.find_related(entry, exclude=article.id)

    def related_listing(self) -> Iterator[Listed]:
        """Every story, newest first, with the ids of its related stories, best first."""
        return self.store.related_listing()

    def backlog(self) -> int:
        """Stories stored by an earlier newsterm whose related stories are not found yet."""
        return self.store.backlog()

    def match_backlog(self, limit: int = 500) -> int:
        """Find the related stories of up to `limit` of them (oldest first); how many."""
        return self.store.match_backlog(limit)

    def search(self, query: str, limit: int = 200) -> list[SearchHit]:
        return self.store.search(query, limit)

    # ---- subscriptions' stories (config.toml is the list of record: see subscriptions.py) ----

    def feed_url_of(self, story_id: str) -> str | None:
        """The subscription a stored story came from, if it came from one."""
        return self.store.feed_url_of(story_id)

    def remove_feed(self, url: str) -> None:
        """The feed's stories leave the library; its starred stories are kept."""
        self.store.remove_feed(url)

    def move_feed(self, url: str, sections: tuple[str, ...]) -> None:
        """The feed's stories are filed under its new sections."""
        self.store.move_feed(url, sections)

    def keep_article(self, article: Article) -> None:
        """Store a fuller copy of a story (its page fetched for offline reading)."""
        self.store.replace_article(article)

    def has_feed_text(self, story_id: str) -> bool:
        return self.store.has_feed_text(story_id)

    def feed_text(self, story_id: str) -> Article | None:
        """The feed's own text of a story kept in full from its page (None: it is not)."""
        return self.store.feed_text(story_id)

    def last_rowid(self) -> int:
        return self.store.last_rowid()

    def apply_rules(self, rules: tuple[Rule, ...], after_rowid: int) -> list[int]:
        """Run the rules on the stories stored after `after_rowid`; each rule's hits."""
        return self.store.apply_rules(rules, after_rowid) if rules else []

    def new_in(self, query: str, after_rowid: int) -> int:
        """How many stories stored after `after_rowid` a view's query lists (hidden ones
        never)."""
        sql, params = sql_for(query)
        sql = f"hidden = 0 AND rowid > ? AND ({sql})"
        return self.store.count_all(sql, (after_rowid, *params))

    def rule_hits(self, rule: Rule) -> int:
        """How many stories in the library the rule's query picks now, hidden ones too."""
        sql, params = sql_for(rule.match)
        return self.store.count_all(sql, params)

    def prune(self, keep_read_days: float) -> int:
        """Forget read, unstarred stories older than this; how many went."""
        return self.store.prune(keep_read_days)

    # ---- marks ------------------------------------------------------------------------

    def is_read(self, story_id: str) -> bool:
        return self.pending.get((story_id, "read"), self.store.flags(story_id)[0])

    def is_starred(self, story_id: str) -> bool:
        return self.pending.get((story_id, "starred"), self.store.flags(story_id)[1])

    def mark_read(self, story_id: str, read: bool = True) -> bool:
        """Mark a story; True when that changed anything (so counts need redrawing)."""
        if self.is_read(story_id) == read:
            return False
        self._mark(story_id, "read", read)
        return True

    def unread_in(self, view: View, now: datetime | None = None, narrowed: str = "") -> int:
        """How many of the view's stories are unread (every story of a grouped event)."""
        return self.store.count(replace(_query(view, now, narrowed), unread=True))

    def mark_view_read(
        self, view: View, now: datetime | None = None, narrowed: str = ""
    ) -> list[str]:
        """Every unread story of the view (narrowed by a filter's query), read at once;
        their ids, for an undo."""
        return self.store.mark_all_read(_query(view, now, narrowed))

    def mark_all_read(self, query: Query) -> list[str]:
        """Every unread story the query picks, read at once; their ids, for an undo."""
        return self.store.mark_all_read(query)

    def mark_unread(self, story_ids: Iterable[str]) -> None:
        """Put stories back to unread (the undo of `mark_all_read`)."""
        self.store.set_flags({(story_id, "read"): False for story_id in story_ids})

    def toggle_read(self, story_id: str) -> bool:
        read = not self.is_read(story_id)
        self._mark(story_id, "read", read)
        return read

    def toggle_star(self, story_id: str) -> bool:
        starred = not self.is_starred(story_id)
        self._mark(story_id, "starred", starred)
        return starred

    def _mark(self, story_id: str, mark: Mark, value: bool) -> None:
        """Save the mark now, or keep it with the others waiting (never try twice per key
        while the library is known to be busy: each try costs the reader a pause)."""
        waiting = bool(self.pending)
        self.pending[(story_id, mark)] = value
        if not waiting:
            self.save_pending()

    def save_pending(self) -> int:
        """Save the marks kept while the library could not be written; how many still wait."""
        if self.pending:
            try:
                self.store.set_flags(dict(self.pending))
            except WriteFailed as error:
                self.why_pending = str(error)
                return len(self.pending)
            self.pending.clear()
        return 0


def _query(view: View, now: datetime | None, narrowed: str = "") -> Query:
    """The view's stories, and of those only the ones `narrowed` picks, if given (raises
    QueryError when it cannot be read)."""
    query = _view_query(view, now)
    if not narrowed:
        return query
    moment = (now or datetime.now(UTC)).timestamp()
    return replace(query, custom=both(query.custom, sql_for(narrowed, moment)))


def _view_query(view: View, now: datetime | None) -> Query:
    if view.kind == "saved":
        moment = (now or datetime.now(UTC)).timestamp()
        return Query(custom=sql_for(view.query, moment))
    if view.kind == "section":
        return Query(section=view.section)
    if view.kind == "unread":
        return Query(unread=True)
    if view.kind == "starred":
        return Query(starred=True)
    if view.kind == "today":
        return Query(since=((now or datetime.now(UTC)) - TODAY).timestamp())
    return Query()
