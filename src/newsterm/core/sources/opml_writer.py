"""Subscriptions to OPML 2.0, with sections as nested folders (the reverse of sources/opml)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from email.utils import format_datetime

from lxml import etree

from newsterm.core.model import Subscription


def to_opml(subscriptions: Iterable[Subscription], title: str = "newsterm subscriptions") -> str:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(UTC))
    body = etree.SubElement(root, "body")
    folders: dict[tuple[str, ...], etree._Element] = {(): body}
    for feed in subscriptions:
        parent = body
        for depth in range(1, len(feed.sections) + 1):
            path = feed.sections[:depth]
            if path not in folders:
                folders[path] = etree.SubElement(parent, "outline", text=path[-1], title=path[-1])
            parent = folders[path]
        outline = etree.SubElement(parent, "outline", type="rss", xmlUrl=feed.url)
        outline.set("text", feed.title or feed.url)
        outline.set("title", feed.title or feed.url)
        if feed.html_url:
            outline.set("htmlUrl", feed.html_url)
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return declaration + etree.tostring(root, encoding="unicode", pretty_print=True)
