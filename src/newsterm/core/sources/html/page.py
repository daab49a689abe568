"""A saved news article page -> one Article: headline, metadata, body, captions, related links.

The body text comes from trafilatura (it scores best against Readability's output on the
corpus), but trafilatura drops figure captions, credits and "related stories" blocks, so
those are read from the page itself and merged back in document order. Each step has its
own file; this one runs them in order.
"""

from __future__ import annotations

from newsterm.core.model import Article, Block, Document, Heading, Link, Paragraph, SourceInfo
from newsterm.core.sources.html import meta
from newsterm.core.sources.html.furniture import without_furniture
from newsterm.core.sources.html.inline_related import inline_related
from newsterm.core.sources.html.main_text import main_text
from newsterm.core.sources.html.parse import parse_page
from newsterm.core.sources.html.related_boxes import related_links
from newsterm.core.sources.html.story_figures import (
    fold_loose_captions,
    merge_figures,
    story_figures,
    text_key,
)
from newsterm.core.sources.sniff import decode
from newsterm.core.text.fallback_title import title_from_body
from newsterm.core.text.urls import absolute_url

__all__ = ["parse_html_page"]


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
    figures = story_figures(root, base)
    related = related_links(root, base, canonical)
    body, links = main_text(root, base)
    body, named = inline_related(without_furniture(body), root, base)
    related = _joined(named, related)
    blocks = fold_loose_captions(merge_figures(body, figures, root))
    if title:
        blocks = _drop_leading_title(blocks, title)
    summary, blocks = _standfirst(meta.summary(root, tags), title, blocks)
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


# The characters two texts must share from their start to be one text cut short.
_MIN_SHARED_OPENING = 30


def _standfirst(
    summary: str | None, title: str, blocks: list[Block]
) -> tuple[str | None, list[Block]]:
    """The page's description shown once. A body that opens with it set as a heading holds
    the standfirst (taken out of the body); a paragraph that opens like it is the lead,
    which the description only copied: then there is no standfirst."""
    if not summary:
        return summary, blocks
    key = text_key(summary)
    if key == text_key(title):
        return None, blocks  # the headline again
    for i, block in enumerate(blocks[:3]):
        if isinstance(block, Heading | Paragraph) and _opens_alike(text_key(block.text), key):
            if isinstance(block, Heading):
                return block.text, blocks[:i] + blocks[i + 1 :]
            return None, blocks
    return summary, blocks


def _opens_alike(a: str, b: str) -> bool:
    """One text begins with the other (a description often stops at the lead's first clause)."""
    shorter = min(len(a), len(b))
    return shorter >= _MIN_SHARED_OPENING and a[:shorter] == b[:shorter]


def _joined(named: list[Link], boxed: list[Link]) -> list[Link]:
    """The stories the text names, then the related boxes', each URL once."""
    seen = {link.url for link in named if link.url}
    return named + [link for link in boxed if link.url not in seen]


def _drop_leading_title(blocks: list[Block], title: str) -> list[Block]:
    """The headline is the article's title; do not repeat it as the first block."""
    key = text_key(title)
    for i, block in enumerate(blocks[:3]):
        if isinstance(block, Heading | Paragraph) and text_key(block.text) == key:
            return blocks[:i] + blocks[i + 1 :]
    return blocks
