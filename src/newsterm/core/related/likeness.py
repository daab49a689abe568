"""How alike two stories are, and whether that makes them one event, one wire copy, or
only the same subject.

Two outlets reporting one event share its names (the place, the people, the
figures) and its key words, within a day or two. Two events of one kind (a
bridge closed here, another there) share the key words but not the names; one
place's events a few weeks apart share the names but not the time. So the
verdict asks for all three: alike words, shared names, close in time. A false
merge (two events shown as one) is worse than a miss, so "same event" asks more
than "similar", and a pair in doubt is only similar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from newsterm.core.related.signature import IN_TITLE
from newsterm.core.related.words import NAMES


class Kind(IntEnum):
    """What one story is to another (stored as this number)."""

    SIMILAR = 1
    SAME_EVENT = 2
    COPY = 3
    """The same event, reprinted: one agency's story in several outlets."""


TITLE_WEIGHT = 2.0
NAME_WEIGHT = 1.5
SAME_EVENT_WORDS = 0.22
"""Cosine of weighted terms from which two stories may be one event."""
SAME_EVENT_NAMES = 0.41
"""Of the names the story with fewer names gives, the (weighted) share the other gives too."""
COPY_WORDS = 0.80
SIMILAR_WORDS = 0.22
SAME_EVENT_HOURS = 96.0
"""Past four days apart, alike stories are a new development or another event."""
CLOSE_HOURS = 48.0
"""Within two days the full score stands; from there it fades, to nothing at SAME_EVENT_HOURS."""
SIMILAR_HOURS = 30 * 24.0

MARK_WEIGHTS = [
    (TITLE_WEIGHT if marks & IN_TITLE else 1.0) * (NAME_WEIGHT if marks & NAMES else 1.0)
    for marks in range(4)
]
"""A term's weight for its marks (IN_TITLE | NAMES), times its rarity."""


@dataclass(frozen=True, slots=True)
class Likeness:
    score: float
    """Weighted word likeness, 0 to 1 (faded by the time between them when one event)."""
    kind: Kind | None


@dataclass(slots=True)
class Weighed:
    """A story's terms weighed: what comparing it with another needs."""

    weights: dict[int, float]
    rarities: dict[int, float]
    names: set[int]
    """Its naming terms (their share counts by rarity alone)."""
    norm: float
    names_total: float


def weigh(values: Sequence[int], rarities: Sequence[float]) -> Weighed:
    """A story's packed terms (term << 2 | marks, signature.packed_values, each term
    once) weighed, each by its rarity (`rarities`, in the same order)."""
    weights: dict[int, float] = {}
    rarity_of: dict[int, float] = {}
    names: set[int] = set()
    squares = names_total = 0.0
    for value, rarity in zip(values, rarities, strict=True):
        term = value >> 2
        weight = rarity * MARK_WEIGHTS[value & 3]
        rarity_of[term] = rarity
        weights[term] = weight
        squares += weight * weight
        if value & NAMES:
            names.add(term)
            names_total += rarity
    return Weighed(weights, rarity_of, names, math.sqrt(squares), names_total)


def likeness(a: Weighed, b: Weighed, hours_apart: float | None) -> Likeness:
    """The verdict on two weighed stories; `hours_apart` None when either is undated."""
    dot = sum(w * b.weights[t] for t, w in a.weights.items() if t in b.weights)
    shared_names = sum(a.rarities[t] for t in a.names & b.names)
    return verdict(dot, a, b.norm, b.names_total, shared_names, hours_apart)


def verdict(
    dot: float,
    a: Weighed,
    b_norm: float,
    b_names_total: float,
    shared_names: float,
    hours_apart: float | None,
) -> Likeness:
    """The verdict from what two stories share: `dot` of their weights, the rarity of the
    names both give (of the other story, B, only its norm and names' total are needed)."""
    hours = abs(hours_apart) if hours_apart is not None else CLOSE_HOURS
    if hours > SIMILAR_HOURS or not dot or not a.norm or not b_norm:
        return Likeness(0.0, None)
    words = min(1.0, dot / (a.norm * b_norm))
    if hours <= SAME_EVENT_HOURS:
        past_close = max(0.0, hours - CLOSE_HOURS)
        score = words * (1 - past_close / (SAME_EVENT_HOURS - CLOSE_HOURS))
        if words >= COPY_WORDS:
            return Likeness(score, Kind.COPY)
        fewer = min(a.names_total, b_names_total)
        names = shared_names / fewer if fewer else 1.0  # one names nothing: no disagreement
        if score >= SAME_EVENT_WORDS and names >= SAME_EVENT_NAMES:
            return Likeness(score, Kind.SAME_EVENT)
    return Likeness(words, Kind.SIMILAR if words >= SIMILAR_WORDS else None)
