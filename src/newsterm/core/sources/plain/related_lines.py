"""Related stories in a saved page's text: "Read Also: Title", and blocks of them.

A block opens with a heading line ("Related stories:", "More on this:", "Read next")
and lists titles, each perhaps behind a label ("Read More:") or a bullet, with its
address after it ("Title - https://…", "Title (https://…)") or on the next line.
"""

from __future__ import annotations

import re

from newsterm.core.model import Link
from newsterm.core.text.clean import clean_url

__all__ = ["is_related_heading", "related_item", "related_items", "standalone_url"]

LABEL = re.compile(
    r"^(?:read also|also read|read more|read next|related(?: stories| story| articles?)?"
    r"|see also|more on this(?: story)?|more from us|recommended)\s*:\s*(?P<title>.+)$",
    re.I,
)
_HEADING = re.compile(
    r"^(?:related(?: stories| articles| links| coverage| reading)?|more on this(?: story)?"
    r"|more on this topic|read next|read more|see also|further reading|more stories"
    r"|you may also like|recommended(?: for you)?|also read)\s*:?$",
    re.I,
)
_BULLET = re.compile(r"^(?:[-*•·‣–—]|\d{1,2}[.)])\s+")
_URL = re.compile(r"^[(<]?(https?://[^\s()<>]+)[)>]?$")
_TRAILING_URL = re.compile(r"\s*(?:[-–—|:]\s*)?[(<]?(https?://[^\s()<>]+)[)>]?\s*$")
_MAX_TITLE_WORDS = 30


def is_related_heading(line: str) -> bool:
    return bool(_HEADING.match(line))


def related_item(line: str) -> Link | None:
    """A labelled line anywhere in the text ("Read Also: Title"): one related story."""
    match = LABEL.match(line)
    return _link(match["title"]) if match else None


def standalone_url(line: str) -> str | None:
    """An address alone on its line: where the title above it leads."""
    match = _URL.match(line)
    return clean_url(match[1]) if match else None


def related_items(lines: list[str]) -> list[Link] | None:
    """The lines under a related heading as stories, or None when they read as prose."""
    links: list[Link] = []
    for line in lines:
        url = _URL.match(line)
        if url and links and links[-1].url is None:
            links[-1] = Link(links[-1].text, clean_url(url[1]))  # the address on its own line
            continue
        labelled = LABEL.match(line)
        title = labelled["title"] if labelled else _BULLET.sub("", line)
        if not labelled and not _looks_like_a_title(title):
            return None
        links.append(_link(title))
    return links


def _looks_like_a_title(line: str) -> bool:
    """A headline: short, no sentence after sentence, or carrying its own address."""
    if _TRAILING_URL.search(line):
        return True
    return len(line.split()) <= _MAX_TITLE_WORDS and not re.search(r"[.!?]\s+[A-Z]", line)


def _link(value: str) -> Link:
    match = _TRAILING_URL.search(value)
    if match and match.start() > 0:
        return Link(value[: match.start()].strip(" -–—|"), clean_url(match[1]))
    if match:
        return Link(match[1], clean_url(match[1]))
    return Link(value.strip(), None)
