"""The layers hold: the engine is a library (importing it never loads Textual), and the
import contracts in pyproject.toml are kept."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


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


def test_the_import_contracts_hold() -> None:
    """pyproject.toml's contracts: the engine never imports a front end, parsing never
    touches the network or the library, matching stories is rules on signatures, the
    front ends never touch the Store, and the engine's parts stand in one order with no
    circle."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "7 kept, 0 broken" in result.stdout


def test_a_broken_contract_is_caught(tmp_path: Path) -> None:
    """The contract check can fail: a UI module importing the Store is reported."""
    tree = tmp_path / "src"
    shutil.copytree(REPO / "src" / "newsterm", tree / "newsterm")
    widget = tree / "newsterm" / "ui" / "widgets" / "section_list.py"
    widget.write_text(widget.read_text() + "\nfrom newsterm.core.library import store\n")
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache", "--config", str(REPO / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tree)},
        check=False,
    )
    assert result.returncode == 1
    assert "newsterm.ui.widgets.section_list -> newsterm.core.library.store" in result.stdout


def test_test_folders_share_helpers_only_through_support() -> None:
    """No test folder imports another's modules: what two folders need is in tests/support."""
    folders = {p.name for p in (REPO / "tests").iterdir() if (p / "__init__.py").is_file()}
    sideways = []
    for path in (REPO / "tests").rglob("*.py"):
        here = path.relative_to(REPO / "tests").parts[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            found = re.match(r"\s*from tests\.(\w+)", line)
            if found and found[1] in folders - {"support", here}:
                sideways.append(f"{path.relative_to(REPO)}: {line.strip()}")
    assert sideways == []
