"""Markup to an lxml.html tree, the one way newsterm does it: pages, fragments, feed items.

Every parse goes through `parse_document`, so what no tree can hold is taken out first
(`parseable`) and markup nested deeper than libxml2 builds is flattened (`deep`): no
caller can forget either.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from newsterm.core.sources.html.deep import flattened, hit_depth_limit
from newsterm.core.sources.html.elements import Element
from newsterm.core.sources.html.parseable import parseable_html

__all__ = ["html_parser", "parse_document", "parse_fragment", "parse_page"]

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)


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


def parse_page(text: str) -> Element | None:
    """A whole saved page's root <html> element (None when there is no page in it).

    An XHTML page's XML declaration goes first: the text is already decoded, so the
    encoding it names can only mislead the HTML parser.
    """
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        return parse_document(text)
    except (etree.ParserError, ValueError):
        return None
