"""A page or text article reads as a browser would show it (the WHATWG Encoding Standard).

Each case is bytes a publisher could send and the text the standard's tables give for
them, written here by hand from those tables: the comparison is of decoded text, never
of codec names.
"""

from __future__ import annotations

import pytest

from newsterm.core.sources import SourceError, parse_bytes
from newsterm.core.sources.sniff import decode

BODY = "<p>The council met on the harbour front to vote on the new bridge at last.</p>"


def page(charset: str, title: bytes) -> bytes:
    return (
        (
            f'<html><head><meta charset="{charset}"><title>x</title></head><body><article><h1>'
        ).encode()
        + title
        + f"</h1>{BODY}</article></body></html>".encode()
    )


def title_of(data: bytes) -> str:
    return parse_bytes(data).articles[0].title


EBCDIC = ("IBM037", "cp500", "ebcdic-cp-us", "cp1026", "IBM1047")


@pytest.mark.parametrize("charset", EBCDIC)
def test_an_ebcdic_label_on_ascii_bytes_is_ignored(charset: str) -> None:
    """ASCII text with one windows-1252 letter (so not UTF-8): read as windows-1252."""
    assert title_of(page(charset, b"Caf\xe9 cr\xe8me on the quay")) == "Café crème on the quay"


@pytest.mark.parametrize("charset", EBCDIC)
def test_an_ebcdic_label_on_utf8_bytes_is_ignored(charset: str) -> None:
    assert title_of(page(charset, "Café crème on the quay".encode())) == "Café crème on the quay"


def test_an_ebcdic_label_on_a_text_article_is_ignored() -> None:
    text = b'<meta charset="IBM037">\n\nBridge vote delayed\n\nThe caf\xe9 owners were told.\n'
    [article] = parse_bytes(text).articles
    assert "The café owners were told." in " ".join(getattr(b, "text", "") for b in article.blocks)


# Bytes, declared label, and the text the standard's index for that label gives.
AS_BROWSERS_READ = {
    "shift_jis-nec-row": (b"\x87\x40\x87\x41", "shift_jis", "①②"),
    "euc-kr-is-windows-949": (b"\x81\x41\xb0\xa1", "euc-kr", "갂가"),
    "big5-hkscs-pair": (b"\x88\x62", "big5", "\u00ca\u0304"),
    "gbk-euro-byte": (b"\x80\xc4\xe3", "gb2312", "€你"),
    "ascii-is-windows-1252": (b"\x93quoted\x94", "us-ascii", "“quoted”"),
    "label-with-spaces-and-case": (b"\xc0\xc1", " Windows-1251 ", "АБ"),
    "utf-7-is-no-label": (b"caf\xe9 +ADw-b+AD4-", "utf-7", "café +ADw-b+AD4-"),
    "iso-2022-jp-escapes": (b"\x1b$B$3$s$K$A$O\x1b(B", "iso-2022-jp", "こんにちは"),
    "windows-1252-unassigned-byte": (b"a\x81b", "windows-1252", "a\x81b"),
}


@pytest.mark.parametrize(("data", "label", "text"), AS_BROWSERS_READ.values(),
                         ids=AS_BROWSERS_READ.keys())  # fmt: skip
def test_bytes_decode_as_browsers_read_them(data: bytes, label: str, text: str) -> None:
    assert decode(data, label) == text
    assert decode(page(label.strip(), data)).count(text) == 1  # declared by the page itself


def test_an_encoding_browsers_refuse_is_refused_in_one_line() -> None:
    with pytest.raises(SourceError) as refused:
        parse_bytes(page("iso-2022-kr", b"\x1b$)C\x0eNews\x0f \xff"))
    assert "iso-2022-kr" in str(refused.value) and "\n" not in str(refused.value)
