"""What a parser process does with a fetched feed: bytes in, library rows out.

Kept apart from the refresh itself so that the parser processes import only the
parsers and the row builder, not the network stack or the store.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsterm.core.library.story_rows import StoryRow, story_row
from newsterm.core.model import Article, Document


def parse_feed_bytes(body: bytes, url: str) -> Document:
    """Bytes to a feed Document, refusing pages and text (run in a worker, not the loop)."""
    from newsterm.core.sources import parse_bytes  # only when something changed

    # Blocks are built when a story is opened, not for every item of every refresh.
    return parse_bytes(body, url=url, defer_blocks=True, feeds_only=True)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """What a parser process sends back: few, flat objects that are cheap to pickle."""

    title: str
    rows: list[StoryRow]
    warning: str | None = None  # what the feed lost on the way, in one line


def parse_feed_rows(body: bytes, url: str, limit: int | None) -> ParsedFeed:
    """Parse a feed and build its library rows, all in the worker: the process that owns
    the library then only writes."""
    document = parse_feed_bytes(body, url)
    return feed_rows(document, first(document.articles, limit))


def feed_rows(document: Document, articles: list[Article]) -> ParsedFeed:
    """The rows of `articles` (the document's, or fuller ones), with the document's warning."""
    warning = "; ".join(document.warnings) or None
    return ParsedFeed(document.source.title, [story_row(article) for article in articles], warning)


def first(articles: list[Article], limit: int | None) -> list[Article]:
    """A feed's own `limit`: its first items, in the order the feed lists them."""
    return articles[:limit] if limit else articles
