"""A byline's people: "By Ana Ruiz and Tom Bell, Local Democracy Reporters" -> two names.

Bylines carry more than names: roles ("Science Correspondent"), places ("in Leeds"),
agencies ("| Reuters") and sometimes the date ("· 17 March 2025"). The names are the
authors; an agency is the author only when no person is named ("By Reuters").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["Byline", "read_byline"]

_BY = re.compile(r"^(?:by|written by|words by|reporting by|story by)\s+(?P<rest>.+)$", re.I)
_LABELLED = re.compile(r"^(?:words|text|story|photos?|pictures?|photography|images?)\s*:\s*", re.I)
_PARTS = re.compile(r"\s+[|·•—–]\s+|\s*;\s*")
_NAMES = re.compile(r"\s*(?:,|\band\b|&)\s*")
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
_PLACE = re.compile(r"\s+(?:in|at|from)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*$")
_MAX_NAME_WORDS = 5


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)
    """Parts that are not names: roles, agencies, and perhaps a date for the caller."""


def read_byline(line: str) -> Byline | None:
    """The people a byline names, or None when the line is not a byline.

    After "By", the names come first; what follows a bar or a dot is the outlet, the
    agency or the date ("By Ana Ruiz | Courier Group · 3 May"). "Words: X; Photos: Y"
    names people in every part.
    """
    byline = Byline()
    agencies: list[str] = []
    match = _BY.match(line)
    if match:
        first, *rest = _PARTS.split(match["rest"])
        named = [first]
        for part in rest:
            (agencies if part.casefold() in _AGENCIES else byline.others).append(part)
    elif _LABELLED.match(line) and all(_LABELLED.match(p) for p in _PARTS.split(line)):
        named = [_LABELLED.sub("", p) for p in _PARTS.split(line)]
    else:
        return None
    for part in named:
        for name in _names(part, byline.others):
            (agencies if name.casefold() in _AGENCIES else byline.authors).append(name)
    if not byline.authors:
        byline.authors = agencies
    if not byline.authors or any(len(a.split()) > _MAX_NAME_WORDS for a in byline.authors):
        return None
    return byline


def _names(part: str, others: list[str]) -> list[str]:
    """The names in one part of a byline; its role or other words go to `others`."""
    names: list[str] = []
    for piece in _NAMES.split(part.strip()):
        piece = piece.strip()
        if not piece:
            continue
        words = {w.casefold().strip(".") for w in piece.split()}
        if names and (words & _ROLE_WORDS) or not piece[0].isupper():  # "By Tess Writer" is a name
            others.append(piece)
            continue
        names.append(_PLACE.sub("", piece))
    return names
