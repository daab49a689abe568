"""End to end on a real pseudo-terminal: every ESC byte written is the app's own.

`newsterm cat` and the reader run under a pty (fixed size via TIOCSWINSZ, TERM
xterm-256color, their own NEWSTERM_HOME) on hostile files written here: titles, bodies,
captions, credits, related titles, section names, authors and file names carrying
OSC 52 (clipboard), OSC 8 (links), OSC 0 (window title), DCS, ESC c, 8-bit CSI, bidi,
zero-width and tag characters, raw and smuggled as &#x1b; / &#27; / HTML entities /
JSON \\u001b. The raw bytes read from the terminal side must hold none of the
payloads, and every ESC must begin a CSI (or one of a few plain two-byte sequences)
of the kind Rich and Textual emit; markup-shaped text must appear literally.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from xml.sax.saxutils import escape

from tests.support.payloads import BIDI, FORBIDDEN_BYTES, INVISIBLE, MARKUP, RAW_PAYLOAD
from tests.support.pty import run_in_pty

UNSAFE_TEXT = RAW_PAYLOAD + BIDI + INVISIBLE
# What an ESC may begin: CSI (SGR, cursor, modes, queries), or a plain two-byte
# sequence (save/restore cursor, keypad modes, charset). Never OSC, DCS, ESC c.
ALLOWED_ESCAPE = re.compile(rb"\x1b(?:\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|[78=>]|\([B0])")
# The app's own OSCs: a window title naming the app, if it sets one, and Textual's
# mouse-pointer shape (OSC 22 with a fixed shape name). No other OSC is allowed.
OWN_OSC = re.compile(
    rb"\x1b\][02];newsterm[^\x07\x1b]{0,60}(?:\x07|\x1b\\)|\x1b\]22;[a-z-]{1,20}(?:\x07|\x1b\\)"
)


def assert_only_own_escapes(raw: bytes) -> None:
    for forbidden in FORBIDDEN_BYTES:
        assert forbidden not in raw, f"{forbidden!r} reached the terminal"
    assert re.search(rb"\xc2[\x80-\x9f]", raw) is None, "a C1 control reached the terminal"
    assert re.search(rb"[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f]", raw.replace(b"\x1b", b"")) is None
    without_own_title = OWN_OSC.sub(b"", raw)
    position = 0
    while (position := without_own_title.find(b"\x1b", position)) != -1:
        match = ALLOWED_ESCAPE.match(without_own_title, position)
        context = without_own_title[position : position + 24]
        assert match is not None, f"unexpected escape {context!r}"
        position = match.end()


def hostile(field: str) -> str:
    return f"{field} {' '.join(MARKUP)} {UNSAFE_TEXT} end"


RSS_BODY = "<p>Body &#x1b;]8;;http://evil.example/x&#x1b;\\ [/]</p>"


def write_inputs(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    short = "Desk\x1b]52;c;cHduZWQtY2xpcA==\x07\u202e\x1bc"
    text = folder / "story.txt"
    text.write_text(
        f"Home › {short} › World\n\n{hostile('Title')}\n\n{hostile('Standfirst')}\n\n"
        f"By {hostile('Writer')}\nPublished 14 March 2024\n\n"
        f"{hostile('Paragraph')} with enough ordinary words to be a paragraph of text.\n\n"
        f"{hostile('Alt')}\n{hostile('Caption')}\nPhoto: {hostile('Credit')}\n\n"
        f"Read also: {hostile('Related')} https://example.org/r\n",
        encoding="utf-8",
    )
    feed = folder / "feed.json"
    feed.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": hostile("Feed"),
                "items": [
                    {
                        "id": "1",
                        "title": hostile("JsonTitle"),
                        "url": "https://example.org/1\u001b]8;;http://evil.example/pwned\u0007",
                        "tags": [short],
                        "authors": [{"name": hostile("JsonAuthor")}],
                        "content_html": "<p>&#x1b;]52;c;cHduZWQtY2xpcA==&#7; entity &#27;c "
                        "&#x9b;31m &rlm;&zwj; [bold red]</p>"
                        f"<p>{escape(hostile('JsonBody'))}</p>"
                        '<figure><img src="https://example.org/i.jpg">'
                        "<figcaption>Cap &#x1b;P+q544e&#x1b;\\ &#x202e; "
                        '<span class="credit">Cred &#27;]0;pwned-window-title&#7;</span>'
                        "</figcaption></figure>",
                    }
                ],
            },
            ensure_ascii=True,
        ),
        encoding="utf-8",
    )
    refs = "".join(f"&#x{ord(c):x};" if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F else escape(c)
                   for c in hostile("RssTitle"))  # fmt: skip
    rss = folder / "feed.xml"
    rss.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Chan &#27;]0;pwned-window-title&#7;</title><item><title>{refs}</title>"
        "<category>Cat&#x1b;[31m&#x202e;</category>"
        f"<description>{escape(RSS_BODY)}"
        "</description></item></channel></rss>",
        encoding="utf-8",
    )
    bad = folder / "bad\x1b]52;c;cHduZWQtY2xpcA==\x07\x1bc\u202e[bold].xml"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    return {"text": text, "json": feed, "rss": rss, "bad": bad}


def test_cat_writes_no_escape_from_its_inputs(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    argv = [sys.executable, "-m", "newsterm", "cat", *map(str, inputs.values())]
    raw, code = run_in_pty(argv, tmp_path / "home")
    assert code == 1, raw[-2000:]  # the bad file costs one line and the exit status
    assert b"\x1b[" in raw  # it did style its own output: this is a terminal
    assert_only_own_escapes(raw)
    for markup in MARKUP:
        assert markup.encode() in raw, markup
    for label in (b"Title", b"Caption", b"Credit", b"Related", b"JsonTitle", b"RssTitle"):
        assert label in raw
    assert raw.count(b"binary data, not text") == 1
    assert b"[bold].xml: binary data" in raw


def test_reader_app_writes_no_escape_from_its_inputs(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "in")
    argv = [sys.executable, "-m", "newsterm", str(inputs["text"]), str(inputs["json"]),
            str(inputs["rss"]), str(inputs["bad"])]  # fmt: skip
    raw, code = run_in_pty(argv, tmp_path / "home", quit_after_paint=b"Paragraph")
    assert code == 0, raw[-3000:]
    assert b"\x1b[?1049h" in raw  # the app drew on the alternate screen: a real run
    assert_only_own_escapes(raw)
    assert b"[/]" in raw and b"[bold red]" in raw
    assert b"[link=file:///etc/passwd]x[/link]" in raw
    assert b"[@click=app.quit]y" in raw
