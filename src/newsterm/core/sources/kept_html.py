"""Feed items kept as HTML at refresh, and turned into blocks when a story is opened.

Building blocks is most of a refresh's CPU, and most items are never opened. So a
refresh stores each item's HTML with its words (for search and reading time), and
`complete_article` builds exactly the blocks the parser would have built at once
(a conformance test proves it on every corpus feed).
"""

from __future__ import annotations

import re
from dataclasses import replace

from lxml import etree

from newsterm.core.clean import clean_text
from newsterm.core.model import Article, Figure
from newsterm.core.privacy import scrub_article
from newsterm.core.sources import budget
from newsterm.core.sources.deep_html import flattened, hit_depth_limit
from newsterm.core.sources.html import feed_item_blocks
from newsterm.core.sources.htmlblocks import _BLOCK_TAGS, SKIP_TAGS

_PARSER = etree.HTMLParser(huge_tree=True, no_network=True)  # see htmlblocks.html_parser
_FULL_DOCUMENT = re.compile(r"^\s*<(?:html|!doctype)", re.IGNORECASE)
# Where the reader ends one block and starts the next: its block elements, and the
# elements it makes a block of their own (lists and their items, code, rules, images,
# figures, line breaks). Table cells are joined with a space.
_CELLS = frozenset({"td", "th"})
_EMPTY = frozenset({"br", "hr", "img"})
_BLOCK_STARTS = tuple(_BLOCK_TAGS | _CELLS | {"li", "ul", "ol", "pre", "hr", "br", "img", "figure"})


def plain_text(html: str) -> str:
    """An item's words as the reader will show them, without building blocks, for search.

    Where the reader starts a new block (a paragraph, a heading, a list item, a table
    cell, a line break), the text gets a line break, so neighbouring blocks never glue
    into one word ("Budget" + "Trams" must not index as "BudgetTrams"); inline tags
    (`un<b>believ</b>able`) add nothing and keep a word whole. What the reader never
    shows (scripts, forms, comments) is left out. A fragment's words are those of its
    body (a fragment with head elements, or a whole page, counts them all).
    """
    try:
        root = etree.fromstring(html, _PARSER)
        if hit_depth_limit(_PARSER):
            root = etree.fromstring(flattened(html), _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    if root is None:
        return ""
    body = root.find("body")
    if body is not None and root.find("head") is None and not _FULL_DOCUMENT.match(html):
        root = body
    if not isinstance(root.tag, str) or root.tag.lower() in SKIP_TAGS:
        return ""
    etree.strip_elements(root, etree.Comment, etree.PI, *SKIP_TAGS, with_tail=False)
    _mark_word_breaks(root)
    return clean_text(etree.tostring(root, method="text", encoding="unicode", with_tail=False))


def _mark_word_breaks(root: etree._Element) -> None:
    """A line break around each element the reader shows as a block of its own, and a
    space after each table cell (the reader's own rules: see htmlblocks._Walker)."""
    for element in root.iter(*_BLOCK_STARTS):
        budget.check()
        if element.tag in _CELLS:
            element.tail = " " + (element.tail or "")
        else:
            if element.tag not in _EMPTY:
                element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")


def complete_article(article: Article) -> Article:
    """Build the blocks of an item whose HTML was kept at refresh (see `defer_blocks`)."""
    if article.html is None:
        return article
    blocks, links, related = feed_item_blocks(article.html, article.html_base)
    # As when built at once: a media image leads only if the body does not show it.
    shown = {b.image for b in blocks if isinstance(b, Figure)}
    lead = [b for b in article.blocks if not (isinstance(b, Figure) and b.image in shown)]
    return scrub_article(
        replace(
            article,
            blocks=[*lead, *blocks],
            links=links,
            related=article.related + [r for r in related if r not in article.related],
            html=None,
            html_base=None,
            plain="",
        )
    )  # links found now are stored (and shown) without tracking parameters, like all others
