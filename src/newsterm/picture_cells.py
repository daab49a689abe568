"""A story's picture drawn in text cells: two pixels a cell, one above the other ("▀").

Half-block cells work in every terminal, under tmux and in a browser, and they are
plain Rich segments, so the reader paints them like any other line. The picture keeps
a fixed number of rows for a width (`picture_rows`) whether it has arrived yet, is
being fetched or could not be shown in the end: text below it never jumps as it loads.
A picture known to fail when its story opens is one line instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.color import Color
from rich.console import Console, ConsoleOptions
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style

from newsterm.core.images.decode import Picture

__all__ = ["DECODE_HEIGHT", "DECODE_WIDTH", "LOADING", "PictureSpot", "picture_rows"]

# Decoded once at this size; drawn smaller to fit the reader's width.
DECODE_WIDTH = 240
DECODE_HEIGHT = 2 * 18
_MIN_ROWS, _MAX_ROWS = 4, 18
LOADING = "loading the picture…"


def picture_rows(width: int) -> int:
    """The rows a picture takes at `width` columns: about a third of the width, bounded."""
    return max(_MIN_ROWS, min(_MAX_ROWS, width // 3))


class PictureSpot:
    """A figure's picture in the reader: its rows kept while it is fetched, then the
    picture (scaled to fit the width, centred, transparent pixels blank), or one line
    saying why it is not shown. Filled in where it stands, so the text does not move."""

    def __init__(self, url: str = "") -> None:
        self.url = url
        self.picture: Picture | None = None
        self.note = LOADING
        self.failed = False
        self.keeps_room = True
        """A picture that failed while its story was open keeps its rows until it is
        opened again (the text being read does not move); then it is one line."""
        self.requested = False
        """Its loading has begun (its place came on screen)."""
        self._drawn: dict[int, list[Segment]] = {}  # by width: a picture is drawn once

    @property
    def waiting(self) -> bool:
        return self.picture is None and not self.failed

    def show(self, picture: Picture) -> None:
        self.picture, self.failed, self._drawn = picture, False, {}

    def fail(self, reason: str, *, keeps_room: bool) -> None:
        self.picture, self.note, self.failed, self.keeps_room = None, reason, True, keeps_room

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        if width < 1:
            return
        if self.picture is None:
            yield from _note(self.note, width, rows=picture_rows(width) if self.keeps_room else 1)
            return
        drawn = self._drawn.get(width)
        if drawn is None:
            drawn = self._drawn[width] = list(_cells(self.picture, width))
        yield from drawn


def _note(note: str, width: int, *, rows: int) -> Iterator[Segment]:
    dim = Style(dim=True)
    for row in range(rows):
        text = note[:width] if row == rows // 2 else ""
        yield Segment(text.center(width) if rows > 1 else text, dim)
        yield Segment.line()


def _cells(source: Picture, width: int) -> Iterator[Segment]:
    """The picture as `picture_rows(width)` lines of "▀" cells, two pixels each."""
    rows = picture_rows(width)
    scale = min(width / source.width, 2 * rows / source.height, 1.0)
    cols = max(1, round(source.width * scale))
    pixel_rows = max(1, round(source.height * scale))
    left = (width - cols) // 2
    drawn = (pixel_rows + 1) // 2
    top = (rows - drawn) // 2
    xs = [min(source.width - 1, int(col / scale)) for col in range(cols)]
    styles: dict[tuple[tuple[int, int, int, int], tuple[int, int, int, int] | None], Segment] = {}
    for row in range(rows):
        if not top <= row < top + drawn:
            yield Segment(" " * width)
            yield Segment.line()
            continue
        y = 2 * (row - top)
        upper_y = min(source.height - 1, int(y / scale))
        lower_y = min(source.height - 1, int((y + 1) / scale)) if y + 1 < pixel_rows else None
        yield Segment(" " * left)
        run, count = None, 0  # neighbours of one colour pair go out as one segment
        for x in xs:
            pair = (
                source.pixel(x, upper_y),
                source.pixel(x, lower_y) if lower_y is not None else None,
            )
            cell = styles.get(pair)
            if cell is None:
                cell = styles[pair] = _cell(*pair)
            if cell is run:
                count += 1
                continue
            if run is not None:
                yield Segment(run.text * count, run.style)
            run, count = cell, 1
        if run is not None:
            yield Segment(run.text * count, run.style)
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


def _colour(pixel: tuple[int, int, int, int]) -> Color | None:
    r, g, b, a = pixel
    return None if a < 128 else Color.from_rgb(r, g, b)
