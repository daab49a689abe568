"""Make XML bytes safe to hand to any parser: no DTDs, so no entity expansion or fetching.

feedparser's loose parser expands internal entities itself, so a 100 KB file
can declare one large entity and reference it thousands of times. Removing
the DOCTYPE (internal subset and all) before parsing closes that door, and
the external-DTD door with it; undeclared entities then stay as plain text.
"""

from __future__ import annotations

import re

from lxml import etree

_DOCTYPE = re.compile(rb"<!DOCTYPE(?:[^\[>]|\[(?:[^\]]|\](?!\s*>))*\]\s*)*>", re.I | re.S)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>", re.I)
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def safe_xml_bytes(data: bytes) -> bytes:
    """The same document with every DOCTYPE and entity declaration removed."""
    if not _DECLARATION.search(data):  # the whole file: comments may push a DOCTYPE far down
        return data
    data = _DOCTYPE.sub(b"", data, count=4)
    return _ENTITY_DECLARATION.sub(b"", data)


_ITEM_NAMES = frozenset({"item", "entry"})
_NESTED_ITEM = re.compile(
    rb"<(?:\w+:)?(?:item|entry)\b[^>]*>(?:(?!</(?:\w+:)?(?:item|entry)>).)*"
    rb"<(?:\w+:)?(?:item|entry)\b",
    re.S,
)


def without_nested_items(data: bytes) -> bytes:
    """Drop items illegally nested inside other items, which no reader should list.

    feedparser flattens them into extra entries; the feed's author meant only
    the top-level ones. The check is a cheap scan; the rewrite happens only
    when a nested item is really there and the XML is well-formed.
    """
    if not _NESTED_ITEM.search(data):
        return data
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return data
    nested = [
        element
        for element in root.iter()
        if isinstance(element.tag, str)
        and etree.QName(element).localname in _ITEM_NAMES
        and any(
            isinstance(a.tag, str) and etree.QName(a).localname in _ITEM_NAMES
            for a in element.iterancestors()
        )
    ]
    if not nested:
        return data
    for element in nested:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True))
