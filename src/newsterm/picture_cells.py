"""A story's picture drawn in text cells: two pixels a cell, one above the other ("▀").

Half-block cells work in every terminal, under tmux and in a browser, and they are
plain Rich segments, so the reader paints them like any other line. The picture keeps
a fixed number of rows for a width (`picture_rows`) whether it has arrived yet, is
being fetched or could not be shown in the end: text below it never jumps as it loads.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

from newsterm.core.images.decode import Picture

__all__ = ["DECODE_HEIGHT", "DECODE_WIDTH", "PictureCells", "PicturePlace", "picture_rows"]

# Decoded once at this size; drawn smaller to fit the reader's width.
DECODE_WIDTH = 240
DECODE_HEIGHT = 2 * 18
_MIN_ROWS, _MAX_ROWS = 4, 18


def picture_rows(width: int) -> int:
    """The rows a picture takes at `width` columns: about a third of the width, bounded."""
    return max(_MIN_ROWS, min(_MAX_ROWS, width // 3))


class PictureCells:
    """The picture, scaled to fit the width and its rows, centred; transparent is blank."""

    def __init__(self, picture: Picture) -> None:
        self.picture = picture

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        rows = picture_rows(width)
        source = self.picture
        scale = min(width / source.width, 2 * rows / source.height, 1.0)
        cols = max(1, round(source.width * scale))
        pixel_rows = max(1, round(source.height * scale))
        left = (width - cols) // 2
        drawn = (pixel_rows + 1) // 2
        top = (rows - drawn) // 2
        for row in range(rows):
            if not top <= row < top + drawn:
                yield Segment(" " * width)
                yield Segment.line()
                continue
            y = 2 * (row - top)
            yield Segment(" " * left)
            for col in range(cols):
                x = min(source.width - 1, int(col / scale))
                upper = source.pixel(x, min(source.height - 1, int(y / scale)))
                lower = (
                    source.pixel(x, min(source.height - 1, int((y + 1) / scale)))
                    if y + 1 < pixel_rows
                    else None
                )
                yield _cell(upper, lower)
            yield Segment(" " * (width - left - cols))
            yield Segment.line()


def _cell(upper: tuple[int, int, int, int], lower: tuple[int, int, int, int] | None) -> Segment:
    """ "▀" in the upper pixel's colour over the lower's; see-through pixels show nothing."""
    top = _colour(upper)
    bottom = _colour(lower) if lower is not None else None
    if top is None and bottom is None:
        return Segment(" ")
    if top is None:
        return Segment("▄", Style(color=bottom))
    return Segment("▀", Style(color=top, bgcolor=bottom))


def _colour(pixel: tuple[int, int, int, int]) -> str | None:
    r, g, b, a = pixel
    return None if a < 128 else f"#{r:02x}{g:02x}{b:02x}"


class PicturePlace:
    """Where a picture goes while it is fetched, or why it is not shown: the same rows
    when it is on its way, one line when it will not come."""

    def __init__(self, note: str, *, keeps_room: bool) -> None:
        self.note = note
        self.keeps_room = keeps_room

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        rows = picture_rows(width) if self.keeps_room else 1
        for row in range(rows):
            text = self.note[:width] if row == rows // 2 or rows == 1 else ""
            yield Segment(text.center(width) if self.keeps_room else text, Style(dim=True))
            yield Segment.line()
