"""Related stories a page names inside its text: "Related: …", "[…]", "Read more:" lists.

Pages link other stories between paragraphs, set apart by a label or brackets; read as
paragraphs they break the story's flow, and as related stories the reader can follow
them by number. A line becomes a related story only when all of it is one link's text
(or a labelled title), so a paragraph that merely contains a link stays a paragraph.
"""

from __future__ import annotations

import re

from newsterm.core.model import Block, Heading, Link, ListBlock, Paragraph
from newsterm.core.sources.html.elements import Element, label_text
from newsterm.core.sources.html.story_figures import text_key
from newsterm.core.sources.related_words import (
    RELATED_HEADING,
    RELATED_LABEL,
    is_generic,
    without_label,
)
from newsterm.core.text.urls import absolute_url

__all__ = ["inline_related"]

_MAX_TITLE_WORDS = 30
_MAX_HEADING_WORDS = 6  # "Read more:", "Auch auf Spiegel Online": not "Auch auf der Insel …"


def inline_related(
    blocks: list[Block], root: Element, base: str | None
) -> tuple[list[Block], list[Link]]:
    """The blocks without the related stories they name, and those stories in order."""
    urls = _anchor_urls(root, base)
    kept: list[Block] = []
    related: list[Link] = []
    listing = False  # just after a "Read more:" line: whole-link lines are its items
    for block in blocks:
        text = block.text if isinstance(block, Paragraph | Heading) else ""
        if text and len(text.split()) <= _MAX_HEADING_WORDS and RELATED_HEADING.match(text):
            listing = True
            continue
        if listing and isinstance(block, ListBlock):
            found = [_story(item, urls) for item in block.items]
            if all(found):
                related += [link for link in found if link]
                continue
        if listing and text and (link := _story(text, urls)):
            related.append(link)
            continue
        listing = False
        if text and (link := _labelled_or_bracketed(text, urls)):
            related.append(link)
            continue
        kept.append(block)
    return kept, _once(related)


def _once(links: list[Link]) -> list[Link]:
    """Each story once: a page may name it twice ("Read: X" above, "X" in a list below)."""
    seen: set[str] = set()
    out: list[Link] = []
    for link in links:
        key = link.url or text_key(link.text)
        if key not in seen:
            seen.add(key)
            out.append(link)
    return out


def _key(text: str) -> str:
    """All of a text's words, casefolded: a line is a link's text only if all of it is."""
    return " ".join(re.findall(r"\w+", text.casefold()))


def _anchor_urls(root: Element, base: str | None) -> dict[str, str]:
    """Every anchor's text, as a key, to where it leads: the first anchor of a text wins."""
    urls: dict[str, str] = {}
    for a in root.iter("a"):
        url = absolute_url(a.get("href"), base)
        key = _key(label_text(a))
        if url and len(key) >= 8:
            urls.setdefault(key, url)
    return urls


def _story(text: str, urls: dict[str, str]) -> Link | None:
    """A line that is all one link's text: the story it links to, under its own title."""
    url = urls.get(_key(text))
    if not url or len(text.split()) > _MAX_TITLE_WORDS:
        return None
    return Link(without_label(text).strip(), url)


def _labelled_or_bracketed(text: str, urls: dict[str, str]) -> Link | None:
    """ "Related: Title" (linked or not) or "[Title]" linked as a whole."""
    if match := RELATED_LABEL.match(text):
        title = match.group("title").strip()
        url = urls.get(_key(title)) or urls.get(_key(text))
        if len(title.split()) <= _MAX_TITLE_WORDS and (url or not is_generic(match)):
            return Link(title, url)
    if text.startswith("[") and text.endswith("]"):
        return _story(text[1:-1], urls)
    return None
