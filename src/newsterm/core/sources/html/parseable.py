"""Characters no XML tree can hold, taken out of a page before the HTML parser sees it.

libxml2 keeps a control character in the tree it builds, whether it came raw (`\\x01`,
ESC, BEL) or spelled as a reference (`&#1;`), but such a tree cannot be serialised as
XML, and the article extractor does exactly that: one in one paragraph made it give up
on the page, and the fallback kept 26 words of 1,876.

So they go before parsing, but without giving away what `core/text/clean.py` needs to see
after the last decoding step: a terminal escape keeps its shape in characters a tree
can hold. ESC followed by `[`, `]`, `P`, `\\` … becomes the one C1 control that means
the same (CSI, OSC, DCS, ST …), BEL (which ends an OSC) becomes ST, so the cleaner
still removes the whole sequence and not only its first byte. Form feed and vertical
tab, which HTML reads as spaces, become spaces; the others nothing.
"""

from __future__ import annotations

import re

# A numeric reference to a C0 control or U+FFFE/U+FFFF, read as HTML does (leading zeros,
# the semicolon optional): only those match, so the common `&#8217;` costs no call.
_REFERENCE = re.compile(
    r"&#(?:[xX]0*([0-9a-fA-F]|1[0-9a-fA-F]|[fF]{3}[eEfF])(?![0-9a-fA-F])"
    r"|0*([0-9]|[12][0-9]|3[01]|6553[45])(?![0-9]));?"
)
# ESC and what follows it (only characters that can never start markup are taken), or
# one of the other C0 controls but tab, newline and carriage return, or U+FFFE/U+FFFF.
_UNPARSEABLE = re.compile(
    "\x1b(?:([\x40-\x5f])|[\x28-\x2b]?[0-9a-z`{|}~])?|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
)
_STAND_INS = {"\x07": "\x9c", "\x0b": " ", "\x0c": " "}


def _reference(match: re.Match[str]) -> str:
    """The referenced character itself, replaced just after like a raw one (tab, newline
    and carriage return are fine in a tree: those references stay as written)."""
    hex_digits, decimal = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(decimal)
    return match.group() if code in (0x09, 0x0A, 0x0D) else chr(code)


def _stand_in(match: re.Match[str]) -> str:
    found, final = match.group(), match.group(1)
    if final:  # ESC Fe is the C1 control Fe + 0x40 (ECMA-48)
        return chr(ord(final) + 0x40)
    return _STAND_INS.get(found, "")


def parseable_html(html: str) -> str:
    """The markup with what an XML tree cannot hold replaced, raw or referenced."""
    if "&#" in html:
        html = _REFERENCE.sub(_reference, html)
    return _UNPARSEABLE.sub(_stand_in, html)
