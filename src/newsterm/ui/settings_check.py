"""The setting only the reader can check: the binding ids of `[keymap]`.

A misspelt id would otherwise leave its key as it was, without a word.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from textual.binding import Binding, BindingType

from newsterm.config import Config
from newsterm.config_check import shown


def keymap_warnings(config: Config, bindings: Iterable[BindingType]) -> list[str]:
    """One line for each `[keymap]` id that no key binding has, with the nearest one."""
    ids = sorted({b.id for b in bindings if isinstance(b, Binding) and b.id})
    lines = []
    for binding in config.keymap:
        if binding not in ids:
            near = difflib.get_close_matches(binding, ids, n=1)
            hint = f" (did you mean {shown(near[0])}?)" if near else ""
            lines.append(
                f"{config.paths.config_file}: keymap: no key binding is called "
                f"{shown(binding)}{hint}; ignored"
            )
    return lines
