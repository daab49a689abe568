"""A text file needs a headline and a body to be a story: one short line is refused, clearly."""

from __future__ import annotations

from pathlib import Path

from tests.support.benchkit import newsterm


def test_a_file_of_one_short_line_is_not_a_story(isolated_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Remember to buy milk\n", encoding="utf-8")
    done = newsterm(isolated_home, "cat", str(path), "--json")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        f"newsterm: {path}: a headline and no story under it: a text article needs both"
    ]


def test_a_folder_reports_the_one_line_file_and_reads_the_story(
    isolated_home: Path, tmp_path: Path
) -> None:
    (tmp_path / "note.txt").write_text("Remember to buy milk\n", encoding="utf-8")
    (tmp_path / "story.txt").write_text(
        "Harbour Ferry Plan Approved\n\nCouncillors voted by twelve to eleven on Tuesday.\n",
        encoding="utf-8",
    )
    done = newsterm(isolated_home, "cat", str(tmp_path))
    assert done.returncode == 1  # one of the two could not be read
    assert "Harbour Ferry Plan Approved" in done.stdout
    assert "Remember to buy milk" not in done.stdout
    assert len(done.stderr.splitlines()) == 1 and "note.txt" in done.stderr
