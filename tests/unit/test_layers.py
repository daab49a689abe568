"""The engine is a library: importing it never loads Textual."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_render_do_not_import_textual() -> None:
    code = (
        "import sys, newsterm.core.sources, newsterm.core.model, newsterm.core.text.clean, "
        "newsterm.render, newsterm.cli\n"
        "import pkgutil, importlib, newsterm.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'newsterm.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print('textual' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
