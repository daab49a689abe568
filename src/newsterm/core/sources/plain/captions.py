"""An image saved as text: the caption line(s), then the credit in one of its usual forms.

"Source: Web", "Photo: Jane Doe/AP", "Photograph by Jane Doe", "(Jane Doe/AP)": the last
line of a short chunk is a credit, and the lines above it describe the picture. Two
complete lines are its alt text and its caption (the seed's shape); a line that goes on
in lower case is the caption wrapped.
"""

from __future__ import annotations

import re

from newsterm.core.model import Figure

__all__ = ["figure_from_lines"]

_LABELLED = re.compile(
    r"^(?:source|photo(?:graph)?s?(?: credit)?|image|credit|picture|illustration|graphic"
    r"|video|map)s?\s*:\s*(?P<credit>.+)$",
    re.I,
)
_BY = re.compile(r"^(?:photo(?:graph)?s?|picture|image|illustration)\s+by\s+(?P<credit>.+)$", re.I)
_PARENTHESISED = re.compile(r"^\((?P<credit>[^()]{2,80}/[^()]{2,80})\)$")
_MAX_LINES = 4


def credit_of(line: str) -> str | None:
    """The credit a line gives, without its label; None when it is no credit line."""
    match = _LABELLED.match(line) or _BY.match(line) or _PARENTHESISED.match(line)
    return match["credit"].strip() if match else None


def figure_from_lines(lines: list[str]) -> Figure | None:
    """A chunk of caption lines ending in a credit line, as one figure."""
    if not 2 <= len(lines) <= _MAX_LINES:
        return None
    credit = credit_of(lines[-1])
    if credit is None:
        return None
    described: list[str] = []
    for line in lines[:-1]:
        if described and line[:1].islower():
            described[-1] = f"{described[-1]} {line}"  # the caption goes on
        else:
            described.append(line)
    if len(described) > 2:
        return None
    alt = described[0] if len(described) == 2 else ""
    return Figure(image=None, alt=alt, caption=described[-1], credit=credit)
