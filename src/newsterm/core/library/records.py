"""Stored rows read back as the model's records: a headline, a feed's state, a date.

Sections are stored as one path, their names joined by a character no title
holds, so one index serves a section and everything below it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from newsterm.core.model import FeedRow, Headline

SECTION_SEPARATOR = "\x1f"


def section_path(sections: Iterable[str]) -> str:
    """Sections as stored: one string, outermost first."""
    return SECTION_SEPARATOR.join(sections)


def sections_of(path: object) -> tuple[str, ...]:
    """A stored section path as its sections (none for an empty one)."""
    return tuple(str(path).split(SECTION_SEPARATOR)) if path else ()


def headline(row: tuple[object, ...]) -> Headline:
    """(id, title, source, published, url, section_path[, read[, starred[, coverage]]])."""
    story_id, title, source, published, url, path, *marks = row
    return Headline(
        id=str(story_id),
        title=str(title),
        source=str(source),
        published=when(published),
        url=str(url) if url else None,
        sections=sections_of(path),
        read=bool(marks[0]) if marks else False,
        starred=bool(marks[1]) if len(marks) > 1 else False,
        coverage=int(str(marks[2])) if len(marks) > 2 else 0,
    )


def when(published: object) -> datetime | None:
    """A stored timestamp as a date; one no datetime can hold (year 10000) counts as undated."""
    if not isinstance(published, (int, float)):
        return None
    try:
        return datetime.fromtimestamp(published, UTC)
    except (ValueError, OverflowError, OSError):
        return None


FEED_COLUMNS = (
    "id, url, title, section_path, etag, last_modified, last_status, "
    "last_error, checked_at, next_check_at, failing_since"
)
"""What `feed_row` reads, in its order."""


def feed_row(row: tuple[object, ...]) -> FeedRow:
    """A row of FEED_COLUMNS."""
    feed_id, url, title, path, etag, modified, status, error, checked, next_check, since = row
    return FeedRow(
        id=int(feed_id),  # type: ignore[call-overload]
        url=str(url),
        title=str(title),
        sections=sections_of(path),
        etag=etag if isinstance(etag, str) else None,
        last_modified=modified if isinstance(modified, str) else None,
        last_status=status if isinstance(status, str) else None,
        last_error=error if isinstance(error, str) else None,
        checked_at=_number(checked),
        next_check_at=_number(next_check),
        failing_since=_number(since),
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) else None
