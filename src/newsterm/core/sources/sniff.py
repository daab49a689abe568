"""Recognise a source's format and encoding from its bytes, never from its file name."""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

from newsterm.core.sources.web_encodings import REPLACEMENT, codec_for, decode_as
from newsterm.core.sources.xmlsafe import safe_xml_bytes

Format = Literal["feed", "jsonfeed", "html", "opml", "text"]

_XML_DECLARED_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._:-]+)""")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I)
_FIRST_TAGS = re.compile(rb"<\s*([A-Za-z][\w:.-]*)")
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b")
# Control bytes no text uses (tab, newlines, form feed and ESC aside): one in text is a
# slip, as in a feed with one NUL in its title; one in sixteen is a binary file.
_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_BINARY_SHARE = 16
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
    if _looks_binary(head):
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


def _looks_binary(head: bytes) -> bool:
    """A file format's magic number, or control bytes too many to be slips in text."""
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    return head.startswith(_BINARY_MAGIC) or controls * _BINARY_SHARE > len(head)


def _looks_utf16(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _json_kind(data: bytes) -> Literal["jsonfeed", "json"] | None:
    """JSON Feed declares its version URL; RSS-in-JSON wraps an rss.channel.item list.

    None means the bytes are not JSON at all (a text article may start with `[`).
    """
    if b"jsonfeed.org/version" in data[:4096]:
        return "jsonfeed"
    head = strip_bom(data[:4096]).lstrip()
    meant_as_feed = head[:1] == b"{" and (b'"items"' in head or b'"rss"' in head)
    try:
        parsed = json.loads(strip_bom(data), strict=False)  # raw controls are cleaned later
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
    """Bytes to text as a browser would read them, but trusting UTF-8 over a declaration.

    A BOM decides first. Then strict UTF-8: pages often declare a charset their bytes
    do not use, and strict UTF-8 almost never succeeds on other encodings (unless the
    page declares ISO-2022-JP, whose escapes are plain ASCII). Then the declared
    encoding, read as the WHATWG standard reads labels and bytes; with no label the
    standard names, windows-1252, the browsers' default.
    """
    if data.startswith(codecs.BOM_UTF8):
        return decode_as(data[3:], "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "replace")
    label = declared or declared_encoding(data)
    codec = codec_for(label)
    if codec == "iso2022-jp" and b"\x1b" in data:
        return decode_as(data, codec)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if codec == REPLACEMENT:
        raise NotAStory(f"written in {label}, an encoding browsers refuse to read")
    return decode_as(data, codec or "cp1252")


def declared_encoding(data: bytes) -> str | None:
    head = data[:8192]
    match = _XML_DECLARED_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None
