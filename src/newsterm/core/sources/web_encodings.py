"""The WHATWG Encoding Standard, as far as a page or a text article needs it.

A declared charset means what it means in a browser, because that is how the
publisher checked the page: only the standard's labels count (`IBM037`, `cp500`,
`ebcdic-*` and `utf-7` name nothing, so they are ignored as the lies they almost
always are), every label resolves to the encoding browsers use for it (`ascii` and
`iso-8859-1` to windows-1252, `gb2312` to GB18030, `euc-kr` to windows-949,
`shift_jis` to windows-31j, `big5` to Big5-HKSCS), and bytes are decoded as the
standard's decoders do where Python's codecs differ from them.
"""

from __future__ import annotations

import codecs

_LABELS: dict[str, tuple[str, ...]] = {
    "utf-8": ("unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8",
              "x-unicode20utf8"),
    "cp866": ("866", "cp866", "csibm866", "ibm866"),
    "iso8859-2": ("csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592",
                  "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"),
    "iso8859-3": ("csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593",
                  "iso_8859-3", "iso_8859-3:1988", "l3", "latin3"),
    "iso8859-4": ("csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594",
                  "iso_8859-4", "iso_8859-4:1988", "l4", "latin4"),
    "iso8859-5": ("csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5",
                  "iso88595", "iso_8859-5", "iso_8859-5:1988"),
    "iso8859-6": ("arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic",
                  "ecma-114", "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127",
                  "iso8859-6", "iso88596", "iso_8859-6", "iso_8859-6:1987"),
    "iso8859-7": ("csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7",
                  "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987",
                  "sun_eu_greek"),
    "iso8859-8": ("csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e",
                  "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988",
                  "visual", "csiso88598i", "iso-8859-8-i", "logical"),
    "iso8859-10": ("csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910",
                   "l6", "latin6"),
    "iso8859-13": ("iso-8859-13", "iso8859-13", "iso885913"),
    "iso8859-14": ("iso-8859-14", "iso8859-14", "iso885914"),
    "iso8859-15": ("csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15",
                   "l9"),
    "iso8859-16": ("iso-8859-16",),
    "koi8-r": ("cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"),
    "koi8-u": ("koi8-ru", "koi8-u"),
    "mac-roman": ("csmacintosh", "mac", "macintosh", "x-mac-roman"),
    "cp874": ("dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"),
    "cp1250": ("cp1250", "windows-1250", "x-cp1250"),
    "cp1251": ("cp1251", "windows-1251", "x-cp1251"),
    "cp1252": ("ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819",
               "iso-8859-1", "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1",
               "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252", "x-cp1252",
               "x-user-defined"),  # a page's x-user-defined is read as windows-1252 (HTML)
    "cp1253": ("cp1253", "windows-1253", "x-cp1253"),
    "cp1254": ("cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
               "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"),
    "cp1255": ("cp1255", "windows-1255", "x-cp1255"),
    "cp1256": ("cp1256", "windows-1256", "x-cp1256"),
    "cp1257": ("cp1257", "windows-1257", "x-cp1257"),
    "cp1258": ("cp1258", "windows-1258", "x-cp1258"),
    "mac-cyrillic": ("x-mac-cyrillic", "x-mac-ukrainian"),
    "gb18030": ("chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80",
                "gbk", "iso-ir-58", "x-gbk", "gb18030"),
    "big5hkscs": ("big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"),
    "euc-jp": ("cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"),
    "iso2022-jp": ("csiso2022jp", "iso-2022-jp"),
    "cp932": ("csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis",
              "windows-31j", "x-sjis"),
    "cp949": ("cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
              "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"),
}  # fmt: skip
# A page cannot be UTF-16 without a BOM: HTML reads such a declaration as UTF-8.
_UTF16_LABELS = ("csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16",
                 "utf-16le", "unicodefffe", "utf-16be")  # fmt: skip
# ISO-2022-KR, HZ and ISO-2022-CN: no browser decodes them (their escapes hide markup).
REPLACEMENT = "replacement"
_REPLACEMENT_LABELS = ("csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext",
                       "iso-2022-kr", "replacement")  # fmt: skip
_BY_LABEL = {label: codec for codec, labels in _LABELS.items() for label in labels}
_BY_LABEL |= dict.fromkeys(_UTF16_LABELS, "utf-8") | dict.fromkeys(_REPLACEMENT_LABELS, REPLACEMENT)
_ERRORS = "newsterm-as-browsers-do"
_ASCII_WHITESPACE = "\t\n\f\r "


def codec_for(label: str | None) -> str | None:
    """The Python codec that decodes `label` as browsers do, REPLACEMENT, or None (no label)."""
    if not label:
        return None
    return _BY_LABEL.get(label.strip(_ASCII_WHITESPACE).lower())


def decode_as(data: bytes, codec: str) -> str:
    """Bytes in a codec from `codec_for`, every error replaced as the standard's decoder would."""
    return data.decode(codec, _ERRORS)


def _as_browsers_do(error: UnicodeError) -> tuple[str, int]:
    """U+FFFD for a bad sequence, except where the standard's tables define the byte:
    windows-125x/874 read their five or so unassigned bytes 0x80-0x9F as the C1 control
    of that number, and GB18030 reads a lone 0x80 as the euro sign (as GBK did)."""
    assert isinstance(error, UnicodeDecodeError)
    byte = error.object[error.start]
    if error.encoding == "charmap" and 0x80 <= byte <= 0x9F:
        return chr(byte), error.start + 1
    if error.encoding == "gb18030" and byte == 0x80:
        return "\u20ac", error.start + 1
    return "\ufffd", error.end


codecs.register_error(_ERRORS, _as_browsers_do)
