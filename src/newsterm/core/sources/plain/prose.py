"""A chunk of a saved page's text as the block it is: a list, a quote, a subheading or a
paragraph. Nothing is marked up, so each rule is about the shape of the lines.
"""

from __future__ import annotations

import re

from newsterm.core.model import Block, Heading, ListBlock, Paragraph, Quote

__all__ = ["is_heading", "prose_blocks"]

_ITEM = re.compile(r"^(?:(?P<bullet>[-*•·‣–—])|(?P<number>\d{1,3})[.)])\s+(?P<text>.+)$")
_BULLETS = "-*•"
_OPENING_QUOTES = "\"“„«‘'"
_CLOSING_QUOTES = "\"”»“’'"
_FINAL_PUNCTUATION = tuple('.!?:;,"”’)…')
_SMALL = "a an the and or but nor of in on at to for from by with as is are was vs via"
_SMALL_WORDS = frozenset(_SMALL.split())
_MAX_HEADING_WORDS = 16
_MAX_LABEL_WORDS = 12  # "Who is standing?", "Key findings:", "HOW IT WORKS"
# "… Ties with The U.S." still ends a heading: the full stop belongs to the abbreviation.
_ABBREVIATION = re.compile(r"^(?:(?:[A-Z]\.){2,}|Inc\.|Ltd\.|Co\.|Corp\.|Jr\.|Sr\.|St\.)$")


def prose_blocks(lines: list[str]) -> list[Block]:
    """One chunk's blocks: an introducing line may come before a list in the same chunk.

    A list has two items or more (a lone "- Jane Doe, mayor" under a quote is its
    attribution, and a wrapped line may start with a dash), or is one bulleted line.
    """
    items = [i for i, line in enumerate(lines) if _ITEM.match(line)]
    if len(items) >= 2 or (len(lines) == 1 and items and lines[0][0] in _BULLETS):
        intro = _paragraph_or_heading(lines[: items[0]]) if items[0] else []
        return [*intro, _list(lines[items[0] :])]
    if all(line.startswith(">") for line in lines):
        text = " ".join(line.lstrip("> ").strip() for line in lines).strip()
        return [Quote(text)] if text else []
    if _is_quotation(lines):
        return [Quote(" ".join(lines))]
    return _paragraph_or_heading(lines)


def _is_quotation(lines: list[str]) -> bool:
    """A chunk that is all in quote marks, perhaps with a dashed attribution line under it."""
    if len(lines) > 1 and lines[-1][:1] in "–—-" and len(lines[-1].split()) <= _MAX_LABEL_WORDS:
        lines = lines[:-1]
    text = " ".join(lines)
    return len(text) > 2 and text[0] in _OPENING_QUOTES and text[-1] in _CLOSING_QUOTES


def _paragraph_or_heading(lines: list[str]) -> list[Block]:
    if len(lines) == 1 and is_heading(lines[0]):
        return [Heading(lines[0])]
    return [Paragraph(" ".join(lines))]


def _list(lines: list[str]) -> ListBlock:
    """Items from their markers on; a line without one goes on with the item above it."""
    items: list[str] = []
    ordered = False
    for line in lines:
        match = _ITEM.match(line)
        if match:
            ordered = ordered or match["number"] is not None
            items.append(match["text"])
        elif items:
            items[-1] = f"{items[-1]} {line}"
    return ListBlock(tuple(items), ordered=ordered)


def is_heading(line: str) -> bool:
    """A subheading: Title Case with no final stop, ALL CAPS, or a short "…?" / "…:" line."""
    words = line.split()
    if len(words) > _MAX_HEADING_WORDS:
        return False
    if len(words) <= _MAX_LABEL_WORDS and line.endswith(("?", ":")):
        return True
    letters = [c for c in line if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and len(words) <= _MAX_LABEL_WORDS:
        return True
    if line.endswith(_FINAL_PUNCTUATION) and not _ABBREVIATION.match(words[-1]):
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised / len(significant) >= 0.6
