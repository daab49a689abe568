"""Turn the many date spellings of feeds, pages and text files into aware datetimes.

One parser for every source, so the same absurd date is refused everywhere:
anything before 1970 or more than a year ahead is treated as no date at all.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_EARLIEST_YEAR = 1970
_WRITTEN_FORMATS = (
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y %H:%M",
    "%d %b %Y %H:%M", "%B %d, %Y %H:%M", "%Y-%m-%d %H:%M", "%A %d %B %Y", "%A, %d %B %Y",
    "%A, %B %d, %Y", "%d/%m/%Y",
)  # fmt: skip
_NUMERIC_OFFSET = re.compile(r"([+-]\d{2})(\d{2})$")  # +0000 -> +00:00 for fromisoformat
_COMPACT_OR_PREFIXED = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


def _bounded(when: datetime | None) -> datetime | None:
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    latest = datetime.now(UTC).year + 1
    return when if _EARLIEST_YEAR <= when.year <= latest else None


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's UTC struct_time to an aware datetime, or None when absurd."""
    if value is None:
        return None
    try:
        return _bounded(datetime(*value[:6], tzinfo=UTC))
    except (TypeError, ValueError, OverflowError):
        return None


def parse_date(value: object) -> datetime | None:
    """ISO 8601 / RFC 3339, RFC 822, or a written date (`14 March 2024`, `March 14th, 2024`)."""
    if not isinstance(value, str):
        return None
    text = value.strip().rstrip(".")
    if not text or len(text) > 64:
        return None
    return _bounded(_iso(text) or _rfc822(text) or _written(text) or _date_prefix(text))


def _iso(text: str) -> datetime | None:
    iso = _NUMERIC_OFFSET.sub(r"\1:\2", text.replace("Z", "+00:00").replace("z", "+00:00"))
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        return None


def _rfc822(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _written(text: str) -> datetime | None:
    text = re.sub(r"\s+(?:UTC|GMT|Z)$", "", text, flags=re.I)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text).replace(" at ", " ")
    for fmt in _WRITTEN_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def _date_prefix(text: str) -> datetime | None:
    """`2024-03-14T…` with a time we cannot read, or a compact `20240314`: keep the day."""
    match = _COMPACT_OR_PREFIXED.match(text)
    if not match:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
