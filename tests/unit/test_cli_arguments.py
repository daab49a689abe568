"""Bad arguments are usage errors: argparse's usage line and status 2, never a quiet success."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED
from tests.support.benchkit import newsterm


@pytest.mark.parametrize("width", ["0", "-5"])
def test_cat_width_that_is_not_positive_is_a_usage_error(isolated_home: Path, width: str) -> None:
    done = newsterm(isolated_home, "cat", str(SEED), f"--width={width}")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("usage: newsterm cat")
    assert "--width" in done.stderr.splitlines()[-1]


def test_search_limit_zero_is_a_usage_error_not_no_matches(isolated_home: Path) -> None:
    done = newsterm(isolated_home, "search", "harbour", "--limit", "0")
    assert done.returncode == 2
    assert done.stderr.startswith("usage: newsterm search")
    assert "--limit" in done.stderr and "no stories match" not in done.stderr


def test_an_unknown_command_is_not_taken_for_a_file(isolated_home: Path, tmp_path: Path) -> None:
    done = newsterm(isolated_home, "refersh", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.startswith("usage: newsterm")
    last = done.stderr.splitlines()[-1]
    assert "refersh" in last and "no such command or file" in last
    assert "No such file or directory" not in done.stderr
