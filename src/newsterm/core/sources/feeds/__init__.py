"""Feeds (RSS, Atom, RDF, JSON Feed) to Documents.

feedparser is the reference for what an XML feed means. `parse_feed` first
re-encodes bytes in a legacy encoding as browsers read them
(`legacy_encodings`), then asks three readers in turn, each only when the one
before it is not sure:

1. `parse_feed_fast` (`fast/`): lxml parses a well-formed feed in C and
   feedparser's own rules are replayed over the tree. Most feeds end here, at
   a fraction of feedparser's CPU; it returns None whenever it cannot be sure
   of reaching feedparser's reading.
2. `read_ill_formed` (`recovered`): a feed that is not well-formed is
   repaired where its bytes say what was meant, or read by lxml's recovering
   parser, and the reading that keeps more stories wins. feedparser's loose
   parser alone loses every story after one broken attribute. It returns
   None for a well-formed feed, whose reference reading is feedparser's.
3. `read_with_feedparser` (`feedparser_path`): feedparser itself, for all
   the rest, and for every feed with `fast=False`.

All three end in `entry`: feedparser-shaped entries become Articles by the same
code, so the readers can only differ in what they parse, never in what it means.
JSON Feed has a reader of its own (`parse_json_feed`): feedparser does not read JSON.
"""

from __future__ import annotations

from newsterm.core.model import Document
from newsterm.core.sources.feeds.fast import parse_feed_fast
from newsterm.core.sources.feeds.feedparser_path import read_with_feedparser
from newsterm.core.sources.feeds.jsonfeed import parse_json_feed
from newsterm.core.sources.feeds.legacy_encodings import read_as_browsers_do
from newsterm.core.sources.feeds.recovered import read_ill_formed

__all__ = ["parse_feed", "parse_json_feed"]


def parse_feed(
    data: bytes, url: str | None = None, *, fast: bool = True, defer_blocks: bool = False
) -> Document:
    """Read a feed: lxml's fast path when it is sure to agree, a recovering reading when the
    XML is not well-formed, else feedparser (always, with `fast=False`).

    `defer_blocks` keeps each item's HTML for `complete_article` to turn into blocks when
    the story is opened: a refresh then costs a fraction of the CPU.
    """
    data = read_as_browsers_do(data)
    if fast:
        document = parse_feed_fast(data, url, defer_blocks=defer_blocks)
        if document is None:
            document = read_ill_formed(data, url, defer_blocks=defer_blocks)
        if document is not None:
            return document
    return read_with_feedparser(data, url, defer_blocks=defer_blocks)
