"""How pages introduce other stories, in pages and in text saved from them alike.

A heading opens a block of them ("Related stories", "More on this story", "Lire aussi");
a label opens one ("Read also: Title", "Related: Title"). A few labels also open
ordinary sentences ("More: the council said…"), so those name a story only when the
title leads somewhere (`is_generic`).
"""

from __future__ import annotations

import re

__all__ = ["RELATED_HEADING", "RELATED_LABEL", "is_generic", "without_label"]

RELATED_HEADING = re.compile(
    r"^\s*(?:related(?:\s+(?:stories|articles|coverage|content|links|reading))?"
    r"|more on this(?: story| topic)?|read (?:also|more|next)|see also|also read"
    r"|further reading|more stories|you may also like|recommended(?: for you)?"
    r"|more from this stream|sur le même sujet|à lire aussi|lire aussi|auch auf .+"
    r"|mehr zum thema|související|leia também|lea también|más noticias|ver también)\s*:?\s*$",
    re.IGNORECASE,
)
RELATED_LABEL = re.compile(
    r"^(?P<label>related(?: stories| story| articles?| coverage)?|read(?: also| more| next)?"
    r"|see also|also read|more on this(?: story)?|more|recommended|lire aussi|à lire aussi"
    r"|leia também|lea también|ver también|mehr zum thema)\s*:\s*(?P<title>.+)$",
    re.IGNORECASE,
)
_GENERIC_LABELS = frozenset({"read", "more", "recommended"})


def is_generic(label: re.Match[str]) -> bool:
    """A label that also opens ordinary sentences: a story only with somewhere to go."""
    return label["label"].casefold() in _GENERIC_LABELS


def without_label(text: str) -> str:
    """ "Read also: Title" -> "Title"; a text with no label as it is."""
    labelled = RELATED_LABEL.match(text)
    return labelled["title"] if labelled else text
