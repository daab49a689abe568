"""Which stored story each item of a feed's new batch is: the rules of story identity.

Within one feed an item is who its guid (Atom id, JSON Feed id) says it is; an
item without one is its URL (tracking parameters aside); an item with neither
is its content. Stories are never merged across feeds: the same article in two
feeds is two stories.

Real feeds reuse a guid for different items (a podcast giving two episodes one
guid, a blog re-posting under one permalink). Those items are all kept: among
the items and stored stories sharing an identity, each item is paired with the
stored story of the same text, else of the same title, else of the same date,
else (when one of each is left) with the one left, so an edit keeps its marks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsterm.core.library.story_rows import StoryRow


@dataclass(frozen=True, slots=True)
class Stored:
    """A stored story as the merge sees it."""

    rowid: int
    id: str
    identity: str
    content_key: str
    title_key: str
    published: float | None


def without_repeats(rows: Iterable[StoryRow]) -> list[StoryRow]:
    """A feed that lists the very same item twice (same identity, same text) has one story."""
    seen: set[tuple[str, str]] = set()
    kept: list[StoryRow] = []
    for row in rows:
        if (row.identity, row.content_key) not in seen:
            seen.add((row.identity, row.content_key))
            kept.append(row)
    return kept


def pair(rows: list[StoryRow], stored: Iterable[Stored]) -> list[Stored | None]:
    """For each row (in order), the stored story it is, or None for a new story.

    `stored` is every story of the feed whose identity is one of the rows' identities
    (or a row's legacy identity); no stored story is paired twice.
    """
    candidates: dict[str, list[Stored]] = {}
    for entry in stored:
        candidates.setdefault(entry.identity, []).append(entry)
    groups: dict[str, list[int]] = {}
    for index, row in enumerate(rows):
        groups.setdefault(row.identity, []).append(index)
    paired: list[Stored | None] = [None] * len(rows)
    for identity, members in groups.items():
        pool = list(candidates.get(identity, ()))
        for index in members:
            legacy = rows[index].legacy_identity
            if legacy:
                pool += [c for c in candidates.get(legacy, ()) if c not in pool]
        _pair_group(rows, members, pool, paired)
    return paired


def _pair_group(
    rows: list[StoryRow], members: list[int], pool: list[Stored], paired: list[Stored | None]
) -> None:
    for field in ("content_key", "title_key", "published"):
        for index in members:
            wanted = getattr(rows[index], field)
            if paired[index] is None and wanted is not None:
                match = next((entry for entry in pool if getattr(entry, field) == wanted), None)
                if match is not None:
                    paired[index] = match
                    pool.remove(match)
    left = [index for index in members if paired[index] is None]
    if len(left) == 1 and len(pool) == 1:
        paired[left[0]] = pool[0]
