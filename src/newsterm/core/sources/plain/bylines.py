"""A byline's people: "By Ana Ruiz and Tom Bell, Local Democracy Reporters" -> two names.

Bylines carry more than names: roles ("Science Correspondent"), places ("in Leeds"),
outlets ("for the Courier", "| Courier Group"), agencies ("| Reuters") and sometimes
the date ("· 17 March 2025"). The names are the authors; an agency is the author only
when no person is named ("By Reuters").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Byline", "read_byline"]

_BY = re.compile(r"^(?:by|written by|words by|reporting by|story by)\s+(?P<rest>.+)$", re.I)
_WRITER_LABEL = re.compile(r"^(?:words|text|story)\s*:\s*", re.I)
_ANY_LABEL = re.compile(r"^(?:words|text|story|photos?|pictures?|photography|images?)\s*:\s*", re.I)
_PARTS = re.compile(r"\s+[|·•—–-]\s+|\s*;\s*")
_AND = re.compile(r"\s+(?:and|&)\s+")
_ROLES = (
    "correspondent correspondents reporter reporters editor editors writer writers columnist "
    "critic staff producer contributor contributors analyst chief desk bureau photographer "
    "journalist journalists author presenter commentator team"
)
_ROLE_WORDS = frozenset(_ROLES.split())
_AGENCY_NAMES = (
    "reuters|ap|afp|pa|dpa|anp|efe|ansa|xinhua|bloomberg|upi|aap|kyodo|yonhap|tass|pa media"
    "|associated press|the associated press|agence france-presse|press association"
)
_AGENCIES = frozenset(_AGENCY_NAMES.split("|"))
# After a name: where the writer was, or whom they wrote for.
_PLACE_OR_OUTLET = re.compile(r"\s+(?:in|at|from|for)\s+(?:the\s+)?[A-Z].*$")
# Words of a name that are not capitalised: "Ludwig van Beethoven", "Ana de la Cruz".
_NAME_PARTICLES = "van von der den de del della di da dos du la le bin al ibn y"
_PARTICLES = frozenset(_NAME_PARTICLES.split())
# Small words a role or an outlet may hold ("Head of News", "Editor at Large").
_TITLE_WORDS = frozenset({"of", "the", "and", "for", "at", "in", "on", "&", "-"})
_CALENDAR = re.compile(
    r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|june"
    r"|july|august|september|october|november|december|today|yesterday)$",
    re.I,
)
_MAX_NAME_WORDS = 5


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    """Parts that are not names: roles, outlets, places, and perhaps a date for the caller."""


def read_byline(line: str) -> Byline | None:
    """The people a byline names, or None when the line is not a byline.

    After "By", the names come first; what follows a bar, a dash or a dot is the outlet,
    the agency or the date ("By Ana Ruiz | Courier Group · 3 May"). "Words: X; Photos: Y"
    names people in every part (a lone "Photo: X" is a picture's credit, not a byline).
    """
    byline = Byline()
    agencies: list[str] = []
    match = _BY.match(line)
    if match:
        first, *rest = _PARTS.split(match["rest"])
        named = [first]
        for part in rest:
            (agencies if part.casefold() in _AGENCIES else byline.others).append(part)
    elif _WRITER_LABEL.match(line) and all(_ANY_LABEL.match(p) for p in _PARTS.split(line)):
        named = [_ANY_LABEL.sub("", p) for p in _PARTS.split(line)]
    else:
        return None
    for part in named:
        for name in _names(part, byline.others):
            (agencies if name.casefold() in _AGENCIES else byline.authors).append(name)
    if not byline.authors:
        byline.authors = agencies
    if not byline.authors or not all(_is_name(a) for a in byline.authors):
        return None
    if not all(_is_label(other) for other in byline.others):
        return None  # "By Tuesday, Mr Smith had resigned" is a sentence
    return byline


def _names(part: str, others: list[str]) -> list[str]:
    """The names in one part of a byline; its roles, outlets and places go to `others`.

    "A, B and C, Role": the names run to the one after "and"; what comes after that, or
    after the first name when no "and" joins them ("Jane Doe, BBC News"), is no name.
    """
    pieces = [p.strip() for p in part.split(",") if p.strip()]
    joined = next((i for i, p in enumerate(pieces) if _AND.search(p)), None)
    if joined is None:
        names, rest = pieces[:1], pieces[1:]
    else:
        names = pieces[:joined] + _AND.split(pieces[joined])
        rest = pieces[joined + 1 :]
    others.extend(rest)
    found: list[str] = []
    for name in names:
        words = {w.casefold().strip(".") for w in name.split()}
        if found and words & _ROLE_WORDS:  # "… and Science Correspondents"
            others.append(name)
            continue
        found.append(_PLACE_OR_OUTLET.sub("", name).strip())
    return [name for name in found if name]


def _is_name(text: str) -> bool:
    """A person's or an agency's name: a few capitalised words, not a day or a month."""
    words = text.split()
    if not words or len(words) > _MAX_NAME_WORDS or _CALENDAR.match(text):
        return False
    return all(w[0].isupper() or w.casefold() in _PARTICLES for w in words)


def _is_label(text: str) -> bool:
    """A role, an outlet, a place or a date: capitalised words, figures, small words."""
    return all(
        w[0].isupper() or w[0].isdigit() or w.casefold() in _TITLE_WORDS | _PARTICLES
        for w in text.split()
    )
