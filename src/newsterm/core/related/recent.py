"""The recent stories a new one is matched against, indexed by term, and the events they
make.

A new story is scored only against the stories that share one of its rarer terms
(a term in hundreds of stories finds nothing in particular), accumulating the
score term by term, as a search engine does: so matching costs about the same at
1,000 stories or 100,000, and never rescans the library.

Events grow one story at a time: a new story joins the event of the story it is
most like, if it is one event with at least half of that event's stories in other
feeds (so one loose pair cannot chain two events together); two events never merge
afterwards. Two stories of one feed are at most similar: "the same story elsewhere"
is another outlet's.
"""

from __future__ import annotations

import math
from array import array
from collections import defaultdict
from dataclasses import dataclass, field

from newsterm.core.related.likeness import (
    MARK_WEIGHTS,
    SAME_EVENT_WORDS,
    SIMILAR_HOURS,
    Kind,
    Likeness,
    Weighed,
    likeness,
    verdict,
    weigh,
)
from newsterm.core.related.signature import packed_values
from newsterm.core.related.words import NAMES

COMMON_SHARE = 400
"""A term in more than 1 story in COMMON_SHARE (and in more than FEWEST_COMMON) finds no
candidates: it is still weighed when two stories are compared."""
FEWEST_COMMON = 32
MOST_COMPARED = 8
"""Stories given a verdict for a new one: those that scored highest term by term."""
MOST_SIMILAR = 6
MOST_MEMBERS = 16
"""An event's stories a new one is compared with before it joins: the latest ones."""
JOIN_MEAN = 0.6 * SAME_EVENT_WORDS
"""How alike a story must be to an event's stories on average to join it."""
JOIN_SHARE = 0.5
"""And the share of them (the latest MOST_MEMBERS) it must be one event with on its own:
one strong pair cannot pull a story into an event the rest of which it does not tell."""


@dataclass(frozen=True, slots=True)
class Pair:
    other: int
    kind: Kind
    score: float


@dataclass(frozen=True, slots=True)
class Filed:
    """Where a new story went: its event, and the stories it is paired with."""

    event: int
    pairs: list[Pair]


@dataclass(frozen=True, slots=True)
class Told:
    """A stored story as matching sees it: its rowid, time, feed and packed signature."""

    rowid: int
    at: float | None
    feed: int | None
    """Two stories of one feed are never "the same story elsewhere" (a feed's weather
    for ten towns is ten look-alikes, not one event told ten times)."""
    packed: bytes


@dataclass(slots=True)
class _Story:
    at: float | None
    feed: int | None
    norm: float
    names_total: float
    values: array[int]
    """Its terms, each term << 2 | marks (signature.packed_values)."""


@dataclass(slots=True)
class RecentStories:
    """Signatures by story, which stories hold each term, and the events."""

    stories: dict[int, _Story] = field(default_factory=dict)
    postings: dict[int, array[int]] = field(default_factory=dict)
    """Term → the stories holding it, each as rowid << 2 | the term's marks there."""
    event_of: dict[int, int] = field(default_factory=dict)
    members: defaultdict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    next_event: int = 1
    """A new event's number: past every event stored, so an event whose stories were all
    deleted is never continued by a stranger."""

    def __len__(self) -> int:
        return len(self.stories)

    def __contains__(self, rowid: object) -> bool:
        return rowid in self.stories

    def weighed(self, values: array[int]) -> Weighed:
        """A story's terms weighed by how rare each is among the recent stories (the +1s
        keep a term new to the library finite)."""
        stories = len(self.stories) + 1
        held = self.postings.get
        log = math.log
        return weigh(values, [log(1 + stories / (len(held(v >> 2) or ()) + 1)) for v in values])

    def add(self, told: Told, event: int | None = None) -> None:
        """A stored story, in the event it was filed in (its own when None)."""
        if told.rowid not in self.stories:
            values = packed_values(told.packed)
            self._keep(told.rowid, told, values, self.weighed(values), event)

    def _keep(
        self,
        rowid: int,
        told: Told | _Story,
        values: array[int],
        weighed: Weighed,
        event: int | None,
    ) -> None:
        """The story (as told, or as kept before a trim) in the index under each of its
        terms, and in its event."""
        self.stories[rowid] = _Story(told.at, told.feed, weighed.norm, weighed.names_total, values)
        for value in values:
            holders = self.postings.get(value >> 2)
            if holders is None:
                holders = self.postings[value >> 2] = array("q")
            holders.append(rowid << 2 | value & 3)
        if event is None:
            event = self.next_event
        self.next_event = max(self.next_event, event + 1)
        self.event_of[rowid] = event
        self.members[event].append(rowid)

    def trim(self, keep: int) -> None:
        """Forget all but the `keep` latest stories (a long background pass over a big
        library would otherwise hold all of it)."""
        kept = sorted(self.stories, key=lambda rowid: self.stories[rowid].at or 0.0)[-keep:]
        stories, event_of = self.stories, self.event_of
        self.stories, self.postings, self.event_of = {}, {}, {}
        self.members = defaultdict(list)
        for rowid in kept:  # weighed again: how rare a word is has changed
            old = stories[rowid]
            self._keep(rowid, old, old.values, self.weighed(old.values), event_of[rowid])

    def file(self, story: Told) -> Filed:
        """Match a new story, put it in its event, and remember it."""
        values = packed_values(story.packed)
        weighed = self.weighed(values)
        found = self.matches(weighed, story)
        event, pairs = self._event_for(weighed, story, found)
        paired = {p.other for p in pairs}
        similar = [Pair(m.other, Kind.SIMILAR, m.score) for m in found if m.other not in paired]
        if story.rowid not in self.stories:
            self._keep(story.rowid, story, values, weighed, event)
        return Filed(self.event_of[story.rowid], pairs + similar[:MOST_SIMILAR])

    def matches(self, new: Weighed, told: Told) -> list[Pair]:
        """The stories this one is like, best first.

        Candidates come from the rarer terms, scored term by term; the few best then
        get the common terms' share too, read from their signatures, so a verdict
        weighs every term two stories share (a town named in many stories still names
        it in both).
        """
        dots: defaultdict[int, float] = defaultdict(float)
        names: defaultdict[int, float] = defaultdict(float)
        # The common terms: what each adds to the dot product (times the mark weight of
        # the term in the other story) and to the names shared (if the other names it).
        completion: dict[int, tuple[float, float]] = {}
        common = max(FEWEST_COMMON, len(self.stories) // COMMON_SHARE)
        for term, weight in new.weights.items():
            holders = self.postings.get(term)
            if not holders:
                continue
            rarity = new.rarities[term]
            shared_name = rarity if term in new.names else 0.0
            if len(holders) > common:
                completion[term] = (weight * rarity, shared_name)
                continue
            for entry in holders:
                other = entry >> 2
                dots[other] += weight * rarity * MARK_WEIGHTS[entry & 3]
                if shared_name and entry & NAMES:
                    names[other] += shared_name
        stories, at, span = self.stories, told.at, SIMILAR_HOURS * 3600
        alike: dict[int, float] = {}
        for other, dot in dots.items():
            story = stories[other]
            # A year-old look-alike is nothing to this story: it must not take a better
            # one's place among the candidates.
            if at is None or story.at is None or abs(at - story.at) <= span:
                alike[other] = dot / (story.norm or 1.0)
        found: list[Pair] = []
        for other in sorted(alike, key=alike.__getitem__, reverse=True)[:MOST_COMPARED]:
            story = stories[other]
            dot, shared = dots[other], names[other]
            if completion:
                for value in story.values:
                    common_term = completion.get(value >> 2)
                    if common_term is not None:
                        dot += common_term[0] * MARK_WEIGHTS[value & 3]
                        if value & NAMES:
                            shared += common_term[1]
            result = verdict(dot, new, story.norm, story.names_total, shared, _hours(at, story.at))
            if result.kind is not None:
                kind = Kind.SIMILAR if _one_feed(told, story) else result.kind
                found.append(Pair(other, kind, result.score))
        found.sort(key=lambda pair: (pair.kind != Kind.SIMILAR, pair.score), reverse=True)
        return found

    def _event_for(
        self, new: Weighed, told: Told, found: list[Pair]
    ) -> tuple[int | None, list[Pair]]:
        """The event the new story joins (None: it starts one) and its pairs with the
        event's stories in other feeds, as one event."""
        tried: set[int] = set()
        for match in found:
            if match.kind == Kind.SIMILAR:
                break
            event = self.event_of[match.other]
            if event in tried:
                continue
            tried.add(event)
            members = [
                member
                for member in self.members[event][-MOST_MEMBERS:]
                if not _one_feed(told, self.stories[member])
            ]
            verdicts = [(member, self._compare(new, told.at, member)) for member in members]
            if not verdicts:
                continue
            agreeing = sum(
                1 for _, v in verdicts if v.kind is not None and v.kind >= Kind.SAME_EVENT
            )
            mean = sum(v.score for _, v in verdicts) / len(verdicts)
            if mean >= JOIN_MEAN and agreeing >= JOIN_SHARE * len(verdicts):
                return event, [
                    Pair(member, v.kind if v.kind == Kind.COPY else Kind.SAME_EVENT, v.score)
                    for member, v in verdicts
                ]
        return None, []

    def _compare(self, new: Weighed, at: float | None, rowid: int) -> Likeness:
        story = self.stories[rowid]
        return likeness(new, self.weighed(story.values), _hours(at, story.at))


def _hours(at: float | None, other: float | None) -> float | None:
    return (at - other) / 3600 if at is not None and other is not None else None


def _one_feed(told: Told, story: _Story) -> bool:
    return told.feed is not None and told.feed == story.feed
