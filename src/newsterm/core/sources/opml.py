"""OPML subscription lists: feeds, with folders (nested outlines) as sections."""

from __future__ import annotations

from lxml import etree

from newsterm.core.model import Document, SourceInfo, Subscription
from newsterm.core.sources.xmlsafe import safe_parser, safe_xml_bytes
from newsterm.core.text.clean import clean_line, clean_url

_MAX_FOLDER_DEPTH = 16


def parse_opml(data: bytes, url: str | None = None) -> Document:
    root = etree.fromstring(safe_xml_bytes(data), safe_parser(recover=True))
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise ValueError("not an OPML file")
    title = clean_line(root.findtext("head/title"))
    body = root.find("body")
    subscriptions: list[Subscription] = []
    if body is not None:
        _walk(body, (), subscriptions)
    if not subscriptions:
        raise ValueError("the OPML list has no feeds in it")
    return Document(SourceInfo("opml", title=title, url=url), subscriptions=subscriptions)


def _walk(parent: etree._Element, path: tuple[str, ...], out: list[Subscription]) -> None:
    """Outlines with a feed URL are subscriptions; the others are folders (sections)."""
    for outline in parent:
        if not isinstance(outline.tag, str) or outline.tag.lower() != "outline":
            continue
        name = clean_line(outline.get("title") or outline.get("text"))
        feed_url = clean_url(outline.get("xmlUrl") or outline.get("xmlurl"))
        if feed_url:
            html_url = clean_url(outline.get("htmlUrl") or outline.get("htmlurl"))
            out.append(Subscription(feed_url, name, path, html_url))
        elif len(path) < _MAX_FOLDER_DEPTH:
            _walk(outline, (*path, name) if name else path, out)
