"""What the damaged bytes still hold, counted without any of newsterm's code.

Feeds: the top-level items and entries lxml's recovering parser finds (an item nested
in another is not a story of its own, as the corpus manifest counts them). JSON feeds:
the items a lenient JSON reader finds (control characters allowed in strings, bad
UTF-8 replaced). Pages and texts: the words of their visible text, so a page whose
words are all still there but whose story came out empty is caught.
"""

from __future__ import annotations

import json
from typing import Any

import lxml.html
from lxml import etree

_ITEM_NAMES = frozenset({"item", "entry"})
_INVISIBLE_HTML = ("script", "style", "noscript", "template")


def feed_items(data: bytes, encoding: str | None = None) -> int:
    """Top-level item/entry elements in lxml's recovering parse (`encoding` overrides a lie)."""
    parser = etree.XMLParser(
        recover=True,
        resolve_entities=False,
        no_network=True,
        huge_tree=True,
        encoding=encoding,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError, LookupError):
        return 0
    if root is None:
        return 0
    return sum(1 for element in root.iter() if _is_item(element) and not _inside_item(element))


def _is_item(element: Any) -> bool:
    """An item or entry in any namespace (a recovered tag may be a bare `dc:`, so no QName)."""
    tag = element.tag
    return isinstance(tag, str) and tag.rpartition("}")[2].rpartition(":")[2] in _ITEM_NAMES


def _inside_item(element: Any) -> bool:
    return any(_is_item(ancestor) for ancestor in element.iterancestors())


def json_items(data: bytes) -> int:
    """Items of a JSON Feed (`items`) or of RSS written as JSON (`rss.channel.item`)."""
    text = data.decode("utf-8-sig", "replace")
    try:
        root = json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return 0
    if not isinstance(root, dict):
        return 0
    items = root.get("items")
    if isinstance(root.get("rss"), dict):
        channel = root["rss"].get("channel")
        items = channel.get("item") if isinstance(channel, dict) else None
    return sum(1 for item in items if isinstance(item, dict)) if isinstance(items, list) else 0


def page_words(data: bytes, encoding: str | None = None) -> int:
    """Words of the page's visible text in lxml's recovering HTML parse."""
    try:
        root = lxml.html.document_fromstring(data, parser=_html_parser(encoding))
    except (etree.ParserError, ValueError, LookupError):
        return 0
    etree.strip_elements(root, *_INVISIBLE_HTML, with_tail=False)
    return sum(len(str(piece).split()) for piece in root.itertext())


def _html_parser(encoding: str | None) -> lxml.html.HTMLParser:
    return lxml.html.HTMLParser(recover=True, no_network=True, huge_tree=True, encoding=encoding)


def text_words(data: bytes) -> int:
    """Words of a plain-text file, however its bytes decode."""
    return len(data.decode("utf-8", "replace").split())
