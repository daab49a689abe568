"""What a feed's items mean as Articles, whichever parser read them.

Both feed paths end here: feedparser's own entries and the fast path's replay
of feedparser's rules over an lxml tree are the same `FeedParserDict`s, so one
piece of code turns them into Articles and the paths agree by construction.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

import lxml.html
from lxml import etree

from newsterm.core.model import (
    Article,
    Block,
    Document,
    Enclosure,
    Figure,
    Link,
    Paragraph,
    SourceInfo,
    SourceKind,
)
from newsterm.core.sources.dates import from_struct
from newsterm.core.sources.durations import seconds
from newsterm.core.sources.html.blocks import html_to_blocks
from newsterm.core.sources.html.feed_item import feed_item_blocks
from newsterm.core.sources.html.kept import plain_text
from newsterm.core.sources.html.parse import html_parser
from newsterm.core.sources.shortened import MAX_STORY_HTML, bounded_html, shortened
from newsterm.core.text.clean import clean_line, clean_text, clean_url
from newsterm.core.text.fallback_title import title_from_body
from newsterm.core.text.urls import absolute_url, guessed_type

_KIND_BY_VERSION: dict[str, SourceKind] = {"rss090": "rdf", "rss10": "rdf"}
_MAX_SUMMARY_WORDS = 60
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
_ADDRESS = re.compile(r"(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

__all__ = ["article_from_entry", "document_from_entries", "source_kind"]


def source_kind(version: str) -> SourceKind:
    """The kind of source a feedparser `version` names (`rss10` is RDF, `atom03` Atom)."""
    return _KIND_BY_VERSION.get(version, "atom" if version.startswith("atom") else "rss")


def document_from_entries(
    version: str, channel: Any, entries: Iterable[Any], url: str | None, *, defer_blocks: bool
) -> Document:
    """The Document of a feed read as feedparser reads it: its `version`, its `feed` (the
    channel) and its `entries`."""
    kind = source_kind(version)
    feed_title = clean_line(channel.get("title"))
    feed_link = clean_url(channel.get("link")) or url
    base = url or feed_link
    articles = [
        article_from_entry(entry, feed_title, base, kind, defer_blocks) for entry in entries
    ]
    return Document(SourceInfo(kind, title=feed_title, url=url or feed_link), articles)


def article_from_entry(
    entry: Any, feed_title: str, feed_base: str | None, kind: SourceKind, defer: bool = False
) -> Article:
    """One feedparser entry as an Article; `defer` keeps its HTML to be read when opened."""
    link = absolute_url(entry.get("link"), feed_base)
    body_html, body_base, body_is_html = _body(entry, feed_base)
    summary_html = entry.get("summary") or ""
    blocks: list[Block]
    links: list[Link]
    related: list[Link] = []
    deferred: tuple[str, str | None, str] | None = None
    if body_is_html and defer and body_html.strip():
        deferred = (body_html, body_base, plain_text(body_html))
        blocks, links = [], []
    elif body_is_html:
        blocks, links, related = feed_item_blocks(bounded_html(body_html), body_base)
        blocks = shortened(blocks, html_cut=len(body_html) > MAX_STORY_HTML)
    else:
        text = clean_text(body_html)
        blocks, links = (shortened([Paragraph(p) for p in text.split("\n\n") if p.strip()]), [])
    summary = None
    if entry.get("content") and summary_html and summary_html != body_html:
        summary = _short_text(summary_html, body_base)
    blocks = _with_media_figures(entry, blocks, feed_base)
    fallback: list[Block] = [Paragraph(deferred[2])] if deferred else blocks
    return Article(
        title=_title(entry, kind) or title_from_body(fallback),
        url=link,
        source=feed_title,
        sections=_sections(entry),
        authors=_authors(entry),
        published=from_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
        summary=summary,
        blocks=blocks,
        related=related,
        links=links,
        enclosures=_enclosures(entry, feed_base),
        guid=clean_line(entry.get("id")) or None,
        html=deferred[0] if deferred else None,
        html_base=deferred[1] if deferred else None,
        plain=deferred[2] if deferred else "",
    )


def _title(entry: Any, kind: SourceKind) -> str:
    """Atom titles may be HTML (`type="html"`): show their text. RSS titles stay literal."""
    title = entry.get("title") or ""
    detail = entry.get("title_detail") or {}
    if kind == "atom" and detail.get("type") in _HTML_TYPES and ("<" in title or "&" in title):
        with contextlib.suppress(etree.ParserError, ValueError):
            span = lxml.html.fragment_fromstring(title, create_parent="span", parser=html_parser())
            title = span.text_content()
    return clean_line(title)


def _body(entry: Any, feed_base: str | None) -> tuple[str, str | None, bool]:
    """The fullest body the entry has (content over summary, and a picture's description
    when it has neither: a video feed's only text), its base URL, and if it is HTML."""
    for detail in entry.get("content") or []:
        if detail.get("value"):
            kind = detail.get("type", "text/html")
            return detail["value"], detail.get("base") or feed_base, kind in _HTML_TYPES
    key = "summary" if entry.get("summary") else "media_description"
    detail = entry.get(f"{key}_detail") or {}
    kind = detail.get("type", "text/html")
    return entry.get(key) or "", detail.get("base") or feed_base, kind in _HTML_TYPES


def _caption_text(html: str) -> str:
    """A picture's description (Media RSS lets it be HTML) as one line."""
    if "<" not in html and "&" not in html:
        return clean_line(html)
    blocks, _ = html_to_blocks(html, None)
    return clean_line(" ".join(getattr(b, "text", "") for b in blocks))


def _short_text(html: str, base: str | None) -> str | None:
    blocks, _ = html_to_blocks(html, base)
    text = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
    return text if text and len(text.split()) <= _MAX_SUMMARY_WORDS else None


def _with_media_figures(entry: Any, blocks: list[Block], base: str | None) -> list[Block]:
    """Media RSS images become a lead figure when the body does not already show them."""
    shown = {b.image for b in blocks if isinstance(b, Figure)}
    credits = [clean_line(c.get("content")) for c in entry.get("media_credit") or []]
    credit = next((c for c in credits if c), "")
    for media in (entry.get("media_content") or []) + (entry.get("media_thumbnail") or []):
        medium = media.get("medium") or media.get("type", "image").split("/")[0]
        image = absolute_url(media.get("url"), base)
        if image and medium == "image" and image not in shown:
            caption = clean_line(entry.get("media_title")) if "media_title" in entry else ""
            if not caption and (entry.get("summary") or entry.get("content")):  # not the body
                caption = _caption_text(entry.get("media_description") or "")
            return [Figure(image=image, alt="", caption=caption, credit=credit), *blocks]
    return blocks


def _sections(entry: Any) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for tag in entry.get("tags") or []:
        term = clean_line(tag.get("label") or tag.get("term"))
        if term and len(term) <= 80:
            seen.setdefault(term, None)
    return tuple(seen)


def _authors(entry: Any) -> tuple[str, ...]:
    people = entry.get("authors") or []
    raw = entry.get("author")
    if len(people) == 1 and people[0].get("email") and isinstance(raw, str):
        # feedparser found an address in "email (Name)" or "Name <email>", but its pattern
        # stops top-level domains at four letters: "desk@paper.example (Ann Lee)" left the
        # name "ple (Ann Lee". Read the person's name from the text as written.
        names = [name] if (name := _name_beside_address(raw)) else []
    else:
        names = [clean_line(a.get("name")) for a in people if a.get("name")]
    if not names and raw:
        names = [clean_line(raw)]
    return tuple(dict.fromkeys(n for n in names if n))


def _name_beside_address(text: str) -> str:
    """`desk@paper.example (Ann Lee)` or `Ann Lee <desk@paper.example>` -> `Ann Lee`; empty
    for a bare address (which is then shown as written)."""
    name = _ADDRESS.sub(" ", clean_line(text))
    return clean_line(name.replace("()", " ").replace("<>", " ").strip(" ()<>"))


def _enclosures(entry: Any, base: str | None) -> list[Enclosure]:
    """RSS enclosures, then Media RSS audio and video the enclosures do not already give;
    an episode's `itunes:duration` goes to its first sound or picture."""
    out: list[Enclosure] = []
    for enclosure in entry.get("enclosures") or []:
        href = absolute_url(enclosure.get("href") or enclosure.get("url"), base)
        if href and all(e.url != href for e in out):
            kind = clean_line(enclosure.get("type")) or guessed_type(href)
            out.append(Enclosure(href, kind, _int(enclosure.get("length"))))
    for media in entry.get("media_content") or []:
        kind = clean_line(media.get("type")) or guessed_type(media.get("url") or "")
        medium = media.get("medium") or kind.split("/")[0]
        href = absolute_url(media.get("url"), base)
        if medium in ("audio", "video") and href:
            duration = seconds(media.get("duration"))
            given = next((e for e in out if e.url == href), None)
            if given is None:
                size = _int(media.get("filesize"))  # feedparser lowercases `fileSize`
                out.append(Enclosure(href, kind, size, duration))
            elif duration and not given.duration:
                out[out.index(given)] = replace(given, duration=duration)
    episode = seconds(entry.get("itunes_duration"))
    playable = next((e for e in out if e.type.startswith(("audio/", "video/"))), None)
    if episode and playable is not None and not playable.duration:
        out[out.index(playable)] = replace(playable, duration=episode)
    return out


def _int(value: object) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 0
    return number if 0 <= number < 2**53 else 0
