"""The page's own lines inside a story's text: dates, section labels, comment counts,
share bars, "Advertisement", "Continue reading the main story", newsletter pitches.

An extractor keeps them because they sit among the paragraphs; a reader shows the
date in the byline and has no use for the rest. A block is furniture only when all of
it is (a paragraph that mentions a newsletter is still a paragraph).
"""

from __future__ import annotations

import re

from newsterm.core.model import Block, ListBlock, Paragraph
from newsterm.core.text.datelines import is_dateline

__all__ = ["is_furniture", "without_furniture"]

# Lines pages print as labels: whole lines, short, with no sentence in them.
_FURNITURE_LINE = re.compile(
    r"^(?:"
    r"(?:from|in) the section\s[^,.;]{1,40}|filed under\s[^,.;]{1,40}|posted in\s[^,.;]{1,40}"
    r"|\d[\d,.]*\s*(?:comments?|replies|responses|shares)|comments?\s*\(\d+\)"
    r"|(?:view|show|read|leave|add|post)\s+(?:a\s+|all\s+)?comments?|join the conversation"
    r"|advertisement|sponsored content|anzeige|publicité|publicidad|pubblicità|reklama|广告"
    r"|精彩视频推荐|转播到腾讯微博"
    r"|continue reading(?: the main story| below)?|story continues below(?: advertisement)?"
    r"|article continues (?:below|after (?:this )?advertisement)"
    r"|scroll to continue(?: with content)?|skip (?:advertisement|ad)"
    r")\W*$",
    re.IGNORECASE,
)
_SHARE = (
    "share this article story page on via tweet email e-mail facebook twitter x whatsapp linkedin"
)
_SHARE_WORDS = frozenset(_SHARE.split())
# A paragraph of one of these words alone is a button's label.
_BUTTON_WORDS = frozenset({"share", "tweet", "email", "e-mail", "print"})
# A promotion of the site's own newsletter, app or subscription, as a line of its own.
_PITCH = re.compile(r"newsletter|in your inbox|sign up|subscribe|download (?:our|the) app", re.I)
_MAX_PITCH_WORDS = 30


def is_furniture(text: str) -> bool:
    """The whole text is page furniture, in one of the forms pages print it."""
    text = text.strip()
    if not text or is_dateline(text) or _FURNITURE_LINE.match(text):
        return True
    words = [w for w in re.split(r"[\s|·•/,]+", text.casefold()) if w]
    if words == [words[0]] and words[0] in _BUTTON_WORDS:
        return True
    if "share" in words and all(w in _SHARE_WORDS for w in words):
        return True  # "Share this article", "Facebook | Twitter | Email | Share"
    bracketed = text.startswith("[") and text.endswith("]")
    return bracketed and len(words) <= _MAX_PITCH_WORDS and bool(_PITCH.search(text))


def without_furniture(blocks: list[Block]) -> list[Block]:
    """The blocks minus paragraphs of furniture, and lists made only of it.

    A subheading or a list item can be a date or a single word on its own ("The 2nd of
    May", "Monday 10am"), so only a list whose items are all furniture, not only dates
    (BBC's date / "From the section" / "941 comments"), goes, and headings stay.
    """
    kept: list[Block] = []
    for block in blocks:
        if isinstance(block, Paragraph) and is_furniture(block.text):
            continue
        if (
            isinstance(block, ListBlock)
            and all(is_furniture(item) for item in block.items)
            and not all(is_dateline(item) for item in block.items)
        ):
            continue
        kept.append(block)
    return kept
