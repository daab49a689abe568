"""HTML fragments (feed item content, extracted article bodies) -> model blocks and links.

The input is hostile: the tree is walked with an explicit stack (never Python recursion,
so 5,000 nested tags cannot overflow it), and every string is cleaned *after* lxml has
decoded its entities, because `&#x1b;` only becomes an ESC byte at that point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml import etree

from newsterm.core.model import (
    Block,
    Code,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Quote,
)
from newsterm.core.sources.html.elements import (
    BLOCK_TAGS,
    HEADING_TAGS,
    SKIP_TAGS,
    Element,
    inline_text,
    tag_name,
)
from newsterm.core.sources.html.figures import figure_from_element
from newsterm.core.sources.html.images import lone_image
from newsterm.core.sources.html.parse import parse_fragment
from newsterm.core.sources.shortened import MAX_STORY_HTML, bounded_html, shortened
from newsterm.core.text.clean import clean_code, clean_line, clean_text
from newsterm.core.text.urls import absolute_url

__all__ = ["collect_links", "element_to_blocks", "html_to_blocks"]

_WS = re.compile(r"\s+")
_LINK_SCHEMES = frozenset({"http", "https", "mailto"})


def html_to_blocks(html: str, base_url: str | None = None) -> tuple[list[Block], list[Link]]:
    """Convert an HTML fragment into plain-text blocks and the links it holds."""
    root = parse_fragment(html)
    if root is None:
        return [], []
    return element_to_blocks(root, base_url)


def bounded_html_to_blocks(
    html: str, base_url: str | None = None
) -> tuple[list[Block], list[Link]]:
    """`html_to_blocks` within the story bounds every feed item keeps (see shortened.py)."""
    blocks, links = html_to_blocks(bounded_html(html), base_url)
    return shortened(blocks, html_cut=len(html) > MAX_STORY_HTML), links


def element_to_blocks(root: Element, base_url: str | None = None) -> tuple[list[Block], list[Link]]:
    """Convert an already parsed element (modified in place: junk subtrees removed)."""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    etree.strip_elements(root, *SKIP_TAGS, with_tail=False)
    if tag_name(root) in SKIP_TAGS:
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
        text = clean_line(inline_text(a)) or clean_line(a.get("title")) or url
        links.append(Link(text, url))
    return links


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
            tag = tag_name(el)
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
        if tag in HEADING_TAGS:
            self.modes.append("heading")
        elif tag == "blockquote":
            self.modes.append("quote")

    def close(self, el: Element, tag: str) -> None:
        if tag in ("td", "th"):
            self.buf.append(" ")
        if tag in BLOCK_TAGS or tag == "li":
            self.flush()
        if tag in HEADING_TAGS or tag == "blockquote":
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
                if (item := clean_line(inline_text(li, frozenset({"ul", "ol"}))))
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
        if tag_name(node) == "br":
            yield "\n"
        elif node.text and tag_name(node):
            yield node.text
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
