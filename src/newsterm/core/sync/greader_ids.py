"""The Google Reader API's two spellings of one story's number: the long form its
streams give (`tag:google.com,2005:reader/item/000000000000001f`, hexadecimal) and the
short form its id lists give (`31`, decimal, a signed 64-bit number). newsterm keeps
the short form, unsigned."""

from __future__ import annotations

LONG_PREFIX = "tag:google.com,2005:reader/item/"
_BITS = 1 << 64


def short_id(value: object) -> str:
    """Either spelling as the unsigned decimal newsterm keeps ("" when it is neither)."""
    if not isinstance(value, str | int) or isinstance(value, bool):
        return ""
    text = str(value).strip()
    if text.startswith(LONG_PREFIX):
        digits = text.removeprefix(LONG_PREFIX)
        if 0 < len(digits) <= 16 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return str(int(digits, 16))
        return ""
    number = text.removeprefix("-")
    if not (number.isascii() and number.isdigit()) or len(number) > 20:
        return ""
    value = int(text)
    return str(value % _BITS) if -(_BITS >> 1) <= value < _BITS else ""


def long_id(short: str) -> str:
    """The long form of a kept (unsigned decimal) number, as edit-tag takes it."""
    return f"{LONG_PREFIX}{int(short):016x}"
