"""The "Related stories" / "Read also" boxes of a page or feed item, as related Links.

A box is known by its class or id ("related-links", "story-more", "lire-aussi") or by
the heading that opens it ("More on this story"); its links, minus sharing buttons,
author pages and ad networks, become the story's related list. A teaser's title is its
headline alone: the kicker, the "Video" badge, the date and the photo count printed
beside it are not part of it, nor is the box's own link to its section ("More on Amazon").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsterm.core.model import Link
from newsterm.core.sources.html.blocks import collect_links
from newsterm.core.sources.html.elements import (
    HEADING_TAGS,
    Element,
    class_and_id,
    inline_text,
    label_text,
    mark_words,
    tag_name,
)
from newsterm.core.sources.related_words import RELATED_HEADING, without_label
from newsterm.core.text.clean import clean_line
from newsterm.core.text.datelines import without_trailing_date
from newsterm.core.text.urls import absolute_url

__all__ = ["related_boxes", "related_links"]

_RELATED_PHRASES = (
    "story-more",
    "more-on",
    "more_on",
    "read-also",
    "readalso",
    "see-also",
    "seealso",
    "also-read",
    "more-stories",
    "more_stories",
    "further-reading",
    "lire-aussi",
)
_JUNK_URL = re.compile(
    r"outbrain\.com|taboola\.com|/authors?/|/people/|/profiles?/|facebook\.com/sharer|twitter\.com/(?:intent|share)|x\.com/intent|linkedin\.com/share"
    r"|pinterest\.com/pin|reddit\.com/submit|wa\.me/|whatsapp:|plus\.google\.com/share",
    re.IGNORECASE,
)
_MAX_RELATED = 60
# Class words of what a teaser prints beside its headline, and of a box's section links.
_TEASER_FURNITURE_WORDS = (
    "kicker slug label flag badge icon date time timestamp dateline meta byline author "
    "duration count eyebrow category section tag tags overline rubric summary"
)
_TEASER_FURNITURE = frozenset(_TEASER_FURNITURE_WORDS.split())
_TITLE_WORDS = frozenset({"title", "headline", "heading", "cta"})
_MAX_SECTION_WORDS = 4
_LABEL_WORDS = frozenset({"label", "kicker", "eyebrow"})
# Some class/id names of a box hold one of these: only those are split into words.
_RELATED_HINTS = ("relat", "recommend", "more", "also", "further", "lire", "souvis")


def _is_related_mark(marks: str) -> bool:
    """Class/id names of a related-stories / read-also block."""
    if any(p in marks for p in _RELATED_PHRASES):
        return True
    return any(w.startswith(("related", "recommend")) for w in mark_words(marks))


def related_boxes(root: Element) -> list[Element]:
    """Outermost blocks marked as related / read-also, or introduced by such a heading."""
    holders: list[Element] = []
    for el in root.iter():
        cls, ident = el.get("class"), el.get("id")  # comments have no attributes: None
        if not (cls or ident) or not isinstance(el.tag, str) or el.tag in ("a", "body", "html"):
            continue
        marks = class_and_id(el)
        if any(hint in marks for hint in _RELATED_HINTS) and _is_related_mark(marks):
            holders.append(el)
    for heading in root.iter("h2", "h3", "h4", "h5", "h6"):
        if RELATED_HEADING.match(clean_line(label_text(heading)[:80])):
            parent = heading.getparent()
            if parent is not None and tag_name(parent) not in ("body", "html"):
                holders.append(parent)
    chosen = set(holders)
    found: list[Element] = []
    for holder in holders:
        if holder in found or any(anc in chosen for anc in holder.iterancestors()):
            continue
        found.append(holder)
    return found


def related_links(root: Element, base: str | None, page_url: str | None) -> list[Link]:
    """The page's related-stories links as Link(title, absolute url), deduplicated."""
    page = (page_url or "").split("#")[0].rstrip("/")
    anchors: list[Element] = []
    for holder in related_boxes(root):
        anchors += [
            a
            for a in holder.iter("a")
            if not _JUNK_URL.search(a.get("href") or "") and not _is_section_link(a)
        ]
    links: list[Link] = []
    for link in collect_links(anchors, base) if anchors else []:
        if not link.url or link.url.startswith("mailto:"):
            continue
        if link.url.split("#")[0].rstrip("/") == page:
            continue
        links.append(link)
    # collect_links names a link by its first anchor; prefer a real title over a bare URL.
    titled = _titles_by_url(anchors, base)
    out: list[Link] = []
    for link in links:
        title = titled.get(link.url or "", link.text)
        if title and title != link.url:
            out.append(Link(title, link.url))
    return out[:_MAX_RELATED]


def _titles_by_url(anchors: Iterable[Element], base: str | None) -> dict[str, str]:
    """Each URL's longest name among its anchors: the headline, not the "Read more" link."""
    titles: dict[str, str] = {}
    for a in anchors:
        url = absolute_url(a.get("href"), base)
        if not url:
            continue
        text = _teaser_title(a) or clean_line(a.get("title") or a.get("aria-label"))
        if not text:
            img = a.find(".//img[@alt]")
            text = clean_line(img.get("alt")) if img is not None else ""
        if text and len(text) > len(titles.get(url, "")) and len(text) <= 300:
            titles[url] = clean_line(text)
    return titles


def _is_section_link(a: Element) -> bool:
    """A box's label that links to a section ("More on Amazon", "Galleries"), not a story:
    a word or three, marked as a label or leading to a short path with no story slug."""
    if len(label_text(a).split()) > _MAX_SECTION_WORDS:
        return False
    if _LABEL_WORDS.intersection(mark_words(class_and_id(a))):
        return True
    path = (a.get("href") or "").split("?")[0].split("#")[0]
    segments = [s for s in path.split("/")[3 if "://" in path else 0 :] if s]
    slug = any(c.isdigit() or c in "-_." for c in "".join(segments))
    return len(segments) <= 2 and not slug


def _teaser_title(a: Element) -> str:
    """The headline an anchor holds, without what is printed beside it."""
    holder = next(
        (
            el
            for el in a.iterdescendants()
            if (tag_name(el) in HEADING_TAGS or _TITLE_WORDS & set(mark_words(class_and_id(el))))
            and not _TEASER_FURNITURE & set(mark_words(class_and_id(el)))
        ),
        a,
    )
    furniture = [
        el
        for el in holder.iterdescendants()
        if tag_name(el) == "time" or _TEASER_FURNITURE.intersection(mark_words(class_and_id(el)))
    ]
    title = without_trailing_date(clean_line(inline_text(holder, exclude=furniture)))
    return without_label(title)
