"""Byte-level repairs for the mistakes real feeds make, tried before any recovering parse.

Each repair changes only bytes that make XML ill-formed, so a well-formed
feed never passes through here and a repaired one then reads like any other:

- character references to what XML cannot hold: a UTF-16 surrogate pair
  (`&#xD83D;&#xDE00;`, which some CMSes write for an emoji) becomes the
  character the writer meant, a lone surrogate or a number past U+10FFFF
  becomes U+FFFD (a control character is left as written: feedparser reads
  it, and core.clean then strips it with the escape sequence it may start);
- bytes outside ASCII in the XML declaration, which hold no meaning there
  and stop every parser before the first element, and blank lines before it;
- an encoding that cannot spell `<?xml` in ASCII (UTF-16 or UTF-32 without a
  BOM, EBCDIC's IBM037 or cp500) declared by a declaration written in ASCII:
  the label is a lie, and without it the bytes read as UTF-8;
- a bare `&` (`Plants & Animals`), which a recovering parser would drop;
- a CDATA section left open where the file ends (a truncated download),
  whose text a parser would otherwise drop whole.
"""

from __future__ import annotations

import re

from newsterm.core.sources import budget

_REFERENCE = rb"&#(x[0-9a-fA-F]+|[0-9]+);"
_BARE_AMPERSAND = rb"&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9a-fA-F]+);)"
# One pass over the text: CDATA sections are passed over as they are; a reference is
# taken with the one right after it, since a surrogate pair is two references.
_CDATA_SECTION = rb"(<!\[CDATA\[.*?(?:\]\]>|\Z))"
_TEXT_MISTAKE = re.compile(
    b"|".join((_CDATA_SECTION, _REFERENCE + b"(?:" + _REFERENCE + b")?", _BARE_AMPERSAND)),
    re.DOTALL,
)
_DECLARATION = re.compile(rb"\A(\xef\xbb\xbf)?[ \t\r\n]*(<\?xml[^>]{0,300}?\?>)")
_NOT_ASCII = re.compile(rb"[\x80-\xff]")
_ENCODING = re.compile(rb"""\s+encoding\s*=\s*["']([^"']*)["']""")
_ASCII_START = "<?xml"
_CDATA_OPEN = b"<![CDATA["
_CDATA_CLOSE = b"]]>"
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"


def repaired_xml(data: bytes) -> bytes:
    """The same bytes with every repair above made."""
    if b"&" in data:
        data = _TEXT_MISTAKE.sub(_repaired_text, data)
    return _closed_cdata(honest_declaration(data))


def _repaired_text(match: re.Match[bytes]) -> bytes:
    """A CDATA section as it is, a bare `&` escaped, references made legal (valid ones kept)."""
    budget.check()
    cdata, first, second = match.group(1, 2, 3)
    if cdata is not None:
        return cdata
    if first is None:
        return b"&amp;"
    if second is None:
        return _legal(first)
    high, low = _code_point(first), _code_point(second)
    if 0xD800 <= high <= 0xDBFF and 0xDC00 <= low <= 0xDFFF:
        joined = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        return f"&#x{joined:X};".encode()
    return _legal(first) + _legal(second)


def _legal(number: bytes) -> bytes:
    code = _code_point(number)
    if _is_xml_char(code) or code < 0x20:
        return b"&#" + number + b";"
    return f"&#x{ord(_REPLACEMENT):X};".encode()


def _is_xml_char(code: int) -> bool:
    """XML 1.0's `Char` production: what a character reference may name."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _code_point(number: bytes) -> int:
    """The number a reference names; absurdly long ones count as out of range."""
    is_hex = number[:1] == b"x"
    digits = number[1:] if is_hex else number
    if len(digits) > 8:
        return 0x110000
    return int(digits, 16 if is_hex else 10)


def honest_declaration(data: bytes) -> bytes:
    """The declaration first in the file (after a BOM), in ASCII as XML spells it, and
    without a label its own bytes disprove (libxml2 may pass over one behind a BOM)."""
    declaration = _DECLARATION.match(data)
    if declaration is None:
        return data
    bom, written = declaration.group(1) or b"", declaration.group(2)
    cleaned = _ENCODING.sub(_without_impossible_label, _NOT_ASCII.sub(b"", written))
    if declaration.group() == bom + cleaned:
        return data
    return bom + cleaned + data[declaration.end() :]


def _without_impossible_label(label: re.Match[bytes]) -> bytes:
    """The encoding pseudo-attribute, or nothing when its encoding would not have written
    the declaration's own ASCII bytes."""
    name = label.group(1).decode("ascii", "replace").strip()
    try:
        spells_ascii = _ASCII_START.encode(name) == _ASCII_START.encode("ascii")
    except (LookupError, UnicodeError):
        return label.group()  # unknown to Python: left for the parsers to judge
    return label.group() if spells_ascii else b""


def _closed_cdata(data: bytes) -> bytes:
    """Close a CDATA section the file ends inside, so its text is kept."""
    opened = data.rfind(_CDATA_OPEN)
    if opened == -1 or data.find(_CDATA_CLOSE, opened) != -1:
        return data
    return data + _CDATA_CLOSE
