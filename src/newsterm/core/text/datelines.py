"""Lines that only say when: "24 July 2015", "08.04.2015 12:46", "Updated 4 hours ago".

Pages print a story's date beside its text and after every teaser's title; either way
it is metadata, not words to read. A line is a dateline when every word in it is a
date word (a number, a month, a weekday, a zone, "updated", "ago"...), so no list of
formats can miss a publisher's own spelling, in the languages the corpus has.
"""

from __future__ import annotations

import re

__all__ = ["ZONE_HOURS", "ZONE_PLACES", "is_dateline", "without_trailing_date"]

_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "januar februar märz juni juli oktober dezember mai "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre "
    "janeiro fevereiro março maio junho julho setembro outubro novembro dezembro"
)
_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun montag dienstag mittwoch donnerstag freitag samstag sonntag"
)
_LABELS = (
    "updated published posted first last modified date on at am pm a.m p.m noon midnight ago "
    "today yesterday just now hour hours hr hrs minute minutes min mins day days week weeks "
    "month months year years second seconds sec secs an a of the de del um uhr le à am"
)
# Zones a dateline names by letters: a fixed offset, or a place where the letters leave
# summer time open ("ET" is -4 or -5 hours by the season). "IST" is three countries' zone:
# a line naming it keeps its day and not its time.
ZONE_HOURS = {
    "utc": 0, "gmt": 0, "z": 0, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6, "pst": -8, "pdt": -7,
    "jst": 9, "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13,
}  # fmt: skip
ZONE_PLACES = {
    "et": "America/New_York", "ct": "America/Chicago", "mt": "America/Denver",
    "pt": "America/Los_Angeles", "nzt": "Pacific/Auckland", "aet": "Australia/Sydney",
}  # fmt: skip
_ZONES = {*ZONE_HOURS, *ZONE_PLACES, "ist"}
_CALENDAR_WORDS = frozenset(f"{_MONTHS} {_WEEKDAYS}".split())
_DATE_WORDS = _CALENDAR_WORDS | frozenset(_LABELS.split()) | _ZONES
# After a title, only a date proper is cut: "Pictures of the Day: 21 November" keeps its
# "of the Day"; an age ("4 hours ago") may use every date word.
_NOT_IN_A_TAIL = (
    "of the a an de del le à um day days week weeks month months year years today just now"
)
_TAIL_WORDS = _DATE_WORDS - frozenset(_NOT_IN_A_TAIL.split())
# One word of a date: digits with their separators ("08.04.2015", "12:46", "7th", "2019,")
_NUMBER = re.compile(
    r"^\d{1,4}(?:[./:\-]\d{1,4}){0,2}(?:st|nd|rd|th|h|am|pm|a\.m|p\.m)?$"
    r"|^\d{4}-\d\d-\d\dt[\d:.]+(?:z|[+-]\d\d:?\d\d)?$"  # ISO 8601, casefolded
)
# What makes words a date and not a count ("The first 100 days", "Euro 2024"): a clock
# time, a date in figures, or a number beside a month or weekday.
_CLOCK_OR_FIGURES = re.compile(r"\d[:.]\d\d(?!\d)|\d(?:am|pm|a\.m|p\.m)|\d+[./-]\d+[./-]\d+")
_SPLIT = re.compile(r"[\s,|·•()\[\]]+")
_MAX_WORDS = 12


def _is_date_word(word: str, words: frozenset[str] = _DATE_WORDS) -> bool:
    word = word.casefold().rstrip(".:")
    return not word or word in words or bool(_NUMBER.match(word))


def _says_when(words: list[str]) -> bool:
    """A clock time, a date in figures, an age ("… ago"), or a number with a month/weekday."""
    folded = [w.casefold().rstrip(".:") for w in words]
    if "ago" in folded or "yesterday" in folded:
        return True
    if any(_CLOCK_OR_FIGURES.search(w) for w in folded):
        return True
    has_number = any(any(c.isdigit() for c in w) for w in folded)
    return has_number and any(w in _CALENDAR_WORDS for w in folded)


def is_dateline(text: str) -> bool:
    """The whole text is a date, a time or an age, and says when (not "The first 100 days")."""
    words = [w for w in _SPLIT.split(text.strip()) if w]
    if not words or len(words) > _MAX_WORDS:
        return False
    return all(_is_date_word(w) for w in words) and _says_when(words)


def without_trailing_date(text: str) -> str:
    """A teaser's title without the date or age printed after it ("… 4 hours ago"); a
    title that ends in a year ("Euro 2024", "Blade Runner 2049") keeps it."""
    words = text.split(" ")
    allowed = _DATE_WORDS if words[-1].casefold() == "ago" else _TAIL_WORDS
    cut = len(words)
    while cut > 1 and _is_date_word(words[cut - 1].strip(",|·()[]"), allowed):
        cut -= 1
    tail, title = words[cut:], " ".join(words[:cut])
    if not tail or not is_dateline(" ".join(tail)):
        return text
    if title.endswith(":"):
        return text  # "Pictures of the Day: 21 November": the date is what the title names
    return title.rstrip(" -–—|·,")
