"""Lines that only say when: "24 July 2015", "08.04.2015 12:46", "Updated 4 hours ago".

Pages print a story's date beside its text and after every teaser's title; either way
it is metadata, not words to read. A line is a dateline when every word in it is a
date word (a number, a month, a weekday, a zone, "updated", "ago"...), so no list of
formats can miss a publisher's own spelling, in the languages the corpus has.
"""

from __future__ import annotations

import re

__all__ = ["is_dateline", "without_trailing_date"]

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
    "updated published posted first last modified on at am pm a.m p.m noon midnight ago "
    "today yesterday just now hour hours hr hrs minute minutes min mins day days week weeks "
    "month months year years second seconds sec secs an a of the de del um uhr le à am"
)
_ZONES = (
    "et est edt ct cst cdt pt pst pdt mt mst mdt gmt bst utc cet cest eet eest ist jst aest aedt "
    "aet nzt nzst nzdt z"
)
_DATE_WORDS = frozenset(f"{_MONTHS} {_WEEKDAYS} {_LABELS} {_ZONES}".split())
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
# More than a bare number: a year, a time, a date written with separators, or a word.
_DATE_LIKE = re.compile(r"\b(?:19|20)\d\d\b|\d[./:]\d|[^\W\d]{2,}")
_SPLIT = re.compile(r"[\s,|·•()\[\]]+")
_MAX_WORDS = 12


def _is_date_word(word: str, words: frozenset[str] = _DATE_WORDS) -> bool:
    word = word.casefold().rstrip(".:")
    return not word or word in words or bool(_NUMBER.match(word))


def is_dateline(text: str) -> bool:
    """The whole text is a date, a time or an age, with at least one number or "ago"."""
    words = [w for w in _SPLIT.split(text.strip()) if w]
    if not words or len(words) > _MAX_WORDS:
        return False
    if not any(any(c.isdigit() for c in w) or w.casefold() in ("ago", "yesterday") for w in words):
        return False
    return all(_is_date_word(w) for w in words)


def without_trailing_date(text: str) -> str:
    """A teaser's title without the date or age printed after it ("… 4 hours ago")."""
    words = text.split(" ")
    allowed = _DATE_WORDS if words[-1].casefold() == "ago" else _TAIL_WORDS
    cut = len(words)
    while cut > 1 and _is_date_word(words[cut - 1].strip(",|·()[]"), allowed):
        cut -= 1
    tail, title = " ".join(words[cut:]), " ".join(words[:cut])
    if cut == len(words) or not is_dateline(tail) or not _DATE_LIKE.search(tail):
        return text  # "Apollo 11" and "Top 10" end in a number, not a date
    if title.endswith(":"):
        return text  # "Pictures of the Day: 21 November": the date is what the title names
    return title.rstrip(" -–—|·,")
