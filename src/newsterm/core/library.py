"""The façade the UI and CLI call: what is in the library, what is read, what is related.

This version holds the stories of one run in memory (loaded from files,
folders, OPML lists or the bundled demo); the views above it only see this
interface, so a persistent store can sit behind it without them changing.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Literal

from newsterm.core.model import Article, Link
from newsterm.core.related import RelatedIndex
from newsterm.core.sources import load_paths

ViewKind = Literal["all", "unread", "today", "starred", "section"]
NO_SECTION = "Other"
_SAMPLE_SUFFIXES = frozenset({".txt", ".html", ".xml"})
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class View:
    """Which headlines to list: a smart view, or one section (and everything below it)."""

    kind: ViewKind
    section: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return " › ".join(self.section) if self.kind == "section" else self.kind.title()


SMART_VIEWS = (View("all"), View("unread"), View("today"), View("starred"))


@dataclass(frozen=True, slots=True)
class SectionEntry:
    view: View
    total: int
    unread: int

    @property
    def depth(self) -> int:
        return max(0, len(self.view.section) - 1)


@dataclass(slots=True)
class Library:
    articles: list[Article]
    errors: list[str] = field(default_factory=list)
    origin: str = ""
    read: set[str] = field(default_factory=set)
    starred: set[str] = field(default_factory=set)
    _by_id: dict[str, Article] = field(default_factory=dict, init=False)
    _related: RelatedIndex = field(default_factory=RelatedIndex, init=False)

    def __post_init__(self) -> None:
        unique: dict[str, Article] = {}
        for article in self.articles:
            unique.setdefault(article.id, article)
        self.articles = sorted(unique.values(), key=_newest_first)
        self._by_id = unique
        self._related = RelatedIndex(self.articles)

    @classmethod
    def from_paths(cls, paths: Sequence[Path], origin: str = "") -> Library:
        loaded = load_paths(paths)
        articles = [a for _, doc in loaded.documents for a in doc.articles]
        return cls(articles, errors=loaded.errors, origin=origin)

    @classmethod
    def demo(cls) -> Library:
        """The bundled library written for newsterm: readable on a first run, offline."""
        samples = resources.files("newsterm") / "samples"
        with resources.as_file(samples) as folder:
            stories = sorted(p for p in folder.iterdir() if p.suffix in _SAMPLE_SUFFIXES)
            return cls.from_paths(stories, origin="the bundled demo library")

    def get(self, story_id: str) -> Article | None:
        return self._by_id.get(story_id)

    def sections(self, now: datetime | None = None) -> list[SectionEntry]:
        """Smart views first, then every section path with its counts, parents before children."""
        total: Counter[tuple[str, ...]] = Counter()
        unread: Counter[tuple[str, ...]] = Counter()
        for article in self.articles:
            for path in _section_paths(article):
                total[path] += 1
                unread[path] += article.id not in self.read
        smart = [SectionEntry(v, *self._count(self.headlines(v, now))) for v in SMART_VIEWS]
        paths = sorted(total, key=lambda p: [s.casefold() for s in p])
        return smart + [SectionEntry(View("section", p), total[p], unread[p]) for p in paths]

    def _count(self, articles: list[Article]) -> tuple[int, int]:
        return len(articles), sum(a.id not in self.read for a in articles)

    def headlines(self, view: View, now: datetime | None = None) -> list[Article]:
        if view.kind == "all":
            return list(self.articles)
        if view.kind == "unread":
            return [a for a in self.articles if a.id not in self.read]
        if view.kind == "starred":
            return [a for a in self.articles if a.id in self.starred]
        if view.kind == "today":
            since = (now or datetime.now(UTC)) - timedelta(hours=24)
            return [a for a in self.articles if a.published and a.published >= since]
        return [a for a in self.articles if view.section in _section_paths(a)]

    def mark_read(self, story_id: str, read: bool = True) -> None:
        (self.read.add if read else self.read.discard)(story_id)

    def toggle_read(self, story_id: str) -> bool:
        self.mark_read(story_id, story_id not in self.read)
        return story_id in self.read

    def toggle_star(self, story_id: str) -> bool:
        if story_id in self.starred:
            self.starred.discard(story_id)
        else:
            self.starred.add(story_id)
        return story_id in self.starred

    def resolve_related(self, article: Article, link: Link) -> Article | None:
        return self._related.resolve(link, exclude=article.id)

    def search(self, query: str, limit: int = 200) -> list[Article]:
        """Stories containing every word of the query, best matches first."""
        terms = [t for t in re.findall(r"\w+", query.casefold()) if t]
        if not terms:
            return []
        scored: list[tuple[int, int, Article]] = []
        for position, article in enumerate(self.articles):
            title = article.title.casefold()
            body = "\n".join(article.texts()).casefold()
            if all(t in title or t in body for t in terms):
                score = sum(3 * title.count(t) + body.count(t) for t in terms)
                scored.append((-score, position, article))
        return [a for _, _, a in sorted(scored, key=lambda s: s[:2])[:limit]]


def _section_paths(article: Article) -> Iterable[tuple[str, ...]]:
    """An article sits in its section and in every section above it."""
    sections = article.sections or (NO_SECTION,)
    return [sections[: depth + 1] for depth in range(len(sections))]


def _newest_first(article: Article) -> float:
    return -(article.published or _EPOCH).timestamp()
