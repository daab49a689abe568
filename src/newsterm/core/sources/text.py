"""Plain-text articles: a news page saved as text (the seed's shape).

The page arrives as blank-line separated chunks: a breadcrumb (maybe run
together with the headline), the headline, a standfirst, optional byline and
date lines, then the body: paragraphs, short Title-Case subheadings, image
blocks whose last line is a credit, and "Read also" lines naming related
stories. Nothing here is marked up, so every rule is about the shape of lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from newsterm.core.model import (
    Article,
    Block,
    Document,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    SourceInfo,
)
from newsterm.core.sources import budget, dates
from newsterm.core.sources.sniff import decode
from newsterm.core.text.clean import clean_line, clean_url, normalise_title, strip_unsafe

_CREDIT = re.compile(
    r"^(?:source|photo(?:graph)?(?: credit)?|image|credit|picture|illustration)s?\s*:\s*(.+)$",
    re.I,
)
_RELATED = re.compile(
    r"^(?:read also|also read|read more|related(?: stories| story| articles?)?|see also"
    r"|more on this(?: story)?)\s*:\s*(.+)$",
    re.I,
)
_TRAILING_URL = re.compile(r"\s*(?:[-–—|]\s*)?[(<]?(https?://[^\s()<>]+)[)>]?\s*$")
_URL_LINE = re.compile(r"^(?:url|link|canonical|permalink)\s*:\s*(https?://\S+)$", re.I)
_BYLINE = re.compile(r"^(?:by|written by|words by)\s+(.+)$", re.I)
_DATE_LINE = re.compile(
    r"^(?:(published|updated|posted|first published|last updated)\s*:?\s*(?:on\s+)?)?(.+)$",
    re.I,
)
_BREADCRUMB_SEPARATORS = re.compile(r"\s*[›»→]\s*|\s+[>/|\\]\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·‣]|\d{1,3}[.)])\s+(.+)$")
_FINAL_PUNCTUATION = tuple('.!?:;,"”’)…')
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "vs",
        "via",
    ]
)
_MAX_HEADING_WORDS = 16
# "… Ties with The U.S." still ends a heading: the full stop belongs to the abbreviation.
_ABBREVIATION = re.compile(r"^(?:(?:[A-Z]\.){2,}|Inc\.|Ltd\.|Co\.|Corp\.|Jr\.|Sr\.|St\.)$")
_MAX_STANDFIRST_WORDS = 60
# The top of a page, where byline, date and URL lines are looked for.
_MAX_HEADER_CHUNKS = 12
_MAX_HEADER_LINES = 6
_LINES_PER_CHECK = 256  # lines between two looks at the parse's time bound


def parse_text_article(data: bytes, name: str = "") -> Document:
    """One plain-text page becomes one Article; an empty page, or a bare line, is an error."""
    name = clean_line(name)  # a file name is untrusted text too: it shows as the source
    text = decode(data)
    chunks = list(_chunks(text))
    if not chunks:
        raise ValueError("no text in the file")
    article = _TextArticleParser(chunks).parse()
    if not article.blocks and not article.summary:  # one short line is not a story
        raise ValueError("a headline and no story under it: a text article needs both")
    article.source = urlsplit(article.url).hostname or "" if article.url else name
    return Document(SourceInfo("text", title=name), [article])


def _chunks(text: str) -> Iterator[list[str]]:
    """Blank-line separated groups of cleaned, non-empty lines.

    The whole text is cleaned at once (line breaks unified, each kind a break) and each
    line only has its spaces collapsed, in C: a call of clean_line per line was most of
    the cost of a long text.
    """
    chunk: list[str] = []
    for number, raw in enumerate(strip_unsafe(text).split("\n")):
        if number % _LINES_PER_CHECK == 0:
            budget.check()
        line = " ".join(raw.split())
        if line:
            chunk.append(line)
        elif chunk:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@dataclass
class _TextArticleParser:
    chunks: list[list[str]]
    sections: tuple[str, ...] = ()
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    url: str | None = None

    def parse(self) -> Article:
        lines = [line for chunk in self.chunks[:2] for line in chunk]
        title, consumed = self._title_and_breadcrumb(lines)
        body_chunks = self._drop_lines(consumed)
        summary, body_chunks = self._header(body_chunks, title)
        blocks, related = self._body(body_chunks, title)
        return Article(
            title=title,
            url=self.url,
            sections=self.sections,
            authors=tuple(self.authors),
            published=self.published,
            summary=summary,
            blocks=blocks,
            related=related,
        )

    def _title_and_breadcrumb(self, lines: list[str]) -> tuple[str, int]:
        """Find the headline and any breadcrumb above it; return how many lines they took."""
        first = lines[0]
        second = lines[1] if len(lines) > 1 else ""
        if second and first != second and first.endswith(" " + second):
            # "Home Updates Politics <headline>" followed by the headline itself.
            self.sections = _breadcrumb_words(first[: -len(second)])
            return second, 2
        parts = [p for p in _BREADCRUMB_SEPARATORS.split(first) if p]
        if second and len(parts) > 1 and all(len(p.split()) <= 5 for p in parts[:-1]):
            if normalise_title(parts[-1]) == normalise_title(second):
                parts = parts[:-1]
            self.sections = _drop_home(parts)
            return second, 2
        if second and first.split()[0].casefold() == "home" and len(first.split()) <= 6:
            self.sections = _breadcrumb_words(first)
            return second, 2
        return first, 1

    def _drop_lines(self, count: int) -> list[list[str]]:
        rest = [list(chunk) for chunk in self.chunks]
        while count and rest:
            rest[0].pop(0)
            count -= 1
            if not rest[0]:
                rest.pop(0)
        return rest

    def _header(self, chunks: list[list[str]], title: str) -> tuple[str | None, list[list[str]]]:
        """Take byline, date, URL and standfirst lines from the top of the page.

        Only short chunks near the top can hold them: looking for a date in every line
        of a long page cost a date parse per line (300,000 lines took a minute).
        """
        summary: str | None = None
        taken = 0
        while taken < min(len(chunks), _MAX_HEADER_CHUNKS):
            chunk = chunks[taken]
            if len(chunk) > _MAX_HEADER_LINES:
                break
            remaining = [line for line in chunk if not self._take_meta(line)]
            if len(remaining) < len(chunk):
                chunks[taken] = remaining
                taken += 1 if not remaining else 0
                continue
            if summary is None and len(chunk) == 1 and _is_standfirst(chunk[0], title):
                summary = chunk[0]
                taken += 1
                continue
            break
        return summary, [chunk for chunk in chunks[taken:] if chunk]

    def _take_meta(self, line: str) -> bool:
        if match := _URL_LINE.match(line):
            self.url = clean_url(match.group(1))
            return True
        if (match := _BYLINE.match(line)) and len(line.split()) <= 12:
            names = re.split(r"\s*(?:,| and | & )\s*", match.group(1))
            self.authors.extend(n for n in names if n)
            return True
        if len(line.split()) <= 8 and (when := parse_date(line)) is not None:
            if self.published is None or line.lower().startswith(("published", "posted")):
                self.published = when
            return True
        return False

    def _body(self, chunks: list[list[str]], title: str) -> tuple[list[Block], list[Link]]:
        figures = {id(c): _figure(c) for c in chunks}
        captions = {normalise_title(f.caption) for f in figures.values() if f}
        blocks: list[Block] = []
        related: list[Link] = []
        for chunk in chunks:
            budget.check()
            if figure := figures[id(chunk)]:
                blocks.append(figure)
                continue
            prose: list[str] = []
            for line in chunk:
                if match := _RELATED.match(line):
                    related.append(_related_link(match.group(1)))
                else:
                    prose.append(line)
            if prose:
                blocks.extend(_prose_blocks(prose, title, captions))
        return blocks, related


def _prose_blocks(lines: list[str], title: str, captions: set[str]) -> list[Block]:
    if all(_LIST_ITEM.match(line) for line in lines) and (len(lines) > 1 or lines[0][0] in "-*•"):
        return [
            ListBlock(
                tuple(_LIST_ITEM.sub(r"\1", line) for line in lines), ordered=lines[0][0].isdigit()
            )
        ]
    if all(line.startswith(">") for line in lines):
        return [Quote(" ".join(line.lstrip("> ") for line in lines))]
    if len(lines) == 1 and _is_heading(lines[0]):
        key = normalise_title(lines[0])
        if key in captions or key == normalise_title(title):
            return []  # the lead image's caption (or the headline) repeated above the body
        return [Heading(lines[0])]
    return [Paragraph(" ".join(lines))]


def _figure(chunk: list[str]) -> Figure | None:
    """Two or three short lines ending in a credit: [alt,] caption, credit."""
    if not 2 <= len(chunk) <= 4:
        return None
    match = _CREDIT.match(chunk[-1])
    if not match or any(_RELATED.match(line) for line in chunk):
        return None
    described = chunk[:-1]
    alt = described[0] if len(described) > 1 else ""
    caption = " ".join(described[1:] if len(described) > 1 else described)
    return Figure(image=None, alt=alt, caption=caption, credit=match.group(1).strip())


def _related_link(value: str) -> Link:
    match = _TRAILING_URL.search(value)
    if match and match.start() > 0:
        return Link(value[: match.start()].strip(" -–—|"), clean_url(match.group(1)))
    if match:
        return Link(match.group(1), clean_url(match.group(1)))
    return Link(value.strip(), None)


def _is_heading(line: str) -> bool:
    words = line.split()
    if len(words) > _MAX_HEADING_WORDS:
        return False
    if line.endswith(_FINAL_PUNCTUATION) and not _ABBREVIATION.match(words[-1]):
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w[0].isupper())
    return capitalised / len(significant) >= 0.6


def _is_standfirst(line: str, title: str) -> bool:
    words = len(line.split())
    if normalise_title(line) == normalise_title(title) or words > _MAX_STANDFIRST_WORDS:
        return False
    return not (_CREDIT.match(line) or _RELATED.match(line))


def _breadcrumb_words(text: str) -> tuple[str, ...]:
    """Sections from a breadcrumb: split on its separators, or on spaces when it has none."""
    parts = _BREADCRUMB_SEPARATORS.split(text.strip())
    return _drop_home(parts if len(parts) > 1 else text.split())


def _drop_home(parts: list[str]) -> tuple[str, ...]:
    kept = [p.strip() for p in parts if p.strip()]
    if kept and kept[0].casefold() in ("home", "homepage", "start"):
        kept = kept[1:]
    return tuple(kept)


def parse_date(line: str) -> datetime | None:
    """A date line such as `Published 14 March 2024`, `Updated ...` or an ISO date."""
    match = _DATE_LINE.match(line.strip())
    return dates.parse_date(match.group(2)) if match else None
