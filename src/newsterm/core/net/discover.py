"""Find the feeds a web page advertises, so a person can subscribe by giving a site's address.

The page is untrusted: it is parsed offline with lxml.html (no network, no scripts), and
every link comes out cleaned, absolute and http/https, or not at all.
"""

from __future__ import annotations

from lxml import etree
from lxml import html as lxml_html

from newsterm.core.sources.sniff import NotAStory, detect_format
from newsterm.core.text.urls import absolute_url

FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/feed+json", "application/json"}
)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# WordPress marks its REST API as rel=alternate application/json on every page; not a feed.
_NOT_FEEDS = ("/wp-json/", "?rest_route=")


def discover_feeds(html: bytes, base_url: str) -> list[str]:
    """The page's `<link rel="alternate">` feed URLs, absolute, deduplicated, in page order."""
    if not html or not html.strip():
        return []
    try:
        # As deep as libxml2 goes (huge_tree), never the network; the page's own encoding.
        parser = lxml_html.HTMLParser(huge_tree=True, no_network=True, remove_comments=True)
        root = lxml_html.document_fromstring(html, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return []
    base = absolute_url(base_url, None) or base_url
    first_base = next(root.iter("base"), None)
    if first_base is not None:
        base = absolute_url(first_base.get("href"), base) or base
    found: list[str] = []
    for link in root.iter("link"):
        rels = (link.get("rel") or "").lower().split()
        mime = (link.get("type") or "").split(";", 1)[0].strip().lower()
        if "alternate" not in rels or mime not in FEED_TYPES:
            continue
        url = absolute_url(link.get("href"), base)
        if url and url not in found and not any(marker in url for marker in _NOT_FEEDS):
            found.append(url)
    return found


def looks_like_html(data: bytes, content_type: str) -> bool:
    """Whether a response is a web page to search for feeds, not a feed served as text/html.

    The bytes decide first, since servers often label feeds text/html; the header
    only settles bytes that look like neither.
    """
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    try:
        kind = detect_format(data)
    except NotAStory:
        return False
    if kind == "html":
        return True
    if kind != "text":
        return False
    return mime in _HTML_TYPES
