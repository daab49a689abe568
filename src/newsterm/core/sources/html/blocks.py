"""HTML fragments (feed item content, extracted article bodies) -> model blocks and links.

The input is hostile: the tree is walked with an explicit stack (never Python recursion,
so 5,000 nested tags cannot overflow it), and every string is cleaned *after* lxml has
decoded its entities, because `&#x1b;` only becomes an ESC byte at that point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import lxml.html
from lxml import etree

from newsterm.core.model import (
    Block,
    Code,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Quote,
)
from newsterm.core.sources.html.deep import flattened, hit_depth_limit
from newsterm.core.sources.html.parseable import parseable_html
from newsterm.core.text.clean import clean_code, clean_line, clean_text
from newsterm.core.text.urls import absolute_url

__all__ = [
    "element_to_blocks",
    "figure_from_element",
    "html_to_blocks",
    "is_visually_hidden",
    "parse_fragment",
]

Element = Any  # lxml elements (HtmlElement or plain _Element from trafilatura's XML)

# Subtrees that never hold story text (or hold active content we must not show).
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "form",
        "nav",
        "aside",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "svg",
        "math",
        "canvas",
        "template",
        "object",
        "embed",
        "applet",
        "audio",
        "video",
        "map",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "dialog",
        "menu",
        "param",
        "track",
    }
)
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "html",
        "main",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "caption",
        "legend",
    }
)
# Where the reader parts words (`_Walker`): its block elements, those it makes a block of
# their own (lists and their items, code, rules, images, figures, line breaks), and table
# cells, which it parts with a space. Search indexes words as parted here too (kept_html).
WORD_BREAKS = BLOCK_TAGS | {"li", "ul", "ol", "pre", "hr", "br", "img", "figure", "td", "th"}
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WS = re.compile(r"\s+")
_HIDDEN_CLASS = re.compile(
    r"off-?screen|visually-?hidden|sr-only|screen-?reader|element-invisible|a11y-hidden",
    re.IGNORECASE,
)
_CREDIT_MARK = re.compile(
    r"credit|copyright|source|byline|attribution|photographer|creator|author", re.IGNORECASE
)
_CAPTION_MARK = re.compile(r"caption|description|summary", re.IGNORECASE)
_CREDIT_TAGS = frozenset({"small", "cite"})
# A credit label at the start of a credit ("Credit:", "Photo", "CreditJane Doe").
_CREDIT_LABEL = re.compile(
    r"^(?:(?i:credits?|photo(?:graph)?s?|images?|pictures?|illustrations?|sources?|fotos?|bild"
    r"|foto)\s*(?:by\b)?\s*(?:[:：.\-–—|]\s*|(?=[A-Z\u00c0-\u024f])))+"
)
# A credit phrase at the end of a caption: "... Photo: Jane Doe", "... (Getty Images)".
_TRAILING_LABELLED = re.compile(
    r"(?:^|(?<=[\s.;,!?)\]]))(?i:photo(?:graph)?s?|credits?|sources?|images?|pictures?"
    r"|illustrations?|fotos?|bild)\s*(?:by\s+|[:：]\s*)(?P<credit>[^()]{1,120})$"
)
_BARE_CREDIT = re.compile(r"^[^.!?:;/]{2,60}\s?/\s?[^.!?:;/]{2,40}$")
_TRAILING_PAREN = re.compile(r"\s*\((?P<credit>[^()]{1,120})\)\s*$")
_AGENCY = re.compile(
    r"(?i:\b(?:photo(?:graph)?|foto|bild|credit|image|picture|illustration)\b)"
    r"|\b(?:AP|AFP|EPA|PA|UPI|dpa|ANP|Reuters|Getty|Associated Press|Shutterstock|Alamy"
    r"|Bloomberg|Xinhua|Corbis|iStock|Sipa|ZUMA|NurPhoto|WireImage|Wikimedia|Courtesy)\b"
    r"|\s/\s|/\S"
)
_TRACKER_HOSTS = re.compile(
    r"(?:^|\.)(?:pixel\.wp\.com|stats\.wordpress\.com|doubleclick\.net|google-analytics\.com"
    r"|googletagmanager\.com|scorecardresearch\.com|quantserve\.com|feedsportal\.com"
    r"|facebook\.com/tr|analytics\.[^/]+|pixel\.[^/]+|stats\.[^/]+|counter\.[^/]+"
    r"|feeds\.feedburner\.com|feedproxy\.google\.com|pheedo\.com|ad\.[^/]+)$",
    re.IGNORECASE,
)
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_IMAGE_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src")
_SRCSET_ATTRS = ("srcset", "data-srcset")


def html_parser() -> lxml.html.HTMLParser:
    """The one way newsterm parses HTML: UTF-8 in, no comments, no PIs, never the network.

    `huge_tree` lets libxml2 nest 2,048 elements instead of 256, so a page that deep
    keeps its deepest words; deeper still, `parse_document` flattens it first.
    """
    return lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
        huge_tree=True,
    )


def parse_document(html: str) -> Element:
    """A page or fragment as an lxml.html tree, however deep its markup is nested.

    Raises etree.ParserError or ValueError when there is no document in it.
    """
    html = parseable_html(html)
    parser = html_parser()
    root = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    if hit_depth_limit(parser):
        flat = flattened(html).encode("utf-8", "replace")
        root = lxml.html.document_fromstring(flat, parser=html_parser())
    return root


def parse_fragment(html: str) -> Element | None:
    """Parse an HTML fragment or page into its <body> element (None for empty input)."""
    if not html.strip():
        return None
    try:
        root = parse_document(html)
    except (etree.ParserError, ValueError):
        return None
    body = root.find("body")
    return body if body is not None else root


def html_to_blocks(html: str, base_url: str | None = None) -> tuple[list[Block], list[Link]]:
    """Convert an HTML fragment into plain-text blocks and the links it holds."""
    root = parse_fragment(html)
    if root is None:
        return [], []
    return element_to_blocks(root, base_url)


def element_to_blocks(root: Element, base_url: str | None = None) -> tuple[list[Block], list[Link]]:
    """Convert an already parsed element (modified in place: junk subtrees removed)."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    etree.strip_elements(root, *SKIP_TAGS, with_tail=False)
    if _tag(root) in SKIP_TAGS:
        return [], []
    walker = _Walker(base_url)
    walker.walk(root)
    return walker.blocks, collect_links(root.iter("a"), base_url)


def collect_links(anchors: Iterable[Element], base_url: str | None) -> list[Link]:
    """Every http(s)/mailto link, absolute, deduplicated by URL in document order."""
    links: list[Link] = []
    seen: set[str] = set()
    for a in anchors:
        url = absolute_url(a.get("href"), base_url, _LINK_SCHEMES)
        if url is None or url in seen:
            continue
        seen.add(url)
        text = clean_line(_text_of(a)) or clean_line(a.get("title")) or url
        links.append(Link(text, url))
    return links


def is_visually_hidden(el: Element) -> bool:
    """Screen-reader-only labels ("Media caption", "Credit") that sighted readers never see."""
    cls = el.get("class") or ""
    return bool(cls and _HIDDEN_CLASS.search(cls)) or el.get("hidden") is not None


def _marks_of(el: Element) -> str:
    if not isinstance(el.tag, str):
        return ""
    return " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("id"))))


def _tag(el: Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def _text_of(
    el: Element,
    skip: frozenset[str] = frozenset(),
    *,
    hidden: bool = True,
    exclude: Iterable[Element] = (),
) -> str:
    """Collapsed inline text of a subtree (iteratively), <br> kept as a newline.

    A block inside it (two paragraphs in one list item or caption) parts its words from
    its neighbours', as the blocks of the story do: "alpha" and "beta", never "alphabeta".
    """
    excluded = set(exclude)
    out: list[str] = []
    stack: list[tuple[Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node is not el and _tag(node) in WORD_BREAKS:
                out.append(" ")
            if node is not el and node.tail:
                out.append(_WS.sub(" ", node.tail))
            continue
        tag = _tag(node)
        if node is not el and (
            not tag
            or tag in skip
            or tag in SKIP_TAGS
            or node in excluded
            or (not hidden and is_visually_hidden(node))
        ):
            if node.tail:
                out.append(_WS.sub(" ", node.tail))
            continue
        if tag == "br":
            out.append("\n")
        else:
            if node is not el and tag in WORD_BREAKS:
                out.append(" ")
            if node.text:
                out.append(_WS.sub(" ", node.text))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "".join(out)


def _srcset_first(value: str | None) -> str | None:
    if not value:
        return None
    first = value.strip().split(",")[0].strip().split(" ")[0]
    return first or None


def image_url(img: Element, base_url: str | None) -> str | None:
    """The best absolute URL for an <img> (lazy-loading attributes and srcset included)."""
    candidates: list[str | None] = [img.get(attr) for attr in _IMAGE_ATTRS]
    candidates += [_srcset_first(img.get(attr)) for attr in _SRCSET_ATTRS]
    for raw in candidates:
        if raw and not raw.strip().lower().startswith("data:"):
            url = absolute_url(raw, base_url)
            if url:
                return url
    return None


def _is_tracking_pixel(img: Element, url: str | None) -> bool:
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().lower().removesuffix("px").strip()
        if value in ("0", "1"):
            return True
    style = (img.get("style") or "").replace(" ", "").lower()
    if "width:1px" in style or "height:1px" in style or "display:none" in style:
        return True
    if url:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host == "feeds.feedburner.com" and not parts.path.startswith("/~r/"):
            return False
        if _TRACKER_HOSTS.search(host) or _TRACKER_HOSTS.search(host + parts.path[:3]):
            return True
    return False


def lone_image(img: Element, base_url: str | None) -> Figure | None:
    """A bare <img>: a figure with its alt text, unless it is a tracker or shows nothing."""
    url = image_url(img, base_url)
    if _is_tracking_pixel(img, url):
        return None
    alt = clean_line(img.get("alt") or img.get("title"))
    if url is None and not alt:
        return None
    return Figure(image=url, alt=alt)


def split_credit(caption: str) -> tuple[str, str]:
    """Split a trailing credit ("Photo: X", "(Getty Images)") off a plain caption."""
    if _BARE_CREDIT.match(caption):
        return "", caption  # the whole caption is "Name/Agency"
    match = _TRAILING_LABELLED.search(caption)
    if match:
        return caption[: match.start()].rstrip(" -–—|,;"), match.group("credit").strip()
    match = _TRAILING_PAREN.search(caption)
    if match and _AGENCY.search(match.group("credit")):
        return caption[: match.start()].rstrip(" -–—|,;"), strip_credit_label(match.group("credit"))
    return caption, ""


def strip_credit_label(credit: str) -> str:
    """ "Credit: Jane Doe" -> "Jane Doe" (and "CreditCredit Jane" from doubled labels)."""
    credit = credit.strip()
    if credit.startswith("(") and credit.endswith(")") and credit.count("(") == 1:
        credit = credit[1:-1].strip()
    stripped = _CREDIT_LABEL.sub("", credit).strip()
    return stripped or credit


def _credit_elements(figure: Element, caption_el: Element | None) -> list[Element]:
    """Outermost elements marked up as a credit, not the caption container itself."""
    protected: set[Element] = set()
    if caption_el is not None:
        protected.add(caption_el)
        protected.update(caption_el.iterancestors())
    found: list[Element] = []
    for el in figure.iter():
        tag = _tag(el)
        if not tag or el in protected or tag in ("img", "picture", "source", "meta"):
            continue
        if any(anc in found for anc in el.iterancestors()):
            continue
        if any(_CAPTION_MARK.search(_marks_of(d)) for d in el.iterdescendants()):
            continue  # a wrapper around caption *and* credit, not the credit itself
        marks = " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("id"))))
        in_caption = caption_el is not None and caption_el in set(el.iterancestors())
        if (
            (marks and _CREDIT_MARK.search(marks))
            or (tag in _CREDIT_TAGS and in_caption)
            or (tag == "cite" and caption_el is not None)
        ):
            found.append(el)
    return found


def figure_from_element(figure: Element, base_url: str | None) -> Figure | None:
    """A <figure>: first image, its alt, the caption and the credit split from it."""
    caption_el = next(figure.iter("figcaption"), None)
    img = next((i for i in figure.iter("img") if image_url(i, base_url)), None)
    if img is None:
        img = next(figure.iter("img"), None)
    if img is None and caption_el is None:
        return None
    url = image_url(img, base_url) if img is not None else None
    if url is None:
        source = next(figure.iter("source"), None)
        if source is not None:
            url = absolute_url(
                _srcset_first(source.get("srcset") or source.get("data-srcset")), base_url
            )
    if img is not None and _is_tracking_pixel(img, url) and caption_el is None:
        return None
    alt = clean_line(img.get("alt")) if img is not None else ""
    credit_els = _credit_elements(figure, caption_el)
    credit = clean_line(" ".join(_text_of(c, hidden=False) for c in credit_els))
    caption = ""
    if caption_el is not None:
        caption = clean_line(_text_of(caption_el, hidden=False, exclude=credit_els))
    if not credit and caption:
        caption, credit = split_credit(caption)
    credit = strip_credit_label(credit) if credit else ""
    if not (url or alt or caption or credit):
        return None
    return Figure(image=url, alt=alt, caption=caption, credit=credit)


class _Walker:
    """Turns a tree into blocks in document order, with an explicit stack."""

    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.modes: list[str] = []

    def flush(self) -> None:
        if not self.buf:
            return
        text = clean_text("".join(self.buf))
        self.buf.clear()
        if not text:
            return
        mode = self.modes[-1] if self.modes else "paragraph"
        if mode == "heading":
            self.blocks.append(Heading(clean_line(text)))
        elif mode == "quote":
            self.blocks.append(Quote(text))
        else:
            self.blocks.append(Paragraph(text))

    def add_text(self, text: str | None) -> None:
        if text:
            self.buf.append(_WS.sub(" ", text))

    def walk(self, root: Element) -> None:
        stack: list[tuple[Element, bool]] = [(root, False)]
        while stack:
            el, closing = stack.pop()
            tag = _tag(el)
            if closing:
                self.close(el, tag)
                if el is not root:
                    self.add_text(el.tail)
                continue
            if not tag or tag in SKIP_TAGS:
                if el is not root:
                    self.add_text(el.tail)
                continue
            if self.leaf(el, tag):
                if el is not root:
                    self.add_text(el.tail)
                continue
            self.open(tag)
            self.add_text(el.text)
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
        self.flush()

    def open(self, tag: str) -> None:
        if tag in BLOCK_TAGS or tag == "li":
            self.flush()
        if tag in _HEADINGS:
            self.modes.append("heading")
        elif tag == "blockquote":
            self.modes.append("quote")

    def close(self, el: Element, tag: str) -> None:
        if tag in ("td", "th"):
            self.buf.append(" ")
        if tag in BLOCK_TAGS or tag == "li":
            self.flush()
        if tag in _HEADINGS or tag == "blockquote":
            self.modes.pop()

    def leaf(self, el: Element, tag: str) -> bool:
        """Handle elements that become one block on their own; False to walk into them."""
        if tag == "br":
            self.buf.append("\n")
            return True
        if tag == "hr":
            self.flush()
            return True
        if tag in ("ul", "ol"):
            self.flush()
            items = [
                item
                for li in el.iter("li")
                if (item := clean_line(_text_of(li, frozenset({"ul", "ol"}))))
            ]
            if items:
                self.blocks.append(ListBlock(tuple(items), ordered=tag == "ol"))
            return True
        if tag == "pre":
            self.flush()
            code = clean_code(_raw_text(el))
            if code:
                self.blocks.append(Code(code))
            return True
        if tag == "img":
            figure = lone_image(el, self.base_url)
            if figure is not None:
                self.flush()
                self.blocks.append(figure)
            return True
        # Only a figure that holds a picture is an image block; a <figure> around a
        # <blockquote> (a pull quote with its attribution) is walked into as text.
        if tag == "figure" and next(el.iter("img", "picture", "source"), None) is not None:
            self.flush()
            found = figure_from_element(el, self.base_url)
            if found is not None:
                self.blocks.append(found)
            return True
        return False


def _raw_text(el: Element) -> str:
    """Text of a <pre> exactly as written (whitespace kept), <br> as a newline."""
    parts: list[str] = []
    for node in _iter_with_tails(el):
        parts.append(node)
    return "".join(parts)


def _iter_with_tails(el: Element) -> Iterator[str]:
    stack: list[tuple[Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node is not el and node.tail:
                yield node.tail
            continue
        if _tag(node) == "br":
            yield "\n"
        elif node.text and _tag(node):
            yield node.text
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
