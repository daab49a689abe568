"""A title for items that have none: the start of their text, as other readers show it."""

from __future__ import annotations

from newsterm.core.model import Block

_WORDS = 12
UNTITLED = "(untitled)"


def title_from_body(blocks: list[Block], summary: str | None = None) -> str:
    for text in [summary or "", *(getattr(block, "text", "") for block in blocks)]:
        if text:
            words = text.split()
            return " ".join(words[:_WORDS]) + ("…" if len(words) > _WORDS else "")
    return UNTITLED
