"""The text feedparser would read from a feed's bytes, for lxml to parse."""

from __future__ import annotations

import codecs

from newsterm.core.sources.feeds.legacy_encodings import as_utf8, declared_encoding

__all__ = ["decoded_as_feedparser_does"]


def decoded_as_feedparser_does(data: bytes, url: str | None) -> bytes | None:
    """The text feedparser would decode from these bytes, as UTF-8 for lxml; None if unsure.

    feedparser picks the encoding itself (RFC 3023 rules, with no Content-Type
    header): the XML declaration, else UTF-8 when there is no URL and
    ISO-8859-1 when there is one. Decoding here with the very codec it uses,
    rather than letting libxml2 decode with its namesake, makes both read the
    same text: codecs of one name differ (libxml2's SHIFT_JIS reads `~` as `‾`).
    """
    if data.isascii():
        return data  # ASCII reads the same in all of them
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        bom = True
    elif data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
        return None  # feedparser's rewrite of wide encodings: leave it to feedparser
    else:
        bom = False
    chosen = declared_encoding(data) or ("iso-8859-1" if url else "utf-8")
    if chosen == "gb2312":
        chosen = "gb18030"  # as feedparser does
    try:
        name = codecs.lookup(chosen).name
        text = data.decode(chosen)  # feedparser silently tries other encodings when this fails
    except (LookupError, UnicodeDecodeError):
        return None
    if name == "utf-8":
        return data
    if bom or name.startswith(("utf-16", "utf-32")):
        return None  # a mark and a declaration that disagree, or wide text without a mark
    return as_utf8(text)
