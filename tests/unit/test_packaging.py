"""A plain (non-editable) install must carry the stylesheet and the demo library."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_wheel_ships_styles_and_samples(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=REPO,
        check=True,
        capture_output=True,
        timeout=120,
    )
    [wheel] = tmp_path.glob("newsterm-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "newsterm/styles/newsterm.tcss" in names
    assert "newsterm/py.typed" in names
    samples = [n for n in names if n.startswith("newsterm/samples/") and n.endswith(".txt")]
    assert len(samples) >= 9
    assert any(n.endswith(".xml") for n in names if n.startswith("newsterm/samples/"))
    pictures = [n for n in names if n.startswith("newsterm/samples/images/")]
    assert len(pictures) >= 5, "the demo's pictures ship, so it shows them offline"
