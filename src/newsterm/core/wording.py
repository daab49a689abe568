"""Counts in words, as a person writes them: "1 story", "2 stories"."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"
