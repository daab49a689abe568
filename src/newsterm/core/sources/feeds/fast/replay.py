"""The fast path's parser: feedparser's handlers, namespace by namespace, driven by an lxml tree."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lxml import etree

from newsterm.core.sources.feeds.entry import document_from_entries
from newsterm.core.sources.feeds.fast.categories import Categories
from newsterm.core.sources.feeds.fast.content import Content
from newsterm.core.sources.feeds.fast.creative_commons import CreativeCommons
from newsterm.core.sources.feeds.fast.dates import Dates
from newsterm.core.sources.feeds.fast.decoding import decoded_as_feedparser_does
from newsterm.core.sources.feeds.fast.dublin_core import DublinCore
from newsterm.core.sources.feeds.fast.feed_structure import FeedStructure
from newsterm.core.sources.feeds.fast.itunes import Itunes
from newsterm.core.sources.feeds.fast.links import Links
from newsterm.core.sources.feeds.fast.media import MediaRss
from newsterm.core.sources.feeds.fast.people import People
from newsterm.core.sources.feeds.fast.unsure import Unsure
from newsterm.core.sources.feeds.fast.walk import TreeWalk
from newsterm.core.sources.xmlsafe import safe_parser, safe_xml_bytes, without_nested_items

if TYPE_CHECKING:
    from newsterm.core.model import Document

__all__ = ["Replay", "parse_feed_fast", "replay_tree"]


def parse_feed_fast(data: bytes, url: str | None, *, defer_blocks: bool = False) -> Document | None:
    """The Document feedparser's path would give, or None when we cannot be sure of it."""
    decoded = decoded_as_feedparser_does(without_nested_items(safe_xml_bytes(data)), url)
    if decoded is None:
        return None
    parser = safe_parser(remove_comments=True, remove_pis=True, strip_cdata=True)
    try:
        root = etree.fromstring(decoded, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return replay_tree(root, url, defer_blocks=defer_blocks)


def replay_tree(
    root: etree._Element | None, url: str | None, *, defer_blocks: bool = False
) -> Document | None:
    """feedparser's reading of a tree lxml built from text decoded as feedparser decodes
    it (`decoded_as_feedparser_does`), or None when unsure.

    The tree may come from lxml's recovering parser: what it kept of an
    ill-formed feed is then read by the same rules as a well-formed one.
    """
    if root is None:
        return None
    replay = Replay(url or "")
    try:
        replay.run(root)
    except Unsure:
        return None
    return replay.document(url, defer_blocks)


class Replay(
    TreeWalk,
    DublinCore,
    Itunes,
    MediaRss,
    CreativeCommons,
    People,
    Content,
    FeedStructure,
    Dates,
    Links,
    Categories,
):
    """feedparser's `_FeedParserMixin` with the namespaces newsterm reads, over an lxml tree.

    As in feedparser, each namespace is a mixin (feedparser/namespaces/*.py); the
    elements RSS, RDF and Atom share (its `_base.py`) are cut by what they describe.
    """

    def document(self, url: str | None, defer_blocks: bool = False) -> Document:
        """The entries read, as Articles by the code feedparser's path uses."""
        return document_from_entries(
            self.version, self.feeddata, self.entries, url, defer_blocks=defer_blocks
        )
