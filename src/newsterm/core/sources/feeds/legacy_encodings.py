"""Legacy encodings read as browsers read them (the WHATWG Encoding Standard).

A feed that declares `shift_jis` was written to be read the way a browser reads
it, and the standard says how: Shift_JIS is Windows-31J (Python's `cp932`), whose
bytes below 0x80 are ASCII, so `~` stays `~`. The codecs of the same name do
otherwise: libxml2's SHIFT_JIS reads `~` as `‾` and `\\` as `¥`, and Python's
`shift_jis` refuses the Windows additions (①, Ⅰ, 髙) that Japanese sites use,
after which feedparser guesses another encoding and shows mojibake. The same
holds, less visibly, for the Korean, Big5 and GBK families.

So before either feed parser sees them, bytes declaring one of these labels are
decoded with the codec the standard names (a byte it cannot map becomes U+FFFD,
as in a browser) and handed on as UTF-8 with a declaration that says so.
"""

from __future__ import annotations

import codecs
import re

from newsterm.core.sources.web_encodings import codec_for

# The standard's codecs (see web_encodings) that decode unlike the codecs of their labels'
# names in libxml2 and feedparser; the feed parsers decode every other label themselves.
_UNLIKE_NAMESAKES = frozenset({"cp932", "cp949", "big5hkscs", "gb18030"})

# The XML declaration's encoding, as feedparser finds it: on the first line, last one wins.
DECLARED_ENCODING = re.compile(rb"^<\?.*encoding=['\"](.*?)['\"].*\?>")
_DECLARED_ENCODING_TEXT = re.compile(r"^(<\?.*encoding=['\"])(.*?)(['\"].*\?>)")


def declared_encoding(data: bytes) -> str:
    """The encoding the XML declaration names, lower case; empty when there is none."""
    match = DECLARED_ENCODING.match(data)
    return match.group(1).decode("utf-8", "replace").lower() if match else ""


def as_utf8(text: str) -> bytes:
    """Decoded XML as UTF-8 bytes whose declaration (if any) says UTF-8."""
    return _DECLARED_ENCODING_TEXT.sub(r"\g<1>utf-8\g<3>", text, count=1).encode("utf-8")


def read_as_browsers_do(data: bytes) -> bytes:
    """UTF-8 for bytes declaring an encoding the standard decodes unlike its namesakes.

    Everything else is returned as it came (a byte order mark decides by itself).
    """
    if data.isascii() or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                          codecs.BOM_UTF16_BE)):  # fmt: skip
        return data
    codec = codec_for(declared_encoding(data))
    if codec not in _UNLIKE_NAMESAKES:
        return data
    return as_utf8(data.decode(codec, "replace"))
