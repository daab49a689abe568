"""Plain-text articles: a news page saved as text (the seed's shape, and its kin).

The page arrives as blank-line separated chunks: a breadcrumb (maybe run together
with the headline), the headline, then byline, date and standfirst lines in any
order, then the body. This file finds the top of the page; the body's parts are
read by core/sources/plain/ (prose, captions, related lines, bylines). Nothing is
marked up, so every rule is about the shape of lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from newsterm.core.model import Article, Block, Document, Heading, Link, SourceInfo
from newsterm.core.sources import budget, dates
from newsterm.core.sources.plain.bylines import read_byline
from newsterm.core.sources.plain.captions import credit_of, figure_from_lines
from newsterm.core.sources.plain.prose import prose_blocks
from newsterm.core.sources.plain.related_lines import (
    is_related_heading,
    related_item,
    related_items,
    standalone_url,
)
from newsterm.core.sources.sniff import decode
from newsterm.core.text.clean import clean_line, clean_url, normalise_title, strip_unsafe
from newsterm.core.text.datelines import is_dateline

_URL_LINE = re.compile(r"^(?:url|link|canonical|permalink|source url)\s*:\s*(https?://\S+)$", re.I)
_BREADCRUMB_SEPARATORS = re.compile(r"\s*[›»→]\s*|\s+[>/|\\·•]\s+")
_SEPARATOR_CHARACTERS = " ›»→>/|\\·•"
# A standfirst is a sentence or two set apart; a longer first chunk is the story's lead.
_MAX_STANDFIRST_WORDS = 50
_MAX_STANDFIRST_SENTENCES = 1
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z\"“‘(])")
# Under fewer body paragraphs than this, a first sentence is the story, not a standfirst.
_MIN_PARAGRAPHS_UNDER_A_STANDFIRST = 2
# The top of a page, where byline, date and URL lines are looked for.
_MAX_HEADER_CHUNKS = 12
_MAX_HEADER_LINES = 6
_LINES_PER_CHECK = 256  # lines between two looks at the parse's time bound
_MAX_BYLINE_WORDS = 16
_MAX_DATELINE_WORDS = 10


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
            if len(chunk) > _MAX_HEADER_LINES or figure_from_lines(chunk):
                break  # the body has begun (a lead picture's credit is no byline)
            remaining = [line for line in chunk if not self._take_meta(line)]
            if len(remaining) < len(chunk):
                chunks[taken] = remaining
                taken += 1 if not remaining else 0
                continue
            if (
                summary is None
                and len(chunk) == 1
                and _is_standfirst(chunk[0], title, chunks[taken + 1 :])
            ):
                summary = chunk[0]
                taken += 1
                continue
            break
        return summary, [chunk for chunk in chunks[taken:] if chunk]

    def _take_meta(self, line: str) -> bool:
        if match := _URL_LINE.match(line):
            self.url = clean_url(match.group(1))
            return True
        if len(line.split()) <= _MAX_BYLINE_WORDS and (byline := read_byline(line)):
            self.authors.extend(byline.authors)
            for other in byline.others:
                self._take_date(other)
            return True
        return len(line.split()) <= _MAX_DATELINE_WORDS and self._take_date(line)

    def _take_date(self, line: str) -> bool:
        """A dateline: its date, the first published one winning; a relative one is dropped."""
        if not is_dateline(line):
            return False
        when = parse_date(line)
        if when is not None and (
            self.published is None or line.lower().startswith(("published", "posted"))
        ):
            self.published = when
        return True

    def _body(self, chunks: list[list[str]], title: str) -> tuple[list[Block], list[Link]]:
        figures = {id(chunk): figure_from_lines(chunk) for chunk in chunks}
        repeated = {normalise_title(f.caption) for f in figures.values() if f}
        repeated.add(normalise_title(title))
        blocks: list[Block] = []
        related: list[Link] = []
        listing = False  # under a "Related stories:" heading: its items follow
        for chunk in chunks:
            budget.check()
            heading_chunk = is_related_heading(chunk[0])
            if heading_chunk:
                listing, chunk = True, chunk[1:]
                if not chunk:
                    continue
            if listing:
                items = related_items(chunk, marked_only=not heading_chunk)
                if items is not None:
                    related += items
                    continue
                listing = False
            if figure := figures.get(id(chunk)):
                blocks.append(figure)
                continue
            prose, named = _without_related_lines(chunk)
            related += named
            if prose:
                blocks.extend(_unrepeated(prose_blocks(prose), repeated))
        return blocks, related


def _without_related_lines(chunk: list[str]) -> tuple[list[str], list[Link]]:
    """The chunk minus its "Read Also: …" lines (and an address right under one)."""
    prose: list[str] = []
    named: list[Link] = []
    after_item = False
    for line in chunk:
        if link := related_item(line):
            named.append(link)
            after_item = True
            continue
        if after_item and named[-1].url is None and (url := standalone_url(line)):
            named[-1] = Link(named[-1].text, url)
        else:
            prose.append(line)
        after_item = False
    return prose, named


def _unrepeated(found: list[Block], repeated: set[str]) -> list[Block]:
    """A heading that repeats the headline or a figure's caption (the lead image's caption
    above the body, in the seed) is no subheading."""
    if (
        len(found) == 1
        and isinstance(found[0], Heading)
        and normalise_title(found[0].text) in repeated
    ):
        return []
    return found


def _is_standfirst(line: str, title: str, rest: list[list[str]]) -> bool:
    """One or two sentences between the headline and a story of several paragraphs."""
    words = len(line.split())
    if normalise_title(line) == normalise_title(title) or words > _MAX_STANDFIRST_WORDS:
        return False
    if len(_SENTENCE_END.findall(line)) >= _MAX_STANDFIRST_SENTENCES:
        return False
    if related_item(line) or is_related_heading(line) or credit_of(line):
        return False
    if not line.endswith((".", "!", "?", "…")):
        return bool(rest)  # a dek with no final stop is set apart however short the story
    return len(rest) >= _MIN_PARAGRAPHS_UNDER_A_STANDFIRST


def _breadcrumb_words(text: str) -> tuple[str, ...]:
    """Sections from a breadcrumb: split on its separators, or on spaces when it has none."""
    text = text.strip(_SEPARATOR_CHARACTERS)
    parts = _BREADCRUMB_SEPARATORS.split(text)
    return _drop_home(parts if len(parts) > 1 else text.split())


def _drop_home(parts: list[str]) -> tuple[str, ...]:
    kept = [p.strip(_SEPARATOR_CHARACTERS) for p in parts if p.strip(_SEPARATOR_CHARACTERS)]
    if kept and kept[0].casefold() in ("home", "homepage", "start"):
        kept = kept[1:]
    return tuple(kept)


def parse_date(line: str) -> datetime | None:
    """A date line such as `Published 14 March 2024`, `Sept. 30, 2024 10:15 ET`, ISO."""
    return dates.parse_dateline(line)
