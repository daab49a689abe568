"""The story text in the reader: measured once per width, painted a block at a time.

A `Static` holding a long story renders all of it to measure its height, then
renders every line again whenever any part of it is repainted. Here each block
is measured for the current width and look (a paragraph only by wrapping its
words, which is half the work of rendering it) and rendered only when one of its
lines comes on screen; rendered blocks are kept until the width or look changes.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from itertools import accumulate

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import DEFAULT_JUSTIFY, DEFAULT_OVERFLOW, Text
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class StoryBody(Widget):
    """Rich renderables (built from plain strings, never markup), one under another."""

    def __init__(self, *parts: RenderableType, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: tuple[RenderableType, ...] = parts
        self._look: tuple[int, Style] | None = None
        self._starts: list[int] = [0]  # the first line of each part, then the total
        self._blocks: dict[int, list[Strip]] = {}  # the lines of each part rendered so far
        self._shown: set[int] = set()  # the parts painted on screen since the last update
        self.on_shown: Callable[[RenderableType], None] | None = None
        """Told of each part the first time a line of it is painted (pictures load then)."""

    def update(self, *parts: RenderableType) -> None:
        """Show these renderables instead; they are measured when next laid out."""
        self._parts = parts
        self._look = None
        self._blocks = {}
        self._shown = set()
        self.refresh(layout=True)

    def repaint(self, changed: Iterable[object]) -> None:
        """These renderables (inside parts) changed their look but not their height (a
        picture arrived): the parts holding them are rendered again, nothing is measured."""
        wanted = {id(r) for r in changed}
        for index, part in enumerate(self._parts):
            if wanted & {id(r) for r in inside(part)}:
                self._blocks.pop(index, None)
        self.refresh()

    def _measure(self, width: int) -> int:
        """Lines at `width` in the current look (a theme changes the base style)."""
        style = self.visual_style.rich_style
        if self._look != (width, style):
            self._look = (width, style)
            self._blocks = {}
            heights = (self._height(index, width) for index in range(len(self._parts)))
            self._starts = list(accumulate(heights, initial=0)) if width > 0 else [0]
        return self._starts[-1]

    def _height(self, index: int, width: int) -> int:
        """A padded paragraph is counted by wrapping its words; anything else is rendered."""
        part = self._parts[index]
        if len(self._parts) > 1 and isinstance(part, Padding) and isinstance(part.renderable, Text):
            inner = width - part.left - part.right
            if inner > 0:
                return part.top + part.bottom + len(_wrap(part.renderable, self, inner))
        return len(self._block(index))

    def _block(self, index: int) -> list[Strip]:
        """One part's lines, rendered as a `Static` would render them in the whole story."""
        if (lines := self._blocks.get(index)) is None:
            assert self._look is not None
            width, style = self._look
            part = self._parts[index]
            # A lone Text is justified like a Static's; inside a Group it never was.
            renderable = part if len(self._parts) == 1 else Group(part)
            console = self.app.console
            options = self.app.console_options.update(highlight=False, width=width, height=None)
            segments = console.render(self.post_render(renderable, style), options)
            lines = [
                Strip(line)
                for line in Segment.split_and_crop_lines(
                    segments, width, include_new_lines=False, pad=False
                )
            ]
            self._blocks[index] = lines
        return lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._measure(width)

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        if 0 <= y < self._measure(width):
            index = bisect_right(self._starts, y) - 1
            if index not in self._shown:
                self._shown.add(index)
                if self.on_shown is not None:
                    self.call_later(self.on_shown, self._parts[index])
            lines = self._block(index)
            offset = y - self._starts[index]
            if offset < len(lines):
                return lines[offset]
        return Strip.blank(width, self.visual_style.rich_style)


def inside(part: object) -> Iterator[object]:
    """The renderables a part is made of (through Padding, Panel, Group), itself first."""
    stack = [part]
    while stack:
        renderable = stack.pop()
        yield renderable
        inner = getattr(renderable, "renderable", None)
        if inner is not None:
            stack.append(inner)
        stack.extend(getattr(renderable, "renderables", ()))


def _wrap(text: Text, widget: Widget, width: int) -> list[Text]:
    """Wrap as `Text` does when rendered at `width` (same justify, overflow, tab size)."""
    console, options = widget.app.console, widget.app.console_options
    tab_size = console.tab_size if text.tab_size is None else text.tab_size
    return list(
        text.wrap(
            console,
            width,
            justify=text.justify or options.justify or DEFAULT_JUSTIFY,
            overflow=text.overflow or options.overflow or DEFAULT_OVERFLOW,
            tab_size=tab_size or 8,
            no_wrap=bool(text.no_wrap if text.no_wrap is not None else options.no_wrap),
        )
    )
