"""A picture keeps its rows from the moment its story opens: nothing below it jumps."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.segment import Segment

from newsterm.core.images.decode import Picture
from newsterm.picture_cells import PictureSpot, picture_rows


def _lines(spot: PictureSpot, width: int) -> list[list[Segment]]:
    console = Console(width=width, file=io.StringIO(), color_system="truecolor")
    return list(Segment.split_lines(console.render(spot, console.options.update(width=width))))


@pytest.mark.parametrize("width", [1, 3, 40, 157])
@pytest.mark.parametrize("size", [(1, 1), (300, 20), (20, 300), (240, 36)])
def test_loading_and_shown_take_the_same_rows(width: int, size: tuple[int, int]) -> None:
    spot = PictureSpot()
    waiting = _lines(spot, width)
    spot.show(Picture(size[0], size[1], bytes([90, 120, 200, 255]) * (size[0] * size[1])))
    shown = _lines(spot, width)
    assert len(waiting) == len(shown) == picture_rows(width)
    assert all(Segment.get_line_length(line) == width for line in shown)
    assert any("▀" in segment.text for line in shown for segment in line)


def test_a_failed_picture_keeps_its_rows_while_open_and_is_one_line_after() -> None:
    reason = "picture not shown: HTTP 404 Not Found"
    spot = PictureSpot()
    spot.fail(reason, keeps_room=True)  # it failed while the story was being read
    lines = _lines(spot, 60)
    assert len(lines) == picture_rows(60)
    assert any(reason in "".join(s.text for s in line) for line in lines)
    spot.fail(reason, keeps_room=False)  # known when the story opens again
    [line] = _lines(spot, 60)
    assert "".join(segment.text for segment in line) == reason


def test_a_flat_colour_is_one_segment_a_row() -> None:
    """Equal neighbouring cells are painted, and sent to the terminal, as one run."""
    spot = PictureSpot()
    spot.show(Picture(100, 30, bytes([50, 60, 70, 255]) * 3000))
    drawn = [[s for s in line if s.text.strip()] for line in _lines(spot, 116)]
    assert [len(line) for line in drawn if line] == [1] * 15
