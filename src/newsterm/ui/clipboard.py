"""Copying a link (`y`) through the terminal (OSC 52, Textual's clipboard), and saying so
where the terminal is known not to take it: the link is then shown whole, to copy by
hand. A terminal cannot be asked whether it took a copy, so elsewhere "Copied" means the
copy was sent."""

from __future__ import annotations

import os
from collections.abc import Mapping


def refusing_terminal(environ: Mapping[str, str] = os.environ) -> str | None:
    """The terminal's name when it is known to ignore OSC 52 copies; None when it may work.

    Terminals cannot be asked whether they took a copy: these are the ones known not to
    (Apple's Terminal; GNOME Terminal, Tilix and the other VTE terminals; the Linux console).
    """
    if environ.get("TERM_PROGRAM") == "Apple_Terminal":
        return "Apple Terminal"
    if environ.get("VTE_VERSION"):
        return "this VTE terminal (GNOME Terminal, Tilix …)"
    if environ.get("TERM") == "linux":
        return "the Linux console"
    return None
