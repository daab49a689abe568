"""Shared test fixtures: where the real-world inputs live, and an isolated home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSTERM_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "000_fa3fef0f809868c0.txt"
CORPUS = SHARED / "corpus"
SAMPLES = REPO / "src" / "newsterm" / "samples"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty NEWSTERM_HOME, so nothing touches a real library."""
    home = tmp_path / "home"
    monkeypatch.setenv("NEWSTERM_HOME", str(home))
    monkeypatch.setenv("TZ", "UTC")
    return home
