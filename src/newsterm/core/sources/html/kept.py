"""Feed items kept as HTML at refresh, and turned into blocks when a story is opened.

Building blocks is most of a refresh's CPU, and most items are never opened. So a
refresh stores each item's HTML with its words (for search and reading time), and
`complete_article` builds exactly the blocks the parser would have built at once
(a conformance test proves it on every corpus feed).
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from newsterm.core.model import Article, Figure, Paragraph
from newsterm.core.sources import budget
from newsterm.core.sources.budget import ParseTooSlow, parse_deadline
from newsterm.core.sources.html.deep import flattened, hit_depth_limit
from newsterm.core.sources.html.elements import SKIP_TAGS, WORD_BREAKS
from newsterm.core.sources.html.feed_item import feed_item_blocks
from newsterm.core.sources.html.parseable import parseable_html
from newsterm.core.sources.shortened import MAX_STORY_HTML, bounded_html, shortened
from newsterm.core.text.clean import strip_unsafe
from newsterm.core.text.tracking import scrub_article

_PARSER = etree.HTMLParser(huge_tree=True, no_network=True)  # see parse.html_parser


def plain_text(html: str) -> str:
    """An item's words as the reader will show them, without building blocks, for search.

    Wherever the reader parts two blocks (paragraphs, headings, list items, table cells,
    lines), the words are parted too: "Budget" and "Trams" must not be indexed as
    "BudgetTrams". Inline tags part nothing (`un<b>believ</b>able` is one word). What the
    reader never shows (the head, scripts, forms, comments) is left out.
    """
    html = parseable_html(html)
    try:
        root = etree.fromstring(html, _PARSER)
        if hit_depth_limit(_PARSER):
            root = etree.fromstring(flattened(html), _PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    if root is None:
        return ""
    etree.strip_elements(root, etree.Comment, etree.PI, *SKIP_TAGS, with_tail=False)
    for element in root.iter(*WORD_BREAKS):
        budget.check()
        element.text = " " + (element.text or "")
        element.tail = " " + (element.tail or "")
    text = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    return " ".join(strip_unsafe(text).split())  # words are all it is for: one line of them


def complete_article(article: Article) -> Article:
    """Build the blocks of an item whose HTML was kept at refresh (see `defer_blocks`)."""
    if article.html is None:
        return article
    try:
        with parse_deadline():  # the kept HTML is as hostile as the feed it came in
            html = bounded_html(article.html)
            blocks, links, related = feed_item_blocks(html, article.html_base)
        blocks = shortened(blocks, html_cut=len(article.html) > MAX_STORY_HTML)
    except ParseTooSlow:  # its words, as they were kept for search, rather than nothing
        words = article.plain or plain_text(bounded_html(article.html))  # from the library
        blocks, links, related = shortened([Paragraph(words)]), [], []
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
