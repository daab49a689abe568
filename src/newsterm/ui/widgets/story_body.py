"""The story text in the reader: wrapped once per width, painted a line at a time.

A `Static` holding a long story lays it out to measure its height, then renders
every line again whenever any part of it is repainted. This keeps the wrapped
lines for the current width and look, so opening a 5,000-word story wraps it
once, and a paint or a scroll costs only the lines on screen.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget


class StoryBody(Widget):
    """Rich renderables (built from plain strings, never markup) shown as one block of text."""

    def __init__(self, *parts: RenderableType, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: tuple[RenderableType, ...] = parts
        self._look: tuple[int, Style] | None = None
        self._lines: list[Strip] = []

    def update(self, *parts: RenderableType) -> None:
        """Show these renderables instead; they are wrapped when next measured or painted."""
        self._parts = parts
        self._look = None
        self._lines = []
        self.refresh(layout=True)

    def _wrapped(self, width: int) -> list[Strip]:
        """The lines at `width` in the current look (a theme changes the base style), kept."""
        style = self.visual_style.rich_style
        if self._look != (width, style):
            self._look = (width, style)
            self._lines = self._render_parts(width, style) if width > 0 else []
        return self._lines

    def _render_parts(self, width: int, style: Style) -> list[Strip]:
        """Render as a `Static` would (same base style and justification), all lines at once."""
        parts = self._parts
        renderable = parts[0] if len(parts) == 1 else Group(*parts)
        console = self.app.console
        options = self.app.console_options.update(highlight=False, width=width, height=None)
        segments = console.render(self.post_render(renderable, style), options)
        lines = Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False)
        return [Strip(line) for line in lines]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._wrapped(width))

    def render_line(self, y: int) -> Strip:
        width = self.content_region.width
        lines = self._wrapped(width)
        if 0 <= y < len(lines):
            return lines[y]
        return Strip.blank(width, self.visual_style.rich_style)
