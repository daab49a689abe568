"""Counts with their nouns agreeing: `1 story`, `2 stories`, `0 feeds`."""

from __future__ import annotations


def counted(number: int, one: str, many: str | None = None) -> str:
    """`number` and the noun for it; `many` when the plural is not `one` + "s"."""
    return f"{number} {one if number == 1 else many or one + 's'}"
