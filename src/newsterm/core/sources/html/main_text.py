"""A page's story text as blocks: trafilatura's main content, else the <article> pruned.

trafilatura scores best against Readability's output on the corpus, so it finds the
text; what it returns is its own XML, renamed to HTML here so that one walker
(`blocks`) turns every body into blocks. When it finds nothing, or the page is too
large for it, the story's container minus its furniture is the body instead.
"""

from __future__ import annotations

import itertools
import logging

import lxml.html

from newsterm.core.model import Block, Link
from newsterm.core.sources.html.blocks import element_to_blocks
from newsterm.core.sources.html.boilerplate import is_boilerplate_mark
from newsterm.core.sources.html.elements import Element, class_and_id
from newsterm.core.sources.html.parse import html_parser

__all__ = ["main_text"]

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)

# The corpus's largest article page has 2,200 elements; trafilatura takes ~1 s at 10,000.
_MAX_EXTRACTED_ELEMENTS = 10_000


def main_text(root: Element, base: str | None) -> tuple[list[Block], list[Link]]:
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


# trafilatura's XML names (TEI-like) and the HTML the block walker knows them as.
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
    """Counts no further than `limit`: a huge page costs no more to measure than a small one."""
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
        if marked and el is not holder and is_boilerplate_mark(class_and_id(el)):
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
    return element_to_blocks(holder, base)


def _copy(el: Element) -> Element:
    """A copy to prune, parsed as deep as the original was (tostring keeps every level)."""
    return lxml.html.fromstring(lxml.html.tostring(el), parser=html_parser())
