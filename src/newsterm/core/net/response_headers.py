"""What a response's headers say about the next fetch and about the failure, read safely."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus

import httpx

from newsterm.core.text.clean import clean_line

_MAX_AGE = re.compile(r"""(?:^|,)\s*max-age\s*=\s*"?(\d{1,12})"?\s*(?:,|$)""", re.IGNORECASE)

_MAX_AGE_CAP = 7 * 24 * 3600

_RETRY_AFTER_CAP = 7 * 24 * 3600.0

_MAX_REASON = 60


def status_phrase(response: httpx.Response) -> str:
    """The standard phrase when there is one; the server's own words are untrusted."""
    try:
        return HTTPStatus(response.status_code).phrase
    except ValueError:
        return clean_line(response.reason_phrase)[:_MAX_REASON]


def parse_max_age(values: list[str]) -> int | None:
    for value in values:
        match = _MAX_AGE.search(clean_line(value))
        if match:
            return min(int(match.group(1)), _MAX_AGE_CAP)
    return None


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; garbage is None."""
    text = clean_line(value)
    if not text:
        return None
    if text.isdigit():
        return min(float(int(text[:12])), _RETRY_AFTER_CAP)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - datetime.now(UTC)).total_seconds()
    return min(max(seconds, 0.0), _RETRY_AFTER_CAP)
