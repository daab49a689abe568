"""A figure's credit as the reader prints it, labelled once.

Feeds and pages often write the kind of credit into it ("Photograph: AP", "Illustration
by Jane Doe"); the reader's own "Credit:" before that would say it twice.
"""

from __future__ import annotations

import re

__all__ = ["credit_line"]

_LABELLED_CREDIT = re.compile(
    r"^(?:credits?|photo(?:graph)?s?|images?|pictures?|illustrations?|sources?|fotos?|bild"
    r"|videos?|graphics?|courtesy)\b\s*(?:by\b|[:：])",
    re.IGNORECASE,
)


def credit_line(credit: str) -> str:
    """ "Credit: Jane Doe", but "Photograph: AP" as the feed gives it, never
    "Credit: Photograph: AP"."""
    return credit if _LABELLED_CREDIT.match(credit) else f"Credit: {credit}"
