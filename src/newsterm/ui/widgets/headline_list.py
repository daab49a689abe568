"""The headline pane: a virtualised list that renders only the rows on screen.

Each row is built from plain strings into a `Text` when it is painted, so a
list of 100,000 stories costs no more per keypress than a list of ten, and no
title is ever parsed as markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from math import ceil

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip

from newsterm.core.library.window import HeadlineWindow
from newsterm.core.model import Headline
from newsterm.core.text.fallback_title import UNTITLED

READ_MARK, UNREAD_MARK, STAR_MARK = " ", "●", "★"
MARKS_WIDTH = 3
"""The columns a row's marks take: unread, starred, a space."""
_MAX_SOURCE = 16
_MIN_TITLE = 36


def _thumb(bar: ScrollBar, position: float) -> list[Segment]:
    """The cells of a vertical scrollbar at `position`, as Textual would draw them."""
    window = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    return ScrollBarRender.render_bar(
        size=bar.size.height,
        virtual_size=ceil(bar.window_virtual_size),
        window_size=ceil(window),
        position=bar.validate_position(position),
        thickness=bar.thickness,
    ).segments


def row_marks(*, read: bool, starred: bool) -> str:
    """A row's marks, each in its own column: unread, then starred (a starred story that
    is still unread shows both)."""
    return f"{READ_MARK if read else UNREAD_MARK}{STAR_MARK if starred else ' '} "


def age(when: datetime | None, now: datetime) -> str:
    """How old a story is: `now`, `5m`, `3h`, `2d`, `Nov 3`, and before this year `Nov 3 2025`
    (a year alone would not say which story of that year is older)."""
    if when is None:
        return ""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)}d"
    return when.strftime("%b %-d") if when.year == now.year else when.strftime("%b %-d %Y")


class HeadlineList(ScrollView, can_focus=True):
    """Titles with source, age and read/starred marks; `enter` or a click opens one."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Open story", show=False),
    ]

    COMPONENT_CLASSES = {
        "headline-list--cursor",
        "headline-list--unread",
        "headline-list--read",
        "headline-list--meta",
        "headline-list--current",
    }

    # No automatic repaint: `watch_cursor` repaints the two rows that changed, not the pane.
    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """Index of the highlighted row."""

    @dataclass
    class StorySelected(Message):
        """A person chose a story to read (enter or click)."""

        story_id: str

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.stories: Sequence[Headline] = ()
        self.current_id: str | None = None
        self.now = datetime.now(UTC)  # ages are measured from here; the screen sets it
        self._styles: dict[str, Style] = {}
        # Finished lines (content, border, filters) by what they show, not where: scrolling
        # by one row paints one new row and reuses the rest.
        self._rows: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._page: tuple[object, ...] = ()
        self._top = 0
        self._position: Callable[[str], int | None] = lambda _: None
        self.row_lines = 1
        """Lines a headline takes: 1 (title, source, age), or 2 (title, then source · age)."""

    def show(
        self,
        stories: HeadlineWindow,
        *,
        now: datetime,
        keep: str | None = None,
    ) -> None:
        """Replace the rows; keep the cursor on `keep` when it is still listed."""
        self.stories = stories
        self._position = stories.position
        self.now = now
        self._rows.clear()
        self.virtual_size = Size(self.size.width, len(stories) * self.row_lines)
        kept = stories.position(keep) if keep else None
        self.cursor = kept or 0
        self.refresh()

    def listed(self, story_id: str) -> Headline | None:
        """The story as its row shows it, when its page is at hand (no query)."""
        return self.stories.listed(story_id) if isinstance(self.stories, HeadlineWindow) else None

    def mark(self, story_id: str, *, read: bool | None = None, starred: bool | None = None) -> None:
        """One story's marks changed: its row is painted again, the others are kept."""
        if isinstance(self.stories, HeadlineWindow):
            self.stories.mark(story_id, read=read, starred=starred)
        self.refresh()  # rows are cached by their marks: only the changed one is painted

    @property
    def highlighted(self) -> Headline | None:
        return self.stories[self.cursor] if 0 <= self.cursor < len(self.stories) else None

    def row_of(self, story_id: str) -> int | None:
        return self._position(story_id)

    def nearest_unread(self, row: int, step: int) -> int | None:
        """The row of the first unread story past `row` going `step` (+1 down, -1 up)."""
        if isinstance(self.stories, HeadlineWindow):
            return self.stories.nearest_unread(row, step)
        end = len(self.stories) if step > 0 else -1
        return next((i for i in range(row + step, end, step) if not self.stories[i].read), None)

    def move_to(self, story_id: str) -> bool:
        """Put the cursor on a story if it is listed (keeps the pane in step with the reader)."""
        row = self._position(story_id)
        if row is None:
            return False
        self.cursor = row
        return True

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.stories) - 1)) if self.stories else 0

    def set_row_lines(self, lines: int) -> None:
        """One line a headline, or two (title, then source · age): the rows are laid out
        again, the cursor kept."""
        if lines != self.row_lines:
            self.row_lines = lines
            self._rows.clear()
            self.virtual_size = Size(self.size.width, len(self.stories) * lines)
            self.scroll_to_region_of(self.cursor)
            self.refresh()

    def watch_cursor(self, old: int, new: int) -> None:
        top = int(self.scroll_offset.y)
        self.scroll_to_region_of(new)
        if int(self.scroll_offset.y) != top:
            self.refresh()
            return
        width, lines = self.scrollable_content_region.width, self.row_lines
        for row in (old, new):  # only the two rows that changed are painted again
            self.refresh(Region(0, row * lines - top, width, lines))

    def scroll_to_region_of(self, row: int) -> None:
        """Scroll so that every line of the row is in view (its title first, when the pane
        is shorter than a row)."""
        height = self.scrollable_content_region.height
        if height <= 0:
            return
        top = int(self.scroll_offset.y)
        first = row * self.row_lines
        last = first + min(self.row_lines, height) - 1
        if first < top:
            self.scroll_to(y=first, animate=False)
        elif last >= top + height:
            self.scroll_to(y=last - height + 1, animate=False)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Reuse every finished row still valid; paint only rows not painted in this look.

        Textual caches lines by their position, so a scroll repaints every line; rows
        here are cached by what they show (story, marks, cursor) and the look of the pane.
        """
        if not self._styles:  # looked up once per change of style, not once per paint
            self._styles = {
                name: self._component_style(name)
                for name in ("cursor", "current", "unread", "read", "meta")
            }
            self._styles["base"] = self.rich_style
        page = (
            tuple(self._styles.values()),
            self.region.size,
            self.scrollable_content_region.width,
            self.background_colors,
            tuple(self.get_line_filters()),
        )
        if page != self._page:  # a new theme, focus, size or scrollbar: every row is stale
            self._page = page
            self._rows.clear()
        self._top = top = int(self.scroll_offset.y)
        gutter_top = self.styles.gutter.top
        height = self.scrollable_content_region.height
        width = self.region.width  # the whole line, as Textual paints it: content and border
        lines: list[Strip] = []
        lines_per_row = self.row_lines
        for y in crop.line_range:
            line = top + y - gutter_top
            row, part = divmod(line, lines_per_row)
            key = self._row_key(row) if 0 <= y - gutter_top < height else None
            if key is not None:
                key = (*key, part)
            strip = self._rows.get(key) if key else None
            if strip is None:
                strip = super().render_lines(Region(0, y, width, 1))[0]
                if key:
                    self._rows[key] = strip
            lines.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            lines = [line.crop(x1, x2) for line in lines]
        return lines

    def _component_style(self, name: str) -> Style:
        """A row style as Textual would paint it: a see-through background (the unfocused
        cursor's) blended over the pane, for a Rich style has no alpha and would show it
        as bright as the focused cursor."""
        style = self.get_component_rich_style(f"headline-list--{name}", partial=True)
        background = self.get_component_styles(f"headline-list--{name}").background
        if 0 < background.a < 1:
            style += Style(bgcolor=(self.background_colors[1] + background).rich_color)
        return style

    def notify_style_update(self) -> None:
        """A new theme, focus or class: look the row styles up again on the next paint."""
        super().notify_style_update()
        self._styles = {}

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Repaint the scrollbar only when its thumb moves, not on every row scrolled.

        Over 10,000 rows the thumb moves one eighth of a cell every few dozen rows, and
        repainting the whole bar costs as much as the rows themselves.
        """
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            if _thumb(bar, new_value) == _thumb(bar, bar.position):
                bar.set_reactive(ScrollBar.position, bar.validate_position(new_value))
            else:
                bar.position = new_value
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)

    def _row_key(self, row: int) -> tuple[object, ...] | None:
        if not 0 <= row < len(self.stories):
            return None
        story = self.stories[row]
        kind = "cursor" if row == self.cursor else "current" if story.id == self.current_id else ""
        return (row, story.id, story.read, story.starred, kind)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row, part = divmod(y + self._top, self.row_lines)
        base = self._styles["base"]
        if width <= 0 or not 0 <= row < len(self.stories):
            return Strip.blank(max(width, 0), base)
        story = self.stories[row]
        kind = "cursor" if row == self.cursor else "current" if story.id == self.current_id else ""
        return self._render_row(story, row, width, self._styles.get(kind), part)

    def _render_row(
        self, story: Headline, row: int, width: int, highlight: Style | None, part: int = 0
    ) -> Strip:
        base = self._styles["base"]
        if self.row_lines == 1:
            text = self._row_text(story, width)
        else:
            text = self._title_line(story, width) if part == 0 else self._meta_line(story, width)
        segments = Segment.apply_style(
            text.render(self.app.console), style=base, post_style=highlight
        )
        fill = base + highlight if highlight else base
        strip = Strip(segments, text.cell_len).adjust_cell_length(width, fill)
        return strip.apply_meta({"row": row})

    def _row_text(self, story: Headline, width: int) -> Text:
        """`●★ Title…  Source · 3h`: the title gets the room; source and age give way first."""
        unread = not story.read
        mark = row_marks(read=story.read, starred=story.starred)
        title_style = self._styles["unread" if unread else "read"]
        meta = self._meta(story, width)
        # A story stored without a title (by an older version) still gets a visible row.
        shown = story.title or UNTITLED
        title = Text(shown, style=title_style, no_wrap=True, overflow="ellipsis")
        title.truncate(max(1, width - MARKS_WIDTH - meta.cell_len), overflow="ellipsis", pad=True)
        text = Text(no_wrap=True)
        text.append(mark, style=title_style)
        text.append_text(title)
        text.append_text(meta)
        text.truncate(width, overflow="ellipsis")
        return text

    def _title_line(self, story: Headline, width: int) -> Text:
        """The two-line layout's first line: the marks and the title, all the width."""
        style = self._styles["read" if story.read else "unread"]
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(row_marks(read=story.read, starred=story.starred), style=style)
        text.append(story.title or UNTITLED, style=style)
        text.truncate(width, overflow="ellipsis")
        return text

    def _meta_line(self, story: Headline, width: int) -> Text:
        """The two-line layout's second line, under the title: `+N · source · age`."""
        more = f"+{story.coverage}" if story.coverage else ""
        parts = (more, story.source, age(story.published, self.now))
        text = Text(" " * MARKS_WIDTH + " · ".join(p for p in parts if p), no_wrap=True)
        text.stylize(self._styles["meta"])
        text.truncate(width, overflow="ellipsis")
        return text

    def _meta(self, story: Headline, width: int) -> Text:
        """`+N` (other outlets' stories of its event), source and age, shortened or dropped
        so the title keeps at least _MIN_TITLE columns."""
        when = age(story.published, self.now)
        source = story.source
        if len(source) > _MAX_SOURCE:
            source = source[: _MAX_SOURCE - 1] + "…"
        more = f"+{story.coverage}" if story.coverage else ""
        for parts in ((more, source, when), (more, when), (when,)):
            label = " · ".join(part for part in parts if part)
            if label and width - MARKS_WIDTH - 1 - len(label) >= _MIN_TITLE:
                return Text(f" {label}", style=self._styles["meta"])
        return Text()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.stories) * self.row_lines)
        self.scroll_to_region_of(self.cursor)

    def on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row") if event.style else None
        if row is None:
            return
        self.focus()
        self.cursor = int(row)
        if event.chain >= 1 and (story := self.highlighted):
            self.post_message(self.StorySelected(story.id))

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page_rows()

    def action_page_down(self) -> None:
        self.cursor += self._page_rows()

    def _page_rows(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_lines - 1)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.stories) - 1

    def action_select(self) -> None:
        if story := self.highlighted:
            self.post_message(self.StorySelected(story.id))
