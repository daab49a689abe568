"""Make XML bytes safe to hand to any parser: no DTDs, so no entity expansion or fetching.

feedparser's loose parser expands internal entities itself, so a 100 KB file
can declare one large entity and reference it thousands of times. Removing
the DOCTYPE (internal subset and all) before parsing closes that door, and
the external-DTD door with it; undeclared entities then stay as plain text.
"""

from __future__ import annotations

import re

from lxml import etree

from newsterm.core.sources import budget

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
_ITEM_TAGS = ("{*}item", "{*}entry")  # in any namespace, or none
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
    if not drop_nested_items(root):
        return data
    return bytes(etree.tostring(root, encoding="utf-8", xml_declaration=True))


def drop_nested_items(root: etree._Element) -> bool:
    """Remove every item nested inside another item from the tree; True if there were any."""
    nested: list[etree._Element] = []
    for item in outer_items(root):
        nested.extend(item.iterdescendants(*_ITEM_TAGS))  # lxml filters the tags in C
    for element in nested:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return bool(nested)


def outer_items(root: etree._Element) -> list[etree._Element]:
    """The items and entries of a feed tree that are not inside another one, in order.

    One walk that never enters an item: linear even in a hostile, deep tree.
    """
    items: list[etree._Element] = []
    walk = etree.iterwalk(root, events=("start",))
    for _, element in walk:
        budget.check()
        if _is_item(element):
            items.append(element)
            walk.skip_subtree()
    return items


def _is_item(element: etree._Element) -> bool:
    return isinstance(element.tag, str) and etree.QName(element).localname in _ITEM_NAMES


def ends_inside_item(data: bytes) -> bool:
    """The last item tag in the bytes opens an item: the file was cut off inside it."""
    tags = _ITEM_TAG.findall(data)  # "" for a start tag, "/" for an end tag; found in C
    return bool(tags) and not tags[-1]


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
    deep: bool = False,
) -> etree.XMLParser:
    """The one way newsterm parses XML: no entities, no DTD, no network.

    `deep` lifts libxml2's nesting limit (256 levels, 2,048 with it), past which
    the recovering parser would drop the rest of a feed without a word.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=deep,
        recover=recover,
        remove_comments=remove_comments,
        remove_pis=remove_pis,
        strip_cdata=strip_cdata,
    )
