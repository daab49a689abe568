"""RSS 0.9x/2.0, RDF/RSS 1.0 and Atom feeds, read with feedparser.

feedparser is the reference for every dialect and every broken feed in the
wild. It always gets an `io.BytesIO` (given `str` or `bytes` it may open a
file of that name) and the bytes have had their DOCTYPE removed first.
"""

from __future__ import annotations

import io

import feedparser
from feedparser.namespaces import mediarss

from newsterm.core.model import Document
from newsterm.core.sources import budget
from newsterm.core.sources.feeds.entry import document_from_entries
from newsterm.core.sources.xmlsafe import safe_xml_bytes, without_nested_items
from newsterm.core.text.clean import clean_line

__all__ = ["NotAFeed", "read_with_feedparser"]


def read_media_description_apart() -> None:
    """feedparser reads `media:description` as the item's own description, so a picture's
    caption became the story's body (or its summary, the body then). Media RSS says it
    describes the media object: it is read under its own name, as the fast path reads it,
    and entry.py makes it the figure's caption, or the body when the item has no other."""

    def start(self: mediarss.Namespace, attrs_d: dict[str, str]) -> None:
        self.push_content("media_description", attrs_d, "text/plain", 1)  # type: ignore[attr-defined]

    def end(self: mediarss.Namespace) -> None:
        self.pop_content("media_description")  # type: ignore[attr-defined]

    mediarss.Namespace._start_media_description = start  # type: ignore[method-assign]
    mediarss.Namespace._end_media_description = end  # type: ignore[method-assign]


read_media_description_apart()


class NotAFeed(ValueError):
    """The bytes looked like XML but held no feed."""


def read_with_feedparser(data: bytes, url: str | None, *, defer_blocks: bool = False) -> Document:
    """feedparser's own reading: the reference for every feed, loose when the XML is broken."""
    headers = {"content-location": url} if url else {}
    with budget.checked_on_every_call():
        parsed = feedparser.parse(
            io.BytesIO(without_nested_items(safe_xml_bytes(data))),
            response_headers=headers,
            resolve_relative_uris=False,
            sanitize_html=False,
        )
    version = parsed.get("version") or ""
    if not version and not parsed.get("entries"):
        reason = parsed.get("bozo_exception")
        raise NotAFeed(f"not a feed ({clean_line(str(reason))[:120]})" if reason else "not a feed")
    channel = parsed.get("feed", {})
    return document_from_entries(
        version, channel, parsed.get("entries", []), url, defer_blocks=defer_blocks
    )
