"""Focus is visible in every theme: an unfocused list's cursor row still stands out from
the rows around it, and it is not the focused list's bright bar. Checked in every light
theme and both ANSI themes (the dark ones give the blurred cursor the same share of the
focused one's contrast as the light ones do), and in the default dark one."""

from __future__ import annotations

from rich.style import Style
from textual.geometry import Region
from textual.theme import BUILTIN_THEMES

from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from tests.support.screen import main_screen, make_app

CHECKED = ["textual-dark", *(n for n, t in BUILTIN_THEMES.items() if not t.dark), "ansi-dark"]


def row_style(headlines: HeadlineList, row: int) -> tuple[object, ...]:
    """What sets a row apart to the eye, read at its blank end: background, underline,
    reverse (a bold or dimmer title alone does not show where a cursor is)."""
    y = row - int(headlines.scroll_offset.y)
    [strip] = headlines.render_lines(Region(0, y, headlines.region.width, 1))  # as painted
    style = list(strip)[-2].style or Style()  # the last cell before the pane's border
    return (style.bgcolor, bool(style.underline), bool(style.reverse))


async def test_the_cursor_of_an_unfocused_list_is_dimmed_not_gone_in_every_theme() -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = main_screen(app)
        headlines = screen.query_one(HeadlineList)
        for name in CHECKED:
            app.theme = name
            headlines.focus()
            await pilot.pause()
            focused = row_style(headlines, headlines.cursor)
            screen.query_one(ArticleView).focus()
            await pilot.pause()
            blurred = row_style(headlines, headlines.cursor)
            other = row_style(headlines, headlines.cursor + 1)
            assert blurred != other, name  # the row it is on can be seen
            assert blurred != focused, name  # and it is not a second bright bar
