"""A fast path for well-formed feeds: lxml parses, feedparser's rules decide.

feedparser is the reference for what a feed *means*, but it spends most of its
time in Python callbacks for every chunk of text its SAX parser reports. Here
lxml parses the bytes in C and the resulting tree is replayed, element by
element, through a port of exactly those feedparser handlers that decide the
fields newsterm reads (`feedparser.mixin` and the `_base`, `dc`, `itunes`,
`mediarss` and `cc` namespaces of feedparser 6). The entries are built as
feedparser's own `FeedParserDict`s and handed to the same code the feedparser
path uses (`feeds.entry`), so both paths agree by construction after parsing.

The port is cut as feedparser's package is:

- `state`: feedparser's `mixin`, the element stack and where each text lands;
- `walk`: the tree's events sent to the handlers, as expat's are to feedparser;
- `feed_structure`, `people`, `content`, `dates`, `links`, `categories`: the
  elements RSS, RDF and Atom share (feedparser's `namespaces/_base.py`);
- `dublin_core`, `itunes`, `media`, `creative_commons`: one mixin per namespace;
- `replay`: the parser those mixins compose, and the two ways in;
- `decoding`: the text feedparser would decode, for lxml to parse.

Whenever the fast path is not sure it would reach the same result (ill-formed
XML, an encoding feedparser would read differently, a root it does not know,
GeoRSS, SVG, base64 content, markup inside escaped HTML, conflicting namespace
prefixes, ...), `parse_feed_fast` returns None and the caller uses feedparser.
tests/conformance/test_fast_parser.py proves the equality on every corpus feed.
"""

from __future__ import annotations

from newsterm.core.sources.feeds.fast.decoding import decoded_as_feedparser_does
from newsterm.core.sources.feeds.fast.replay import parse_feed_fast, replay_tree

__all__ = ["decoded_as_feedparser_does", "parse_feed_fast", "replay_tree"]
