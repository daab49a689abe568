"""A server's story as the library keeps it: its HTML read as a feed item's is, so a
story synced reads like one fetched (captions, credits, related boxes)."""

from __future__ import annotations

from datetime import UTC, datetime

from newsterm.core.model import Article
from newsterm.core.sources.html.feed_item import feed_item_blocks
from newsterm.core.sources.shortened import MAX_STORY_HTML, bounded_html, shortened
from newsterm.core.sync.remote import RemoteFeed, RemoteItem
from newsterm.core.text.fallback_title import title_from_body


def article_of(item: RemoteItem, feed: RemoteFeed) -> Article:
    blocks, links, related = feed_item_blocks(bounded_html(item.html), item.url)
    blocks = shortened(blocks, html_cut=len(item.html) > MAX_STORY_HTML)
    published = datetime.fromtimestamp(item.published, UTC) if item.published else None
    return Article(
        title=item.title or title_from_body(blocks),
        url=item.url,
        source=feed.title,
        sections=(feed.folder,) if feed.folder else (),
        authors=(item.author,) if item.author else (),
        published=published,
        blocks=blocks,
        related=related,
        links=links,
        guid=f"sync-item:{item.id}",  # the server's number: two items of one link stay two
    )
