"""A desktop notification through the terminal (OSC 9, OSC 777, or kitty's OSC 99), for a
watched view's new stories. Terminals that know none of them ignore the sequence.

The text is a view's name and a count, but it is cleaned all the same: a control
character in it would end the sequence and write the rest to the terminal.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from newsterm.core.text.clean import clean_line

LONGEST = 200
_ESC, _BEL, _ST = "\x1b", "\x07", "\x1b\\"


def notice_sequence(title: str, body: str, environ: Mapping[str, str] = os.environ) -> str:
    """The bytes to write for this terminal (inside tmux, passed through to the outer one)."""
    title, body = _safe(title), _safe(body)
    if environ.get("KITTY_WINDOW_ID") or environ.get("TERM") == "xterm-kitty":
        sequence = f"{_ESC}]99;;{body}{_ST}"
    elif environ.get("VTE_VERSION") or environ.get("TERM", "").startswith(("foot", "rxvt")):
        sequence = f"{_ESC}]777;notify;{title};{body}{_BEL}"
    else:  # iTerm2, WezTerm, Ghostty, Windows Terminal, ConEmu
        sequence = f"{_ESC}]9;{title}: {body}{_BEL}"
    if environ.get("TMUX"):  # tmux hands it to the terminal it runs in (allow-passthrough)
        sequence = f"{_ESC}Ptmux;{sequence.replace(_ESC, _ESC + _ESC)}{_ST}"
    return sequence


def _safe(text: str) -> str:
    """One line, no control characters, no `;` (the field separator), not too long."""
    return clean_line(text).replace(";", ",")[:LONGEST]
