"""The desktop notification a watched view sends through the terminal: the sequence each
kind of terminal reads, and text that can never end it early."""

from __future__ import annotations

import pytest

from newsterm.ui.desktop_notice import notice_sequence

HOSTILE = "Sport\x07\x1b]52;c;ZXZpbA==\x07; rm -rf\n\u202eevil"


@pytest.mark.parametrize(
    ("environ", "start", "end"),
    [
        ({"TERM_PROGRAM": "WezTerm"}, "\x1b]9;", "\x07"),
        ({"VTE_VERSION": "7600"}, "\x1b]777;notify;newsterm;", "\x07"),
        ({"TERM": "foot"}, "\x1b]777;notify;newsterm;", "\x07"),
        ({"TERM": "xterm-kitty"}, "\x1b]99;;", "\x1b\\"),
        ({"TMUX": "/tmp/tmux-0/default,1,0"}, "\x1bPtmux;\x1b\x1b]9;", "\x07\x1b\\"),
    ],
)
def test_each_terminal_gets_its_own_sequence_and_nothing_escapes_it(
    environ: dict[str, str], start: str, end: str
) -> None:
    sequence = notice_sequence("newsterm", f"2 new stories in {HOSTILE}", environ)
    assert sequence.startswith(start) and sequence.endswith(end)
    inner = sequence[len(start) : -len(end)]
    assert not any(ord(c) < 32 or c in "\x7f\u202e" for c in inner), repr(inner)
    assert ";" not in inner.split("2 new stories")[-1]  # no field separator smuggled in
    assert "2 new stories in Sport" in inner
