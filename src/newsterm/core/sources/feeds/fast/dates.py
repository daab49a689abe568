"""Dates as feedparser reads them: published, updated, created and expiry.

Most feeds write their dates in one of two spellings (RFC 822 and ISO 8601);
`fast_date` reads those directly and leaves every other spelling to
feedparser's own `_parse_date`, which tries a dozen formats in turn.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta, timezone

from feedparser.datetimes import _parse_date

from newsterm.core.sources.feeds.fast.state import ReplayState

__all__ = ["Dates", "fast_date"]

_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UT|UTC|Z|[+-]\d{4})"
)
_ISO8601 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(Z|[+-]\d{2}:\d{2})"
)


def fast_date(value: str) -> time.struct_time | None:
    """feedparser's `_parse_date`, with the two everyday spellings read directly."""
    when: datetime | None = None
    try:
        if match := _RFC822.fullmatch(value):
            day, month, year, hour, minute, second, zone = match.groups()
            offset = timedelta(0)
            if zone[0] in "+-":
                sign = -1 if zone[0] == "-" else 1
                offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
            when = datetime(
                int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second),
                tzinfo=timezone(offset),
            )  # fmt: skip
        elif match := _ISO8601.fullmatch(value):
            *parts, zone = match.groups()
            tz = UTC if zone == "Z" else datetime.strptime(zone, "%z").tzinfo
            year, month, day, hour, minute, second = (int(p) for p in parts)
            when = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except (ValueError, OverflowError):
        when = None
    if when is None or when.year < 1900:
        result: time.struct_time | None = _parse_date(value)
        return result
    return when.astimezone(UTC).utctimetuple()


class Dates(ReplayState):
    """The date elements of feedparser/namespaces/_base.py (RSS, Atom, RDF)."""

    def _parse_date(self, value: str | None) -> time.struct_time | None:
        return fast_date(value) if value else None

    def _start_published(self, attrs_d: dict[str, str]) -> None:
        self.push("published", 1)

    _start_issued = _start_published
    _start_pubdate = _start_published

    def _end_published(self) -> None:
        value = self.pop("published")
        self._save("published_parsed", self._parse_date(value), overwrite=True)

    _end_issued = _end_published
    _end_pubdate = _end_published

    def _start_updated(self, attrs_d: dict[str, str]) -> None:
        self.push("updated", 1)

    _start_modified = _start_updated
    _start_lastbuilddate = _start_updated

    def _end_updated(self) -> None:
        value = self.pop("updated")
        self._save("updated_parsed", self._parse_date(value), overwrite=True)

    _end_modified = _end_updated
    _end_lastbuilddate = _end_updated

    def _start_created(self, attrs_d: dict[str, str]) -> None:
        self.push("created", 1)

    def _end_created(self) -> None:
        self._save("created_parsed", self._parse_date(self.pop("created")), overwrite=True)

    def _start_expirationdate(self, attrs_d: dict[str, str]) -> None:
        self.push("expired", 1)

    def _end_expirationdate(self) -> None:
        self._save("expired_parsed", self._parse_date(self.pop("expired")), overwrite=True)
