"""How subcommands write: Rich text to a terminal, plain lines to a pipe, errors on stderr."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def console(width: int | None = None) -> Console:
    """Never parses markup or emoji codes: the text printed comes from strangers.

    Rich loads here, not on import: JSON output and error lines never need it.
    """
    from rich.console import Console

    return Console(width=width, highlight=False, emoji=False, markup=False)


def write(out: Console, draw: Callable[[Console], None]) -> None:
    """Draw into `out`; in a pipe, drop the colour and the padding Rich adds to each line."""
    with out.capture() as captured:
        draw(out)
    text = captured.get()
    if not out.is_terminal:
        text = "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
    sys.stdout.write(text)


def error(message: str) -> None:
    print(f"newsterm: {message}", file=sys.stderr)
