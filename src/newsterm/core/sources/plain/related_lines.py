"""Related stories in a saved page's text: "Read Also: Title", and blocks of them.

A block opens with a heading line ("Related stories:", "More on this:", "Read next")
and lists titles, each perhaps behind a label ("Read More:") or a bullet, with its
address after it ("Title - https://…", "Title (https://…)") or on the next line.
"""

from __future__ import annotations

import re

from newsterm.core.model import Link
from newsterm.core.sources.related_words import RELATED_HEADING, RELATED_LABEL, is_generic
from newsterm.core.text.clean import clean_url

__all__ = ["is_related_heading", "related_item", "related_items", "standalone_url"]

_BULLET = re.compile(r"^(?:[-*•·‣–—]|\d{1,2}[.)])\s+")
_URL = re.compile(r"^[(<]?(https?://[^\s()<>]+)[)>]?$")
_MAX_TITLE_WORDS = 30
_SENTENCE_INSIDE = re.compile(r"[.!?]\s+[A-Z]")


def is_related_heading(line: str) -> bool:
    return bool(RELATED_HEADING.match(line))


def standalone_url(line: str) -> str | None:
    """An address alone on its line: where the title above it leads."""
    match = _URL.match(line)
    return clean_url(match[1]) if match else None


def related_item(line: str) -> Link | None:
    """A labelled line anywhere in the text ("Read Also: Title"): one related story. A
    label that also opens sentences ("More: …") names one only with its address."""
    match = RELATED_LABEL.match(line)
    if not match:
        return None
    link = _link(match["title"])
    return None if is_generic(match) and link.url is None else link


def related_items(lines: list[str], *, marked_only: bool) -> list[Link] | None:
    """The lines under a related heading as stories, or None when they read as prose.

    In the heading's own chunk a plain headline is an item; further down, only lines
    marked as items (a label, a bullet, an address) are, so the story's next paragraph
    is not taken for one.
    """
    links: list[Link] = []
    for line in lines:
        url = standalone_url(line)
        if url and links and links[-1].url is None:
            links[-1] = Link(links[-1].text, url)  # the address on its own line
            continue
        labelled = RELATED_LABEL.match(line)
        bullet = _BULLET.match(line)
        title = labelled["title"] if labelled else line[bullet.end() :] if bullet else line
        link = _link(title)
        marked = bool(labelled or bullet or link.url)
        if not marked and (marked_only or not _looks_like_a_title(title)):
            return None
        links.append(link)
    return links


def _looks_like_a_title(line: str) -> bool:
    """A headline: short, and not one sentence after another."""
    return len(line.split()) <= _MAX_TITLE_WORDS and not _SENTENCE_INSIDE.search(line)


def _link(value: str) -> Link:
    """ "Title - https://…", "Title (https://…)", a bare address, or a title alone.

    Only the last word is tried as the address: a search for it from every position
    of a long line would take time that grows with the square of the line.
    """
    value = value.strip()
    last = value.rsplit(None, 1)[-1] if value else ""
    url = _URL.match(last)
    if not url:
        return Link(value, None)
    title = value[: len(value) - len(last)].strip(" -–—|:")
    return Link(title or url[1], clean_url(url[1]))
