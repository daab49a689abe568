"""Hostile strings, written here, and the checks every hostile test shares.

Each payload is something a feed, page, file or server could send to take over
a terminal (escape sequences), to lie about what is shown (bidi, invisible
characters) or to be read as markup. `UNSAFE` is what must never come out.
"""

from __future__ import annotations

import json
import re
import resource
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

ESC = "\x1b"

# Raw terminal sequences, each with a distinctive marker so its leftovers are findable.
OSC52 = "\x1b]52;c;cHduZWQtY2xpcA==\x07"  # write "pwned-clip" to the clipboard
OSC8 = "\x1b]8;;http://evil.example/pwned\x1b\\click me\x1b]8;;\x1b\\"  # a hidden link
OSC0 = "\x1b]0;pwned-window-title\x07"  # set the window title
DCS = "\x1bP+q544e\x1b\\"  # device control string (terminfo query)
RIS = "\x1bc"  # full terminal reset
CSI_CLEAR = "\x1b[2J\x1b[H"  # clear the screen, cursor home
C1_CSI = "\x9b31m"  # 8-bit CSI
RAW_SEQUENCES = (OSC52, OSC8, OSC0, DCS, RIS, CSI_CLEAR, C1_CSI)
RAW_PAYLOAD = "".join(RAW_SEQUENCES)

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\U000e0001\U000e0041\U000e007f"

MARKUP = ("[/]", "[bold red]", "[link=file:///etc/passwd]x[/link]", "[@click=app.quit]y")

# What must never be in a cleaned string: C0 but newline/tab, DEL, C1, bidi, invisibles.
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
    "\ufeff\U000e0000-\U000e007f\ud800-\udfff]"
)
# The payload's distinctive bytes, as they would appear on a terminal.
FORBIDDEN_BYTES = (
    b"\x1b]52;",
    b"\x1b]8;;http://evil",
    b"\x1bc",
    b"\x1bP",
    b"\xc2\x9b",
    b"\x9b31m",
    b"pwned-window-title",
    b"cHduZWQtY2xpcA",
    *(ch.encode() for ch in BIDI + INVISIBLE),
)


def smuggled_esc_xml(n: int) -> str:
    """ESC as an XML character reference, hex or decimal by turn."""
    return "&#x1b;" if n % 2 == 0 else "&#27;"


def xml_escaped_payload(numeric: bool) -> str:
    """The raw payload spelled with XML character references for every control character."""
    out = []
    for ch in RAW_PAYLOAD + BIDI + INVISIBLE:
        if ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in BIDI + INVISIBLE:
            out.append(f"&#x{ord(ch):x};" if numeric else f"&#{ord(ch)};")
        else:
            out.append({"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(ch, ch))
    return "".join(out)


def strings_in(value: Any) -> Iterator[str]:
    """Every string anywhere in a JSON-shaped value (keys included)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def assert_clean(value: Any, *, whole_sequences: bool = False) -> None:
    """No string in `value` holds anything that could drive or fool a terminal.

    With `whole_sequences`, the escape sequences' parameters must be gone too (true when
    the ESC reached the cleaner intact; an XML parser that turns a raw ESC into U+FFFD
    leaves harmless, visible parameter text behind).
    """
    for text in strings_in(value):
        found = UNSAFE.search(text)
        assert found is None, f"unsafe {found.group()!r} survived in {text[:120]!r}"
        if whole_sequences:
            for leftover in ("pwned-window-title", "cHduZWQtY2xpcA", "evil.example", "q544e"):
                assert leftover not in text, text[:120]


@dataclass(frozen=True, slots=True)
class Cost:
    seconds: float
    peak_mb: float


def measured(work: Callable[[], object]) -> tuple[object, Cost]:
    """Run `work`, returning its result with wall time and the peak Python allocation."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = work()
    finally:
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return result, Cost(seconds, peak / 2**20)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
