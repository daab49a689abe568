"""Make XML bytes safe to hand to any parser: no DTDs, so no entity expansion or fetching.

feedparser's loose parser expands internal entities itself, so a 100 KB file
can declare one large entity and reference it thousands of times. Removing
the DOCTYPE (internal subset and all) before parsing closes that door, and
the external-DTD door with it; undeclared entities then stay as plain text.
"""

from __future__ import annotations

import re

from lxml import etree

# Found with plain scans, not one backtracking pattern: `<!DOCTYPE a [][][]…` made
# the old single regex exponential, and `<!DOCTYPE a []]]…` quadratic.
_DOCTYPE_START = re.compile(rb"<!DOCTYPE", re.I)
_SUBSET_END = re.compile(rb"\][ \t\r\n]*>")
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY[^>]*>", re.I)
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)


def safe_xml_bytes(data: bytes) -> bytes:
    """The same document with every DOCTYPE and entity declaration removed."""
    if not _DECLARATION.search(data):  # the whole file: comments may push a DOCTYPE far down
        return data
    return _ENTITY_DECLARATION.sub(b"", _without_doctypes(data))


def _without_doctypes(data: bytes) -> bytes:
    """Every complete `<!DOCTYPE …>` (internal subset and all) cut out, in one linear pass."""
    kept: list[bytes] = []
    position = 0
    while match := _DOCTYPE_START.search(data, position):
        end = _doctype_end(data, match.end())
        if end is None:  # never closed: leave the rest as it is (its ENTITYs still go)
            break
        kept.append(data[position : match.start()])
        position = end
    kept.append(data[position:])
    return b"".join(kept)


def _doctype_end(data: bytes, start: int) -> int | None:
    """Where the DOCTYPE whose name starts at `start` ends: its `>`, or its subset's `]>`."""
    close = data.find(b">", start)
    if close == -1:
        return None
    subset = data.find(b"[", start, close)
    if subset == -1:
        return close + 1
    end = _SUBSET_END.search(data, subset)
    return end.end() if end else None


_ITEM_NAMES = frozenset({"item", "entry"})
# Start and end tags of items, scanned once: a lookahead pattern that ran from every
# `<item` to the end of the file was quadratic (`<item<item<item…>` took minutes).
_ITEM_TAG = re.compile(rb"<(/?)(?:\w+:)?(?:item|entry)\b")


def without_nested_items(data: bytes) -> bytes:
    """Drop items illegally nested inside other items, which no reader should list.

    feedparser flattens them into extra entries; the feed's author meant only
    the top-level ones. The check is a cheap scan; the rewrite happens only
    when a nested item is really there and the XML is well-formed.
    """
    if not _may_nest_items(data):
        return data
    try:
        root = etree.fromstring(data, safe_parser())
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


def _may_nest_items(data: bytes) -> bool:
    """An item start tag follows another with no end tag between them (a cheap pre-check)."""
    open_item = False
    for match in _ITEM_TAG.finditer(data):
        if match.group(1):
            open_item = False
        elif open_item:
            return True
        else:
            open_item = True
    return False


def safe_parser(
    *,
    recover: bool = False,
    remove_comments: bool = False,
    remove_pis: bool = False,
    strip_cdata: bool = True,
) -> etree.XMLParser:
    """The one way newsterm parses XML: no entities, no DTD, no network, no huge trees."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        recover=recover,
        remove_comments=remove_comments,
        remove_pis=remove_pis,
        strip_cdata=strip_cdata,
    )
