"""JSON Feed 1 and 1.1, and RSS serialised as JSON (`{"rss": {"channel": ...}}`).

feedparser 6 does not read JSON, and the format is simple enough that the
standard library's json module is all it takes. Depth is bounded by json's
own recursion limit (a RecursionError is turned into a clear error).
"""

from __future__ import annotations

import json
from typing import Any

from newsterm.core.model import (
    Article,
    Block,
    Document,
    Enclosure,
    Figure,
    Link,
    Paragraph,
    SourceInfo,
)
from newsterm.core.sources import budget
from newsterm.core.sources.dates import parse_date
from newsterm.core.sources.durations import seconds
from newsterm.core.sources.html.blocks import bounded_html_to_blocks
from newsterm.core.sources.shortened import shortened
from newsterm.core.sources.sniff import decode
from newsterm.core.text.clean import clean_line, clean_text, clean_url
from newsterm.core.text.fallback_title import title_from_body
from newsterm.core.text.urls import absolute_url, guessed_type


class BadJsonFeed(ValueError):
    """The bytes are not JSON, or not a JSON feed."""


def parse_json_feed(data: bytes, url: str | None = None) -> Document:
    try:
        # strict=False: a raw control character inside a string costs the feed nothing
        # (clean.py removes it from what is shown).
        root = json.loads(decode(data), strict=False)
    except RecursionError:
        raise BadJsonFeed("JSON nested too deeply") from None
    except ValueError as error:
        raise BadJsonFeed(f"broken JSON ({clean_line(str(error))[:100]})") from None
    if not isinstance(root, dict):
        raise BadJsonFeed("not a JSON feed (top level is not an object)")
    if isinstance(root.get("rss"), dict):
        return _rss_in_json(root["rss"], url)
    items = root.get("items")
    if not isinstance(items, list):
        raise BadJsonFeed("not a JSON feed (no items list)")
    title = clean_line(_str(root.get("title")))
    base = url or clean_url(_str(root.get("home_page_url")))
    feed_authors = _authors(root)
    articles = [
        _json_item(item, title, base, feed_authors) for item in items if isinstance(item, dict)
    ]
    return Document(
        SourceInfo("jsonfeed", title=title, url=url or clean_url(_str(root.get("feed_url")))),
        articles,
    )


def _json_item(
    item: dict[str, Any], feed_title: str, base: str | None, feed_authors: tuple[str, ...]
) -> Article:
    budget.check()
    html = _str(item.get("content_html"))
    text = _str(item.get("content_text"))
    blocks: list[Block]
    links: list[Link]
    if html:
        blocks, links = bounded_html_to_blocks(html, base)
    else:
        blocks = shortened([Paragraph(p) for p in clean_text(text).split("\n\n") if p.strip()])
        links = []
    image = absolute_url(item.get("image") or item.get("banner_image"), base)
    if image and all(getattr(b, "image", None) != image for b in blocks):
        blocks.insert(0, Figure(image=image))
    summary = clean_line(_str(item.get("summary"))) or None
    link = absolute_url(item.get("url"), base)
    external = absolute_url(item.get("external_url"), base)
    related = [Link(clean_line(_str(item.get("title"))) or external, external)] if external else []
    raw_tags = item.get("tags")
    tags: list[Any] = raw_tags if isinstance(raw_tags, list) else []
    if isinstance(raw_tags, str):  # seen in the wild: "workflow,omnifocus"
        tags = [tag.strip() for tag in raw_tags.split(",")]
    return Article(
        title=clean_line(_str(item.get("title"))) or title_from_body(blocks, summary),
        url=link or external,
        source=feed_title,
        sections=tuple(dict.fromkeys(clean_line(t) for t in tags if isinstance(t, str) and t)),
        authors=_authors(item) or feed_authors,
        published=parse_date(item.get("date_published") or item.get("date_modified")),
        summary=summary,
        blocks=blocks,
        related=related,
        links=links,
        enclosures=_attachments(item, base),
        guid=clean_line(str(item.get("id"))) if item.get("id") is not None else None,
    )


def _rss_in_json(rss: dict[str, Any], url: str | None) -> Document:
    channel = rss.get("channel")
    if not isinstance(channel, dict):
        raise BadJsonFeed("RSS-in-JSON without a channel")
    items = channel.get("item") or []
    if isinstance(items, dict):
        items = [items]
    title = clean_line(_str(channel.get("title")))
    base = url or clean_url(_str(channel.get("link")))
    articles = []
    for item in items:
        budget.check()
        if not isinstance(item, dict):
            continue
        blocks, links = bounded_html_to_blocks(_str(item.get("description")), base)
        guid = item.get("guid")
        guid_text = guid.get("#value") or guid.get("value") if isinstance(guid, dict) else guid
        articles.append(
            Article(
                title=clean_line(_str(item.get("title"))) or title_from_body(blocks, None),
                url=absolute_url(item.get("link"), base),
                source=title,
                published=parse_date(item.get("pubDate")),
                blocks=blocks,
                links=links,
                guid=clean_line(str(guid_text)) if guid_text else None,
            )
        )
    return Document(SourceInfo("jsonfeed", title=title, url=url), articles)


def _authors(holder: dict[str, Any]) -> tuple[str, ...]:
    raw = holder.get("authors")
    if not isinstance(raw, list):
        raw = [holder["author"]] if isinstance(holder.get("author"), dict) else []
    names = (clean_line(_str(a.get("name"))) for a in raw if isinstance(a, dict))
    return tuple(dict.fromkeys(n for n in names if n))


def _attachments(item: dict[str, Any], base: str | None) -> list[Enclosure]:
    out: list[Enclosure] = []
    attachments = item.get("attachments")
    for attachment in attachments if isinstance(attachments, list) else []:
        if not isinstance(attachment, dict):
            continue
        href = absolute_url(attachment.get("url"), base)
        size = attachment.get("size_in_bytes")
        length = size if isinstance(size, int) and 0 <= size < 2**53 else 0
        if href:
            kind = clean_line(_str(attachment.get("mime_type"))) or guessed_type(href)
            duration = seconds(attachment.get("duration_in_seconds"))
            out.append(Enclosure(href, kind, length, duration))
    return out


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""
