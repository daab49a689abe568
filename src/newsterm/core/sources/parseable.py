"""Characters no XML tree can hold, taken out of a page before the HTML parser sees it.

libxml2 keeps a control character in the tree it builds, whether it came raw (`\\x01`,
ESC, BEL) or spelled as a reference (`&#1;`), but such a tree cannot be serialised as
XML, and the article extractor does exactly that: one in one paragraph made it give up
on the page, and the fallback kept 9 words of 1,919. So they go first: form feed and
vertical tab (HTML reads both as spaces) become spaces, the others nothing, which is
what `core/clean.py` would have made of them. What is shown is still cleaned after the
last decoding step, as everywhere.
"""

from __future__ import annotations

import re

# C0 controls but tab, newline and carriage return; the two non-characters U+FFFE/U+FFFF.
_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# A numeric character reference, read as HTML does: every digit, the semicolon optional.
_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_SPACES = frozenset({0x0B, 0x0C})
_MAX_DIGITS = 8  # more is past U+10FFFF however written; the parser shows U+FFFD for it


def _unparseable(code: int) -> bool:
    return code <= 0x1F and code not in (0x09, 0x0A, 0x0D) or code in (0xFFFE, 0xFFFF)


def _replacement(code: int) -> str:
    return " " if code in _SPACES else ""


def _reference(match: re.Match[str]) -> str:
    hex_digits, decimal = match.groups()
    digits = (hex_digits or decimal).lstrip("0") or "0"
    if len(digits) > _MAX_DIGITS:
        return match.group()
    code = int(digits, 16 if hex_digits else 10)
    return _replacement(code) if _unparseable(code) else match.group()


def parseable_html(html: str) -> str:
    """The markup without the characters an XML tree cannot hold, raw or referenced."""
    if "&#" in html:
        html = _REFERENCE.sub(_reference, html)
    if _RAW.search(html):
        html = _RAW.sub(lambda found: _replacement(ord(found.group())), html)
    return html
