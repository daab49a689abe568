"""The labelled sets of fictional stories (tests/related/data/*.json) and the figures
measured on them.

Each story carries the event it reports, written by hand; two stories are one event
when their labels are equal. The stories go into a library among real-world feed
items, in the order they were published (one feed per outlet), and the library's
answer is compared, pair by pair, with the labels: a labelled story paired with a
real-world one is a false merge too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import combinations
from pathlib import Path

from newsterm.core.library import Library
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph
from newsterm.core.related.likeness import Kind
from newsterm.core.sources import load_paths
from tests.conftest import CORPUS

DATA = Path(__file__).parents[1] / "related" / "data"


@dataclass(frozen=True, slots=True)
class Labelled:
    article: Article
    event: str
    subject: str
    outlet: str
    copy_of: str | None


def load(name: str) -> list[Labelled]:
    data = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    return [_story(entry) for entry in data["stories"]]


def _story(entry: dict[str, object]) -> Labelled:
    article = Article(
        id=str(entry["id"]),
        guid=str(entry["url"]),
        title=str(entry["title"]),
        url=str(entry["url"]),
        source=str(entry["outlet"]),
        published=datetime.fromisoformat(str(entry["published"]).replace("Z", "+00:00")),
        summary=str(entry["summary"]) if entry.get("summary") else None,
        blocks=[Paragraph(str(text)) for text in entry["body"]],  # type: ignore[attr-defined]
    )
    copy_of = entry.get("copy_of")
    return Labelled(
        article, str(entry["event"]), str(entry["subject"]), str(entry["outlet"]),
        str(copy_of) if copy_of else None,
    )  # fmt: skip


def stored(stories: list[Labelled], path: Path | None = None) -> Store:
    """A library holding the real-world corpus's feed items (so words are as common or
    as rare as in a library people have), then the stories in the order they were
    published, each in its outlet's feed, as refreshes through the weeks store them
    (in memory, or in the file at `path`)."""
    store = Store(path) if path is not None else Store()
    for uri, articles in corpus_feeds():
        store.save_articles(store.ensure_feed(uri), articles)
    for story in sorted(stories, key=lambda s: s.article.published or datetime.min):
        outlet = story.outlet.lower().replace(" ", "-")
        store.save_articles(store.ensure_feed(f"https://{outlet}.example/feed"), [story.article])
    return store


@lru_cache(maxsize=1)
def corpus_feeds() -> list[tuple[str, list[Article]]]:
    """The corpus's feeds, read once."""
    loaded = load_paths(sorted((CORPUS / "feeds").iterdir()))
    return [(Path(path).as_uri(), document.articles) for path, document in loaded.documents]


@dataclass(frozen=True, slots=True)
class Figures:
    pairs: int
    """Same-event pairs the labels hold."""
    found: int
    right: int
    false_merges: list[tuple[str, str]]
    missed: list[tuple[str, str]]

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.pairs if self.pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        return (
            f"{self.pairs} pairs, {self.found} found: precision {self.precision:.3f}, "
            f"recall {self.recall:.3f}, F1 {self.f1:.3f}, {len(self.false_merges)} false merges"
        )


def same_event_pairs(store: Store, ids: list[str]) -> set[tuple[str, str]]:
    """The pairs the library calls one event (or one wire story)."""
    found: set[tuple[str, str]] = set()
    for story_id in ids:
        for entry in store.covered(story_id):
            if entry.kind != Kind.SIMILAR:
                for other in (entry.story, *entry.copies):
                    found.add(tuple(sorted((story_id, other.id))))  # type: ignore[arg-type]
    return found


def measure(stories: list[Labelled]) -> Figures:
    store = stored(stories)
    event = {s.article.id: s.event for s in stories}
    truth = {tuple(sorted((a, b))) for a, b in combinations(event, 2) if event[a] == event[b]}
    found = same_event_pairs(store, list(event))
    store.close()
    return Figures(
        pairs=len(truth),
        found=len(found),
        right=len(found & truth),  # type: ignore[operator]
        false_merges=sorted(found - truth),  # type: ignore[operator]
        missed=sorted(truth - found),  # type: ignore[operator]
    )


def library_of(stories: list[Labelled]) -> Library:
    """A library of its own (in memory), copied from one built once per set of stories."""
    ids = tuple(story.article.id for story in stories)
    if ids not in _BUILT:
        _BUILT[ids] = stored(stories)
    store = Store()
    _BUILT[ids].db.backup(store.db)
    return Library(store, origin="the labelled stories")


_BUILT: dict[tuple[str, ...], Store] = {}


if __name__ == "__main__":  # python -m tests.support.labelled tune [held]
    import sys

    for name in sys.argv[1:] or ["tune"]:
        stories = load(name)
        figures = measure(stories)
        print(f"{name}: {figures.line()}")
        if name == "held":
            continue  # kept back: its figures only, never what it missed (nothing to tune on)
        titles = {s.article.id: (s.event, s.article.title) for s in stories}
        for label, pairs in (("false merge", figures.false_merges), ("missed", figures.missed)):
            for a, b in pairs:
                print(f"  {label}: {titles[a]} ~ {titles[b]}")
