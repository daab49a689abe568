"""The one place untrusted text is made safe to show.

Every string from a feed, page, file, OPML list or server passes through here
*after its last decoding step* (XML character references, HTML entities, JSON
escapes), because each of those can smuggle an ESC byte in. What comes out
holds no control characters (newline and tab aside, where asked), no terminal
escape sequences, no bidi overrides and no invisible characters. It may still
look like markup (`[bold]`): the views never parse it as such.

The zero-width joiners (ZWNJ, ZWJ) are the exception: inside a word they are
spelling (Persian می‌خواهم, Hindi क्‍ष) and inside an emoji they hold a sequence
together (👩‍💻), so one between two letters, marks, digits or symbols stays. At a
word's edge, in a run, or in a URL they only hide text, and go.
"""

from __future__ import annotations

import re
import unicodedata

# Whole escape sequences first, so their parameters do not survive as visible junk:
# CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings up to BEL or ST, and two-byte ESC x.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?      # CSI
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?  # OSC...
    | \x1b[\x20-\x2f]*[\x30-\x7e]?                          # ESC x (incl. ESC c)
    """,
    re.VERBOSE,
)

# C0 except tab/newline/CR, DEL, C1; bidi embeddings/overrides/isolates and marks;
# zero-width and invisible formatting characters; the BOM; tag characters;
# lone surrogates (from JSON \ud800 escapes), which no encoder can write.
_UNSAFE_CHARS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    "\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f\ud800-\udfff"
)
_UNSAFE = re.compile(f"[{_UNSAFE_CHARS}]")
_JOINERS = "\u200c\u200d"
_JOINER_RUN = re.compile(f"[{_JOINERS}]+")
# What a joiner may sit between: letters, marks (a virama, VS16), digits, symbols (emoji).
_JOINABLE = frozenset("LMNS")
# One scan that says whether any of the substitutions below would change anything: most
# text needs none of them (ESC, C1 and the line separators other than \n are all in it).
_NEEDS_CLEANING = re.compile(f"[{_UNSAFE_CHARS}{_JOINERS}\r\u2028\u2029]")
_LINE_SEPARATORS = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")
_ANY_WHITESPACE = re.compile(r"\s{2,}|[^\S ]")
_WHITESPACE = re.compile(r"\s+")
_MAX_COMBINING = 4
# Cheap regex pre-checks instead of per-character Python loops (a 20 MB body has 20 M
# characters): an escape can only start at ESC or a C1 byte, and more than a few
# combining marks in a row can only sit in a run of characters at or above U+0300.
_ESCAPE_START = re.compile("[\x1b\x80-\x9f]")
_NON_LATIN_RUN = re.compile(f"[^\\x00-\u02ff]{{{_MAX_COMBINING + 1},}}")


def _cap_combining(text: str) -> str:
    """Keep at most a few combining marks per base character ("Zalgo" text)."""
    out: list[str] = []
    run = 0
    for ch in text:
        if unicodedata.combining(ch):
            run += 1
            if run > _MAX_COMBINING:
                continue
        else:
            run = 0
        out.append(ch)
    return "".join(out)


def _joinable(ch: str) -> bool:
    return unicodedata.category(ch)[0] in _JOINABLE


def _joiner(run: re.Match[str]) -> str:
    """A lone joiner between two joinable characters stays; any other goes."""
    text, start, end = run.string, run.start(), run.end()
    inside = start > 0 and end < len(text) and end - start == 1
    return run.group() if inside and _joinable(text[start - 1]) and _joinable(text[end]) else ""


def strip_joiners(text: str) -> str:
    """Every joiner, for text where one only hides something (URLs, matching keys)."""
    return _JOINER_RUN.sub("", text)


def strip_unsafe(text: str) -> str:
    """Remove escape sequences and unsafe characters; keep newlines (line breaks unified)."""
    if _NEEDS_CLEANING.search(text):
        text = _LINE_SEPARATORS.sub("\n", text)
        if _ESCAPE_START.search(text):
            text = _ESCAPE_SEQUENCE.sub("", text)
        if "\u200c" in text or "\u200d" in text:  # one beside another invisible goes too
            text = _JOINER_RUN.sub(_joiner, text)
        text = _UNSAFE.sub("", text)
    if not text.isascii():
        text = _NON_LATIN_RUN.sub(lambda run: _cap_combining(run.group()), text)
    return text


def clean_line(text: str | None) -> str:
    """One line of text (a title, a name, a section): all whitespace becomes one space."""
    if not text:
        return ""
    return _ANY_WHITESPACE.sub(" ", strip_unsafe(text)).strip()


def clean_text(text: str | None) -> str:
    """Running text that may keep line breaks: spaces collapsed, blank runs squeezed."""
    if not text:
        return ""
    # After strip_unsafe the only whitespace left besides "\n" is spaces, tabs and the
    # Unicode spaces (no-break, en, em, ideographic ...): str.split collapses them all, in C.
    text = "\n".join([" ".join(line.split()) for line in strip_unsafe(text).split("\n")])
    return (_BLANK_RUNS.sub("\n\n", text) if "\n\n\n" in text else text).strip()


def clean_code(text: str | None) -> str:
    """Preformatted text: keep indentation and line breaks, only remove what is unsafe."""
    if not text:
        return ""
    text = strip_unsafe(text).expandtabs(4)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def clean_url(url: str | None) -> str | None:
    """A URL as shown and stored: unsafe characters and all whitespace removed."""
    if not url:
        return None
    cleaned = _WHITESPACE.sub("", strip_joiners(strip_unsafe(url)))
    return cleaned or None


def normalise_title(title: str) -> str:
    """A key for matching titles: case, punctuation, accents and spacing ignored."""
    title = strip_joiners(clean_line(title))
    if title.isascii():  # most titles: no accents to strip, and isalnum means [A-Za-z0-9]
        return " ".join(_NOT_ASCII_ALNUM.sub(" ", title.lower()).split())
    decomposed = unicodedata.normalize("NFKD", title.casefold())
    letters = "".join(
        ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch)
    )
    return " ".join(letters.split())
