"""Turn the many date spellings of feeds into aware datetimes, refusing absurd ones."""

from __future__ import annotations

import time
from datetime import UTC, datetime

_EARLIEST_YEAR = 1970
_LATEST_YEAR = 2200


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's UTC struct_time to an aware datetime, or None when absurd."""
    if value is None:
        return None
    try:
        when = datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return when if _EARLIEST_YEAR <= when.year <= _LATEST_YEAR else None


def from_iso(value: object) -> datetime | None:
    """An RFC 3339 / ISO 8601 string (JSON Feed, HTML meta) to an aware datetime."""
    if not isinstance(value, str) or not value.strip() or len(value) > 64:
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when if _EARLIEST_YEAR <= when.year <= _LATEST_YEAR else None
