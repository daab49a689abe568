"""A server's JSON values taken only as the types they must be: a number as text, a
line of text, an http(s) address, a time in seconds. Anything else is "" or None, so a
server's odd answer costs a field, never the sync."""

from __future__ import annotations

from typing import Any

from newsterm.core.text.clean import clean_line, clean_url

LATEST_SECONDS = 1e11
"""Past the year 5000: no story's time."""


def number(value: object) -> str:
    """A whole number as ASCII digits ("" for anything else: a bool, a negative, "١٢")."""
    if isinstance(value, bool):
        return ""
    text = str(value).strip() if isinstance(value, int | str) else ""
    return text if text.isascii() and text.isdigit() and len(text) <= 19 else ""


def text(value: object) -> str:
    return clean_line(value) if isinstance(value, str) else ""


def address(value: object) -> str | None:
    """An http(s) address, or None: a server's `javascript:` link is no story's."""
    url = clean_url(value) if isinstance(value, str) else None
    return url if url and url.lower().startswith(("http://", "https://")) else None


def seconds(value: object) -> float | None:
    """A Unix time, when it is a plausible one."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if 0 < value < LATEST_SECONDS else None
    return None


def objects(value: object) -> list[dict[str, Any]]:
    """The JSON objects of a list (none when it is no list)."""
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []
