"""A story's links and attachments as one numbered list: what the reader shows under the
story, what `l` (open) and `y` (copy) pick from, and what `newsterm cat` prints.

The numbers are the story's own and never the related stories' (`1`…`9` follow those):
the reader shows a link as `l3`, which is also how it is picked.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from newsterm.core.model import Article, Enclosure
from newsterm.core.text.clean import clean_line


@dataclass(frozen=True, slots=True)
class Target:
    number: int
    """Counted from 1: the story's links first, then its attachments."""
    text: str
    url: str
    type: str = ""
    """An attachment's MIME type (how it is played); empty for a link."""
    details: str = ""
    """An attachment's type, size and length, as shown: `audio/mpeg · 52.4 MB · 1:54:09`."""

    @property
    def is_attachment(self) -> bool:
        return bool(self.details)


def link_targets(article: Article) -> list[Target]:
    targets: list[Target] = []
    for link in article.links:
        if link.url:
            targets.append(Target(len(targets) + 1, link.text or link.url, link.url))
    for enclosure in article.enclosures:
        details = attachment_details(enclosure)
        name = file_name(enclosure.url)
        targets.append(Target(len(targets) + 1, name, enclosure.url, enclosure.type, details))
    return targets


def attachment_details(enclosure: Enclosure) -> str:
    """What the feed says of it, and nothing it does not: `audio/mpeg · 52.4 MB · 1:54:09`."""
    parts = [enclosure.type or "attachment"]
    if enclosure.length:
        parts.append(size(enclosure.length))
    if enclosure.duration:
        parts.append(clock(enclosure.duration))
    return " · ".join(parts)


def file_name(url: str) -> str:
    """`atp311.mp3` out of its URL; the whole URL when its path names no file."""
    name = clean_line(posixpath.basename(unquote(urlsplit(url).path)))
    return name or url


def size(length: int) -> str:
    """Bytes as a person reads them, in powers of 1000 as players and browsers show them."""
    if length < 1000:
        return f"{length} bytes"
    amount, unit = length / 1000, "kB"
    for larger in ("MB", "GB", "TB"):
        if round(amount, 1) < 1000:
            break
        amount, unit = amount / 1000, larger
    return f"{amount:.1f} {unit}"


def clock(total: int) -> str:
    """`1:54:09`, `54:09`: as players show a length."""
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"
