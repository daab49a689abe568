"""The page's own lines inside a story's text: dates, section labels, comment counts,
share bars, "Advertisement", "Continue reading the main story", newsletter pitches.

An extractor keeps them because they sit among the paragraphs; a reader shows the
date in the byline and has no use for the rest. A block is furniture only when all of
it is (a paragraph that mentions a newsletter is still a paragraph).
"""

from __future__ import annotations

import re

from newsterm.core.model import Block, Heading, ListBlock, Paragraph
from newsterm.core.text.datelines import is_dateline

__all__ = ["is_furniture", "without_furniture"]

_FURNITURE_LINE = re.compile(
    r"^(?:"
    r"(?:from|in) the section\b.{0,40}|filed under\b.{0,40}|posted in\b.{0,40}"
    r"|\d[\d,.]*\s*(?:comments?|replies|responses|shares)|comments?\s*\(\d+\)"
    r"|(?:view|show|read|leave|add|post)\s+(?:a\s+|all\s+)?comments?|join the conversation"
    r"|advertisement|advertising|sponsored(?: content)?|anzeige|werbung|publicité|publicidad"
    r"|pubblicità|reklama|广告|精彩视频推荐|转播到腾讯微博"
    r"|continue reading(?: the main story| below)?|story continues below(?: advertisement)?"
    r"|article continues (?:below|after (?:this )?advertisement)"
    r"|scroll to continue(?: with content)?"
    r"|skip (?:advertisement|ad)|supported by|image|photo|video|audio"
    r")\W*$",
    re.IGNORECASE,
)
_SHARE = (
    "share shares this article story page on via tweet email e-mail mail print copy link save "
    "facebook twitter x whatsapp linkedin reddit pinterest messenger telegram pocket flipboard "
    "bluesky mastodon threads sms"
)
_SHARE_WORDS = frozenset(_SHARE.split())
# A promotion of the site's own newsletter, app or subscription, as a line of its own.
_PITCH = re.compile(r"newsletter|in your inbox|sign up|subscribe|download (?:our|the) app", re.I)
_MAX_PITCH_WORDS = 30


def is_furniture(text: str) -> bool:
    """The whole text is page furniture, in one of the forms pages print it."""
    text = text.strip()
    if not text or is_dateline(text) or _FURNITURE_LINE.match(text):
        return True
    words = [w for w in re.split(r"[\s|·•/,]+", text.casefold()) if w]
    if all(w in _SHARE_WORDS for w in words) and ("share" in words or len(words) == 1):
        return True  # "Share this article", "Facebook | Twitter | Email share", "Print"
    bracketed = text.startswith("[") and text.endswith("]")
    return bracketed and len(words) <= _MAX_PITCH_WORDS and bool(_PITCH.search(text))


def without_furniture(blocks: list[Block]) -> list[Block]:
    """The blocks minus lines of furniture; a list keeps its items that are not."""
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph | Heading) and is_furniture(block.text):
            continue
        if isinstance(block, ListBlock):
            items = tuple(item for item in block.items if not is_furniture(item))
            if not items:
                continue
            if len(items) < len(block.items):
                block = ListBlock(items, block.ordered)
        kept.append(block)
    return kept
