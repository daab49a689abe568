"""Shared test fixtures: where the real-world inputs live, and an isolated home."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _find_shared() -> Path:
    """The shared inputs (seed, corpus) beside the repository, wherever it was cloned."""
    if os.environ.get("NEWSTERM_SHARED"):
        return Path(os.environ["NEWSTERM_SHARED"])
    for folder in [REPO, *REPO.parents]:
        if (folder / "shared" / "corpus" / "MANIFEST.tsv").is_file():
            return folder / "shared"
    return Path("/work/shared")


SHARED = _find_shared()
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
