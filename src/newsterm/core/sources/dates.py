"""Turn the many date spellings of feeds, pages and text files into aware datetimes.

One parser for every source, so the same absurd date is refused everywhere:
anything before 1970 or more than a year ahead is treated as no date at all.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsterm.core.text.datelines import ZONE_HOURS, ZONE_PLACES

_EARLIEST_YEAR = 1970
_WRITTEN_FORMATS = (
    "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d %B %Y %H:%M",
    "%d %b %Y %H:%M", "%B %d, %Y %H:%M", "%Y-%m-%d %H:%M", "%A %d %B %Y", "%A, %d %B %Y",
    "%A, %B %d, %Y", "%d/%m/%Y", "%b %d %Y", "%d.%m.%Y",
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


# A dateline's words around its date: "Published:", "Updated on", a weekday, "at".
_DATELINE_LABEL = re.compile(
    r"^(?:(?:first\s+)?published|updated|posted|last\s+(?:updated|modified)|modified|date)"
    r"\s*:?\s*(?:on\s+)?",
    re.IGNORECASE,
)
_WEEKDAY = re.compile(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+", re.I
)
_CLOCK = (
    r"(?:at\s+)?(?P<hour>\d{1,2})(?:(?:[:.](?P<minute>\d{2})\s*(?P<half>[ap])?|\s*(?P<only>[ap]))"
    r"\.?m?\.?)(?:\s+(?P<zone>[A-Za-z]{1,5}))?"
)
_CLOCK_AFTER = re.compile(rf"[,\s]+{_CLOCK}$", re.IGNORECASE)  # "14 March 2024 10:15 BST"
_CLOCK_BEFORE = re.compile(rf"^{_CLOCK}[,\s]+", re.IGNORECASE)  # "10:15 BST, 14 March 2024"
_RELATIVE = re.compile(r"\bago\b|\byesterday\b|\btoday\b|\bjust now\b", re.IGNORECASE)


def parse_dateline(line: str) -> datetime | None:
    """A dateline as pages print one: `Sept. 30, 2024 10:15 ET`, `Monday 14 October 2024
    09.30 BST`, `Posted 5 January 2025, 4:45pm`, `Published: 8 July 2024 at 07:05`, ISO.

    The time stays as written, in the zone the line names; a relative line ("Updated 2
    hours ago") is no date: when it was saved is not known.
    """
    text = _DATELINE_LABEL.sub("", line.strip()).strip()
    if not text or len(text) > 64 or _RELATIVE.search(text):
        return None
    iso = _bounded(_iso(text))
    if iso is not None:
        return iso
    clock = _CLOCK_BEFORE.match(text)
    if clock:
        text = text[clock.end() :]
    text = _WEEKDAY.sub("", text)
    if not clock and (clock := _CLOCK_AFTER.search(text)):
        text = text[: clock.start()]
    day = parse_date(_plain_day(text))
    if day is None or not clock:
        return day
    hour, minute = int(clock["hour"]), int(clock["minute"] or 0)
    if half := clock["half"] or clock["only"]:
        hour = hour % 12 + (12 if half.lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return day
    zone = _zone(clock["zone"]) if clock["zone"] else day.tzinfo
    if zone is None:
        return day  # a zone we cannot place: the day is sure, the hour is not
    return day.replace(hour=hour, minute=minute, tzinfo=zone)


def _plain_day(text: str) -> str:
    """ "Sept. 30, 2024" -> "Sep 30 2024": the spelling the written formats read."""
    text = re.sub(
        r"\b(Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.", r"\1", text, flags=re.I
    )
    text = re.sub(r"\bsept\b", "Sep", text, flags=re.I)
    return " ".join(text.replace(",", " ").split())


def _zone(letters: str) -> tzinfo | None:
    key = letters.lower()
    if key in ZONE_HOURS:
        return timezone(timedelta(hours=ZONE_HOURS[key]))
    if key in ZONE_PLACES:
        try:
            return ZoneInfo(ZONE_PLACES[key])
        except (ZoneInfoNotFoundError, ValueError):
            return None  # a machine without the zone database: the time as written
    return None
