"""The fast path for well-formed feeds: lxml parses, feedparser's rules decide."""

from __future__ import annotations

from newsterm.core.sources.feeds.fast.replay import (
    decoded_as_feedparser_does,
    parse_feed_fast,
    replay_tree,
)

__all__ = ["decoded_as_feedparser_does", "parse_feed_fast", "replay_tree"]
