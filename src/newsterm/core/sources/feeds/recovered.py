"""Feeds that are not well-formed XML: keep every story a recovering parser can find.

feedparser's loose parser gives up on an emoji written as two surrogate
references and loses every item after one broken attribute. So a broken
feed is first repaired where the bytes say what was meant (`xml_repair`);
if that is not enough, lxml's recovering parser (as browsers do) builds a
tree that the fast path's feedparser rules read like any other. feedparser's
loose reading is still asked, and the reading that keeps more stories wins:
each parser survives damage the other does not.

Whatever the source lost on the way (stories neither reading could find,
a story the file ends inside) becomes one warning line on the Document.
"""

from __future__ import annotations

from lxml import etree

from newsterm.core.model import Document
from newsterm.core.sources.feeds.fast import (
    decoded_as_feedparser_does,
    parse_feed_fast,
    replay_tree,
)
from newsterm.core.sources.feeds.feedparser_path import read_with_feedparser
from newsterm.core.sources.feeds.xml_repair import honest_declaration, repaired_xml
from newsterm.core.sources.xmlsafe import (
    drop_nested_items,
    ends_inside_item,
    outer_items,
    safe_parser,
    safe_xml_bytes,
)
from newsterm.core.text.counted import counted

__all__ = ["read_ill_formed"]


def read_ill_formed(data: bytes, url: str | None, *, defer_blocks: bool = False) -> Document | None:
    """The fullest reading of a feed that is not well-formed; None when it is well-formed
    (feedparser's reading is then the reference, broken or not)."""
    data = safe_xml_bytes(data)
    if _is_well_formed(data):
        honest = honest_declaration(data)
        if honest == data:
            return None
        return parse_feed_fast(honest, url, defer_blocks=defer_blocks) or read_with_feedparser(
            honest, url, defer_blocks=defer_blocks
        )
    repaired = repaired_xml(data)
    if repaired != data and _is_well_formed(repaired):
        return parse_feed_fast(repaired, url, defer_blocks=defer_blocks) or read_with_feedparser(
            repaired, url, defer_blocks=defer_blocks
        )
    return _recovered(repaired, url, defer_blocks)


def _is_well_formed(data: bytes) -> bool:
    try:
        etree.fromstring(data, safe_parser())
    except (etree.XMLSyntaxError, ValueError):
        return False
    return True


def _recovered(data: bytes, url: str | None, defer_blocks: bool) -> Document:
    """The reading that keeps the most stories: the fast path's rules over lxml's recovered
    tree, feedparser's loose parser, or feedparser over the recovered tree written out
    (when the fast path is unsure of the tree and the loose parser lost stories)."""
    decoded = decoded_as_feedparser_does(data, url)
    root = _recovered_tree(data if decoded is None else decoded)
    found = len(outer_items(root)) if root is not None else 0
    # Only a tree of text decoded as feedparser would decode it reads as feedparser's.
    recovered = None if decoded is None else replay_tree(root, url, defer_blocks=defer_blocks)
    loose = _loose(data, url, defer_blocks, must=recovered is None and root is None)
    if recovered is None and root is not None and (loose is None or len(loose.articles) < found):
        written = etree.tostring(root, encoding="utf-8", xml_declaration=True)
        recovered = _loose(written, url, defer_blocks, must=loose is None)
    cut_short = ends_inside_item(data)
    # On a tie feedparser's reading is the reference, except in a feed cut off inside a
    # story: only the recovering parser keeps the text that story has.
    order = (recovered, loose) if cut_short else (loose, recovered)
    readings = [reading for reading in order if reading is not None]
    best = max(readings, key=lambda reading: len(reading.articles))  # the first of a tie
    found = max(found, *(len(reading.articles) for reading in readings))
    if warning := _warning(len(best.articles), found, cut_short=cut_short):
        best.warnings.append(warning)
    return best


def _recovered_tree(data: bytes) -> etree._Element | None:
    """What lxml's recovering parser keeps, items nested in items taken out (as when
    the feed is well-formed); None when it finds nothing at all."""
    parser = safe_parser(recover=True, remove_comments=True, remove_pis=True, deep=True)
    try:
        root: etree._Element | None = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if root is not None:
        drop_nested_items(root)
    return root


def _loose(data: bytes, url: str | None, defer_blocks: bool, *, must: bool) -> Document | None:
    """feedparser's reading, or None when it fails and another reading is left (`must`
    is False): its loose parser fails in many ways on broken XML."""
    try:
        return read_with_feedparser(data, url, defer_blocks=defer_blocks)
    except Exception:  # noqa: BLE001 - any failure here only means "use the other reading"
        if must:
            raise
        return None


def _warning(kept: int, found: int, *, cut_short: bool) -> str | None:
    """One line on what was lost: stories no reading could read, the story the file ends in."""
    problems = []
    if kept < found:
        problems.append(f"{found - kept} of {counted(found, 'story', 'stories')} could not be read")
    if cut_short and kept:
        of_all = "" if problems else f" of {counted(kept, 'story', 'stories')}"
        problems.append(f"1{of_all} is cut short (the feed ends inside it)")
    return "not well-formed XML: " + "; ".join(problems) if problems else None
