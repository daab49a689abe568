"""A saved news article page -> one Article: headline, metadata, body, captions, related links.

The body text comes from trafilatura (it scores best against Readability's output on the
corpus), but trafilatura drops figure captions, credits and "related stories" blocks, so
those are read from the page itself and merged back in document order.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Iterable

import lxml.html

from newsterm.core.model import (
    Article,
    Block,
    Document,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    SourceInfo,
)
from newsterm.core.sources.fallback_title import title_from_body
from newsterm.core.sources.html import meta
from newsterm.core.sources.html.blocks import collect_links, element_to_blocks
from newsterm.core.sources.html.elements import (
    Element,
    class_and_id,
    label_text,
    mark_words,
    tag_name,
)
from newsterm.core.sources.html.figures import figure_from_element
from newsterm.core.sources.html.parse import html_parser, parse_fragment, parse_page
from newsterm.core.sources.sniff import decode
from newsterm.core.text.clean import clean_line, clean_text
from newsterm.core.text.urls import absolute_url

__all__ = ["feed_item_blocks", "parse_html_page"]

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# Words in class/id names that mark page furniture rather than the story.
_BOILERPLATE_WORDS = frozenset(
    {
        "sidebar",
        "featured",
        "flyout",
        "menu",
        "footer",
        "share",
        "sharing",
        "social",
        "signup",
        "subscribe",
        "masthead",
        "rating",
        "popular",
        "trending",
        "teaser",
        "outbrain",
        "taboola",
        "mostread",
        "breadcrumb",
        "breadcrumbs",
        "sponsored",
        "advertisement",
    }
)
_BOILERPLATE_PREFIXES = ("related", "recommend", "promo", "newsletter", "comment", "advert")
_BOILERPLATE_PHRASES = ("most-read", "more-stories", "most_read", "more_stories")
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
_RELATED_HEADING = re.compile(
    r"^\s*(?:related(?:\s+(?:stories|articles|coverage|content|links))?|more on this story"
    r"|read (?:also|more)|see also|also read|more from this stream|recommended"
    r"|sur le même sujet|à lire aussi|lire aussi|auch auf .+|mehr zum thema|související"
    r"|leia também|lea también|más noticias|ver también)\s*:?\s*$",
    re.IGNORECASE,
)
_JUNK_URL = re.compile(
    r"outbrain\.com|taboola\.com|/authors?/|/people/|/profiles?/|facebook\.com/sharer|twitter\.com/(?:intent|share)|x\.com/intent|linkedin\.com/share"
    r"|pinterest\.com/pin|reddit\.com/submit|wa\.me/|whatsapp:|plus\.google\.com/share",
    re.IGNORECASE,
)
_TEXT_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd")
_MAX_RELATED = 60
# The corpus's largest article page has 2,200 elements; trafilatura takes ~1 s at 10,000.
_MAX_EXTRACTED_ELEMENTS = 10_000


def parse_html_page(data: bytes, url: str | None = None) -> Document:
    """Read a saved article page into a Document holding exactly one Article."""
    root = parse_page(decode(data))
    if root is None:
        raise ValueError("empty HTML page")
    tags = meta.meta_tags(root)
    ld = meta.json_ld_article(root)
    base = meta.base_url(root, url)
    site = meta.site_name(tags, ld)
    canonical = meta.canonical_url(root, tags, base) or absolute_url(url, None)
    title = meta.headline(root, tags, site)
    story_figures = _story_figures(root, base)
    related = _related_links(root, base, canonical)
    body, links = _body(root, base)
    blocks = _merge_figures(body, story_figures, root)
    if title:
        blocks = _drop_leading_title(blocks, title)
    summary = meta.summary(root, tags)
    article = Article(
        title=title or title_from_body(blocks, summary),  # never a blank headline row
        url=canonical,
        source=site,
        sections=meta.sections(root, tags, ld),
        authors=meta.authors(root, tags, ld),
        published=meta.published(root, tags, ld),
        summary=summary,
        blocks=blocks,
        related=related,
        links=links,
    )
    return Document(SourceInfo(kind="html", title=site, url=url), [article])


def _is_boilerplate_mark(marks: str) -> bool:
    """Class/id words that name page furniture (sidebars, promos, sharing, comments)."""
    if any(p in marks for p in _BOILERPLATE_PHRASES):
        return True
    return any(
        w in _BOILERPLATE_WORDS or w.startswith(_BOILERPLATE_PREFIXES) for w in mark_words(marks)
    )


def _is_related_mark(marks: str) -> bool:
    """Class/id names of a related-stories / read-also block."""
    if any(p in marks for p in _RELATED_PHRASES):
        return True
    return any(w.startswith(("related", "recommend")) for w in mark_words(marks))


# ---------------------------------------------------------------- body


def _body(root: Element, base: str | None) -> tuple[list[Block], list[Link]]:
    """The story text: trafilatura's main-content tree mapped onto HTML, then to blocks.

    trafilatura's time grows faster than the page (100,000 paragraphs took 40 s), so a
    page with more elements than any article has goes straight to the fallback body,
    which is linear and keeps every paragraph.
    """
    if _more_elements_than(root, _MAX_EXTRACTED_ELEMENTS):
        return _fallback_body(root, base)
    import trafilatura  # a quarter of a second to import: only when a page is read

    try:
        result = trafilatura.bare_extraction(
            root,
            url=base,
            include_comments=False,
            include_tables=True,
            include_images=True,
            include_links=True,
            include_formatting=True,
            with_metadata=False,
        )
    except (ValueError, RecursionError, TypeError):
        result = None
    body = getattr(result, "body", None)
    if body is not None and len(body):
        _trafilatura_to_html(body)
        blocks, links = element_to_blocks(body, base)
        if blocks:
            return blocks, links
    return _fallback_body(root, base)


_TRAFILATURA_TAGS = {
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "graphic": "img",
    "ref": "a",
    "hi": "span",
    "lb": "br",
    "row": "tr",
    "cell": "td",
    "main": "div",
    "doc": "div",
    "comments": "div",
    "del": "span",
    "label": "span",
    "fw": "span",
    "note": "span",
    "abbr": "span",
    "ab": "p",
}


def _trafilatura_to_html(body: Element) -> None:
    """Rename trafilatura's XML (head, list/item, quote, graphic, ref...) to HTML in place."""
    for el in body.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "head":
            rend = (el.get("rend") or "h2").lower()
            el.tag = rend if rend in ("h1", "h2", "h3", "h4", "h5", "h6") else "h2"
        elif tag == "list":
            el.tag = "ol" if (el.get("rend") or "").lower() == "ol" else "ul"
        elif tag == "code":
            parent = el.getparent()
            inline = parent is not None and parent.tag in ("p", "item", "cell", "head", "hi")
            el.tag = "code" if inline else "pre"
        elif tag == "ref":
            el.tag = "a"
            el.set("href", el.get("target") or "")
        elif tag in _TRAFILATURA_TAGS:
            el.tag = _TRAFILATURA_TAGS[tag]


def _more_elements_than(root: Element, limit: int) -> bool:
    return next(itertools.islice(root.iter(), limit, None), None) is not None


def _fallback_body(root: Element, base: str | None) -> tuple[list[Block], list[Link]]:
    """No extractor result: the <article> (or <main>, <body>) minus obvious boilerplate."""
    holder = root.find(".//article")
    if holder is None:
        holder = root.find(".//main")
    if holder is None:
        holder = root.find("body")
    if holder is None:
        return [], []
    holder = _copy(holder)
    for el in list(holder.iter()):
        marked = isinstance(el.tag, str) and (el.get("class") or el.get("id"))
        if marked and el is not holder and _is_boilerplate_mark(class_and_id(el)):
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
    return element_to_blocks(holder, base)


def _copy(el: Element) -> Element:
    """A copy to prune, parsed as deep as the original was (tostring keeps every level)."""
    return lxml.html.fromstring(lxml.html.tostring(el), parser=html_parser())


# ---------------------------------------------------------------- figures


def _in_boilerplate(el: Element) -> bool:
    """Inside navigation, an aside, a teaser link or a related/promo/sidebar widget."""
    for anc in (el, *el.iterancestors()):
        tag = tag_name(anc)
        if tag in ("body", "html"):
            break
        if tag in ("a", "nav", "aside", "footer", "menu", "button", "noscript", "template"):
            return True
        if _is_boilerplate_mark(class_and_id(anc)):
            return True
    return False


def _story_figures(root: Element, base: str | None) -> list[tuple[Element, Figure]]:
    """Every captioned <figure> that belongs to the story, once each."""
    found: list[tuple[Element, Figure]] = []
    seen: set[tuple[str, ...]] = set()
    for caption in root.iter("figcaption"):
        figure = next((a for a in caption.iterancestors() if tag_name(a) == "figure"), None)
        if figure is None:  # a loose caption: its figure is the nearest block with an image
            figure = next(
                (
                    a
                    for a in list(caption.iterancestors())[:3]
                    if next(a.iter("img"), None) is not None
                ),
                caption,
            )
        if _in_boilerplate(figure) or any(f is figure for f, _ in found):
            continue
        fig = (
            figure_from_element(figure, base)
            if figure is not caption
            else Figure(caption=label_text(caption))
        )
        if fig is None or not (fig.caption or fig.credit):
            continue
        key = (fig.caption, fig.credit, fig.alt or fig.image or "")
        if key in seen:
            continue
        seen.add(key)
        found.append((figure, fig))
    return found


def _key(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))[:80]


def _block_text(block: Block) -> str:
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    if isinstance(block, Figure):
        return ""
    return block.text


def _merge_figures(
    body: list[Block], figures: list[tuple[Element, Figure]], root: Element
) -> list[Block]:
    """Put each story figure after the body block that precedes it on the page."""
    if not figures:
        return body
    fig_images = {f.image for _, f in figures if f.image}
    fig_alts = {f.alt for _, f in figures if f.alt}
    captions = {_key(f.caption) for _, f in figures if f.caption}
    captions |= {_key(f"{f.caption} {f.credit}") for _, f in figures if f.caption}
    kept: list[Block] = []
    for block in body:
        if isinstance(block, Figure) and (
            block.image in fig_images or (block.alt and block.alt in fig_alts)
        ):
            continue  # the same image, now with its caption
        if isinstance(block, Paragraph) and _key(block.text) in captions:
            continue  # the caption, already kept as text by the extractor
        kept.append(block)
    index: dict[str, int] = {}
    for i, block in enumerate(kept):
        key = _key(_block_text(block))
        if len(key) >= 12:
            index.setdefault(key, i)
    figure_elements = {id(el): fig for el, fig in figures}
    placed: dict[int, list[Figure]] = {}
    last = -1
    for el in root.iter(*_TEXT_TAGS, "figure", "figcaption"):
        fig = figure_elements.pop(id(el), None)
        if fig is not None:
            placed.setdefault(last, []).append(fig)
            continue
        if tag_name(el) in ("figure", "figcaption"):
            continue
        key = _key(el.text_content()[:400]) if tag_name(el) != "li" else ""
        if len(key) >= 12 and key in index:
            last = max(last, index[key])
    for fig in figure_elements.values():
        placed.setdefault(last, []).append(fig)
    out: list[Block] = list(placed.get(-1, []))
    for i, block in enumerate(kept):
        out.append(block)
        out.extend(placed.get(i, []))
    return out


def _drop_leading_title(blocks: list[Block], title: str) -> list[Block]:
    """The headline is the article's title; do not repeat it as the first block."""
    key = _key(title)
    for i, block in enumerate(blocks[:3]):
        if isinstance(block, Heading | Paragraph) and _key(block.text) == key:
            return blocks[:i] + blocks[i + 1 :]
    return blocks


# ---------------------------------------------------------------- related stories


_RELATED_HINTS = ("relat", "recommend", "more", "also", "further", "lire", "souvis")


def _related_containers(root: Element) -> list[Element]:
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
        if _RELATED_HEADING.match(clean_line(label_text(heading)[:80])):
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


def _related_links(root: Element, base: str | None, page_url: str | None) -> list[Link]:
    """The page's related-stories links as Link(title, absolute url), deduplicated."""
    page = (page_url or "").split("#")[0].rstrip("/")
    anchors: list[Element] = []
    for holder in _related_containers(root):
        anchors += [a for a in holder.iter("a") if not _JUNK_URL.search(a.get("href") or "")]
    links: list[Link] = []
    seen: dict[str, int] = {}
    for link in collect_links(anchors, base) if anchors else []:
        if not link.url or link.url.startswith("mailto:"):
            continue
        if link.url.split("#")[0].rstrip("/") == page:
            continue
        seen[link.url] = len(links)
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
    titles: dict[str, str] = {}
    for a in anchors:
        url = absolute_url(a.get("href"), base)
        if not url:
            continue
        text = clean_text(label_text(a)) or clean_line(a.get("title") or a.get("aria-label"))
        if not text:
            img = a.find(".//img[@alt]")
            text = clean_line(img.get("alt")) if img is not None else ""
        if text and len(text) > len(titles.get(url, "")) and len(text) <= 300:
            titles[url] = clean_line(text)
    return titles


# Searched in lowercased text without re.I: an ignore-case alternation ran 10x slower,
# seconds on a 20 MB item body.
_RELATED_HINT_IN_HTML = re.compile(r"relat|read[ -]?also|recommend|more on this|see also|also read")


def feed_item_blocks(fragment: str, base: str | None) -> tuple[list[Block], list[Link], list[Link]]:
    """A feed item's HTML, parsed once: its blocks, its links, and its related stories.

    Feeds have no field for related stories, so publishers put a "Related" or
    "Read also" box in the item body; it belongs in the related list, not the text.
    """
    root = parse_fragment(fragment)
    if root is None:
        return [], [], []
    related: list[Link] = []
    if _RELATED_HINT_IN_HTML.search(fragment):
        containers = _related_containers(root)
        if containers:
            related = _related_links(root, base, None)
            for container in containers:
                container.drop_tree()
    blocks, links = element_to_blocks(root, base)
    return blocks, links, related
