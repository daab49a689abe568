"""Why the fast path gives up on a feed: feedparser is then asked instead."""

from __future__ import annotations

__all__ = ["Unsure"]


class Unsure(Exception):
    """The feed does something whose feedparser reading the fast path does not reproduce."""
