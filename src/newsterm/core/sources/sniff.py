"""Recognise a source's format and encoding from its bytes, never from its file name."""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

from newsterm.core.sources.xmlsafe import safe_xml_bytes

Format = Literal["feed", "jsonfeed", "html", "opml", "text"]

_XML_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]+)""", re.I)
_FIRST_TAGS = re.compile(rb"<\s*([A-Za-z][\w:.-]*)")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")
_FEED_ROOTS = {b"rss", b"feed", b"rdf:rdf", b"rdf", b"channel"}


class NotAStory(ValueError):
    """The bytes are not any kind of story newsterm reads."""


def strip_bom(data: bytes) -> bytes:
    return data[3:] if data.startswith(codecs.BOM_UTF8) else data


def detect_format(data: bytes) -> Format:
    """Look at the first tags (or the JSON top level) to tell what the bytes are."""
    sample = data[:65536]
    if _looks_utf16(sample):
        # Look at UTF-16 text as UTF-8, so its tags can be recognised like any other.
        sample = sample.decode("utf-16", "ignore").encode("utf-8")
    elif _DOCTYPE.search(sample, 0, 4096):
        # A DOCTYPE's internal subset (one huge entity) can push the root tag past the
        # sample: look at the document without its declarations, as the parsers will.
        sample = safe_xml_bytes(data[: 4 * 2**20])[:65536]
    head = strip_bom(sample[:8192]).lstrip()
    if not head:
        raise NotAStory("empty file")
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head[:512]:
        raise NotAStory("binary data, not text")
    if head[:1] in (b"{", b"["):
        kind = _json_kind(data)
        if kind == "jsonfeed":
            return "jsonfeed"
        if kind == "json":
            raise NotAStory("JSON, but not a JSON feed")
    if head[:1] == b"<":
        for match in _FIRST_TAGS.finditer(head):
            tag = match.group(1).lower()
            if tag in (b"xml", b"xml-stylesheet") or tag.startswith(b"!"):
                continue
            if tag in _FEED_ROOTS or tag.endswith(b":rss") or tag.endswith(b":feed"):
                return "feed"
            if tag == b"opml":
                return "opml"
            if tag in (
                b"html",
                b"head",
                b"body",
                b"meta",
                b"title",
                b"link",
                b"div",
                b"article",
                b"p",
                b"script",
            ):
                return "html"
        if re.search(rb"<(rss|feed|rdf:RDF)\b", sample):
            return "feed"
        if re.search(rb"<html\b|<body\b|<article\b", sample, re.I):
            return "html"
    return "text"


def _looks_utf16(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _json_kind(data: bytes) -> Literal["jsonfeed", "json"] | None:
    """JSON Feed declares its version URL; RSS-in-JSON wraps an rss.channel.item list.

    None means the bytes are not JSON at all (a text article may start with `[`).
    """
    if b"jsonfeed.org/version" in data[:4096]:
        return "jsonfeed"
    head = strip_bom(data[:4096]).lstrip()
    meant_as_feed = head[:1] == b"{" and b'"items"' in head
    try:
        parsed = json.loads(strip_bom(data))
    except RecursionError:
        # Too deep to read: say so (via the JSON Feed reader) when it was meant as a feed.
        return "jsonfeed" if meant_as_feed else "json"
    except ValueError:
        # Broken JSON that was meant as a feed deserves "broken JSON", not a text article.
        return "jsonfeed" if meant_as_feed else None
    if isinstance(parsed, dict) and ("items" in parsed or "rss" in parsed):
        return "jsonfeed"
    return "json"


def decode(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, then strict UTF-8, then the declared encoding, then cp1252.

    UTF-8 is tried before the declaration because pages often declare a charset
    their bytes do not use; strict UTF-8 almost never succeeds on other encodings.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared or declared_encoding(data)
    # A label of UTF-16/32 on bytes with no BOM (and not valid UTF-8) is a lie: ignore it.
    if declared and not declared.lower().replace("-", "").replace("_", "").startswith(
        ("utf16", "utf32")
    ):
        try:
            return data.decode(_widen(declared), "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")


def declared_encoding(data: bytes) -> str | None:
    head = data[:8192]
    match = _XML_DECLARED_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _widen(encoding: str) -> str:
    """Decode with the superset publishers actually mean (as browsers do)."""
    name = encoding.lower().replace("_", "-")
    return {
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "iso-8859-1": "cp1252",
        "latin1": "cp1252",
        "latin-1": "cp1252",
        "us-ascii": "cp1252",
        "ascii": "cp1252",
    }.get(name, name)
