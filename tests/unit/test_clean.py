"""clean.py against hostile strings: nothing that can drive a terminal survives."""

from __future__ import annotations

import re

import pytest

from newsterm.core.text.clean import clean_code, clean_line, clean_text, clean_url, normalise_title

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f\ufeff]")


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        ("Hello \x1b[31mred\x1b[0m world", "Hello red world"),
        ("Title\x1b]52;c;ZXZpbA==\x07 end", "Title end"),  # OSC 52 clipboard write
        ("Title\x1b]0;pwned\x1b\\ end", "Title end"),  # OSC 0 with ST
        ("A\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\B", "AlinkB"),  # OSC 8 hyperlink
        ("reset\x1bc here", "reset here"),  # ESC c (full reset)
        ("C1 \x9b31m csi", "C1 csi"),  # 8-bit CSI
        ("nul\x00 and del\x7f", "nul and del"),
        ("bidi \u202eevil\u202c text", "bidi evil text"),
        ("isolate \u2066x\u2069 y", "isolate x y"),
        ("zero\u200bwidth\ufeff", "zerowidth"),
        ("tags\U000e0041\U000e0042 gone", "tags gone"),
        ("lone \ud800 surrogate", "lone surrogate"),
    ],
)
def test_clean_line_removes_escapes_and_invisibles(hostile: str, expected: str) -> None:
    assert clean_line(hostile) == expected


@pytest.mark.parametrize(
    "markup", ["[/]", "[bold]x", "[link=file:///etc/passwd]y[/link]", "[@click=app.quit]z"]
)
def test_markup_is_kept_as_plain_text(markup: str) -> None:
    """Cleaning never interprets brackets: the views show them literally."""
    assert clean_line(markup) == markup


def test_line_separators_become_newlines_in_running_text() -> None:
    assert clean_text("one\u2028two\u2029three\r\nfour") == "one\ntwo\nthree\nfour"
    assert clean_line("one\u2028two") == "one two"


def test_combining_mark_runs_are_capped() -> None:
    zalgo = "Z" + "\u0301" * 200 + "ok"
    assert len(clean_line(zalgo)) < 10


def test_whitespace_is_normalised() -> None:
    assert clean_line("  a \t b\n\n c\u00a0d  ") == "a b c d"
    assert clean_text("para  one\n\n\n\npara two") == "para one\n\npara two"


def test_code_keeps_indentation_but_not_escapes() -> None:
    assert clean_code("def f():\n\tx = 1\x1b[2J\n") == "def f():\n    x = 1"


def test_urls_lose_whitespace_and_controls() -> None:
    assert clean_url(" https://example.org/a b\x1b[0m ") == "https://example.org/ab"
    assert clean_url("\x00\x1b") is None


def test_nothing_unsafe_survives_random_soup() -> None:
    soup = "".join(chr(c) for c in range(0, 0x250)) + "\u202e\u2066\u200b\ufeff\x1b[1m"
    for cleaner in (clean_line, clean_text, clean_code):
        assert not UNSAFE.search(cleaner(soup))


def test_normalise_title_ignores_case_punctuation_and_spacing() -> None:
    assert normalise_title("The United States, Russia to Hold  Talks!") == normalise_title(
        "the united states russia to hold talks"
    )
    assert normalise_title("Café") == normalise_title("cafe")
