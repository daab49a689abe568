"""SVG snapshots of the reader's screens, compared on every run.

Each test's docstring is the checklist a reviewer verifies against its SVG in
`__snapshots__/test_screens/`. Regenerate with
`pytest tests/snapshots --snapshot-update` and review every changed picture.

"Now" is pinned by the app's clock, the theme is pinned to textual-dark, and the
`isolated_home` fixture (autouse) gives every test an empty NEWSTERM_HOME and
TZ=UTC, so nothing in a picture depends on the day or the machine.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

from newsterm.config import Config
from newsterm.core.library import View
from newsterm.ui.app import NewstermApp
from newsterm.ui.run import choose_library
from newsterm.ui.widgets.article_view import ArticleView
from tests.conftest import CORPUS, SEED
from tests.support.screen import write_second_article

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
THEME = "textual-dark"
WIDE = (140, 40)
NARROW = (70, 24)
READER = (160, 60)  # tall enough for the figure and the related stories

SnapCompare = Callable[..., bool]


def build_app(*sources: Path) -> NewstermApp:
    """The app as `newsterm SOURCE...` builds it, with "now" pinned to NOW."""
    config = Config.load()
    library, open_story = choose_library(list(sources), config)
    return NewstermApp(library, config, open_story=open_story, clock=lambda: NOW)


async def pin_theme(pilot: Pilot[None]) -> None:
    pilot.app.theme = THEME
    await pilot.pause()


def test_main_screen_wide_on_the_demo_library(snap_compare: SnapCompare) -> None:
    """Wide (140x40) first run on the bundled demo library, headline list focused.

    - Left pane, top to bottom: "All 25", "Unread 25", "Today", "Starred", a rule, then
      the sections with unread counts: "Business 2", "City 3" with "Council 1" and
      "Transport 2" indented below it, "Climate 3" with "Coast 1", "Homes 1",
      "Weather 1", ... down to "What's On 1" with "Festivals 1".
    - Middle pane: 25 headlines, each with an unread dot "●", newest first, starting
      "Heat Pump Grants Doubled for Older…", with source and age on the right; a story
      another outlet also reports starts that with a quiet "+1" (the market hall, the
      tram fares, the night ferry, the lantern festival, the harbour bridge, in both
      outlets); the first row carries the focused cursor bar (the theme's block-cursor
      colour).
    - Right pane: the reader's dim hint "Choose a story from the headlines (enter), or
      a section on the left."
    - Status line: "25 stories from the bundled demo library · 25 unread · offline".
    - Footer: "n Next", "p Previous", "⌫ Back" (dimmed: no history yet), "s Star",
      "/ Search", "R Refresh all", "? Help", "q Quit", and "^p palette" on the right.
    """
    assert snap_compare(build_app(), terminal_size=WIDE, run_before=pin_theme)


def test_main_screen_narrow_shows_sections_and_headlines(snap_compare: SnapCompare) -> None:
    """Narrow (70x24) demo library: only two panes, no reader.

    - Left pane (about a third of the width): "All 25", "Unread 25", "Today", "Starred",
      a rule, then sections with counts ("Business 2", "City 3", ...), cut off at the
      bottom with a vertical scrollbar.
    - Right pane: headlines with "●", a shortened title and "source · age" on the right,
      shortened with "…" so the title keeps at least 36 columns; the first row carries
      the cursor bar.
    - No reader hint anywhere.
    - Status line: "25 stories from the bundled demo library · 25 unread · offline".
    - Footer: "n Next", "p Previous", "⌫ Back", "s Star", "/ Search", "R Refresh all", …
      and "^p palette" (at this width the footer may cut the last key short).
    """
    assert snap_compare(build_app(), terminal_size=NARROW, run_before=pin_theme)


def test_main_screen_narrow_after_enter_shows_the_reader_alone(
    snap_compare: SnapCompare,
) -> None:
    """Narrow (70x24), `enter` on the first headline: the reader alone, full width.

    - No section or headline pane: the story fills the width.
    - Header: "Climate › Homes", the title "Heat Pump Grants Doubled for Older Terraced
      Houses", "20 November 2026, 08:15 UTC · 2 min read · demo.newsterm.example".
    - The standfirst "Owners of homes built before 1950 can now claim up to 9,000 ..."
      and the first body paragraphs "The regional authority has doubled the grant ...".
    - A vertical scrollbar on the reader's right side.
    - Status line: the story's title "Heat Pump Grants Doubled for Older Terraced Houses".
    """
    assert snap_compare(build_app(), press=["enter"], terminal_size=NARROW, run_before=pin_theme)


def test_reader_with_a_figure_and_related_stories(
    snap_compare: SnapCompare, tmp_path: Path
) -> None:
    """Wide (160x60): the seed opened with a second story, reader scrolled to the end.

    - Left pane: "All 1", "Unread 1", "Today", "Starred", rule, "Updates", "  Politics",
      "World 1", "  Security 1".
    - Middle pane: "● The United Stat… other-article.txt · 2022" (unread) and
      "Biden Urged Putin to … 000_fa3fef0f809868" (read, dimmer; the open story and the
      cursor row, with the blurred cursor bar since the reader has focus).
    - Reader (focused), scrolled to the bottom: the rounded figure panel titled
      "Figure 1" with the caption "President Biden Urged President Putin to De-escalate
      Tensions in Ukraine", the alt text "Biden Urged Putin to De-escalate Tensions in
      Ukraine", and "Credit: Web" in its bottom-right border; body text continues with
      "January Geneva in-person Talks"; at the bottom "Related stories" and the numbered
      list "[1] The United States, Russia to Hold Security Talks on 10th", "January"
      wrapped onto the next line (the headlines take the room their titles need).
    - Status line: "2 stories from 000_fa3fef0f809868c0.txt, other-article.txt · 1 unread
      · offline".
    """
    other = write_second_article(tmp_path)

    async def scroll_to_the_end(pilot: Pilot[None]) -> None:
        await pin_theme(pilot)
        reader = pilot.app.screen.query_one("#reader", ArticleView)
        reader.scroll_to(y=reader.max_scroll_y, animate=False)
        await pilot.pause()

    assert snap_compare(build_app(SEED, other), terminal_size=READER, run_before=scroll_to_the_end)


def test_help_screen_over_the_main_screen(snap_compare: SnapCompare) -> None:
    """Wide (140x40) demo library with `?` pressed: the key help over the main screen.

    - A centred rounded box (80 wide) titled "newsterm keys", over the dimmed main screen
      (sections and headlines still visible around it, status line and footer below).
    - General keys: "tab / shift+tab", "up / down, j / k", "enter", "ctrl+p".
    - Screen keys, one a row: "n", "p", "backspace / alt+←", "alt+→", "m", "s", "o", "/",
      "g  One headline per event, or every story", "r", "R", "D", "M", "a", "escape", "?",
      "q", then
      "1 … 9  Follow related story N of the open story" (the box scrolls if it is taller
      than the screen).
    - The closing hint "escape, q or ? closes this help" at the bottom of the box.
    """
    assert snap_compare(
        build_app(), press=["question_mark"], terminal_size=WIDE, run_before=pin_theme
    )


LONG_TITLES = [CORPUS / "feeds" / "rssp-guardian.rss", CORPUS / "feeds" / "nfp-tpm.atom"]


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_long_real_titles_at_80_120_and_200_columns(
    snap_compare: SnapCompare, columns: int
) -> None:
    """The Guardian's and TPM's feeds (75 stories, long real titles), 30 rows high.

    - 80: two panes, the reader hidden; the section list about a third of the width with
      "All 75/75", "Unread 75/75", "Today", "Starred", a rule, then unfolded sections
      ("▾ Activism 1/1", "  ▾ Protest 1/1", …), one line each; each headline about 36
      characters of its title, "…", then "Jan 31 2018".
    - 120: three panes; the section list under a sixth of the width, names cut with "…";
      each headline shows about 38 characters of its title, then "Jan 31 2018" (no source:
      the title keeps its room); the reader's hint on the right.
    - 200: the section list 30 wide with whole names; each headline about 57 characters of
      its title, then "The Guardian · Jan 31 2018"; the reader about 80 wide.
    - Status line: "75 stories from rssp-guardian.rss, nfp-tpm.atom · 75 unread · offline".
    """
    app = build_app(*LONG_TITLES)
    assert snap_compare(app, terminal_size=(columns, 30), run_before=pin_theme)


def test_reader_with_a_picture_above_its_caption(snap_compare: SnapCompare) -> None:
    """Wide (140x40) demo library, "Market Hall Reopens With Forty New Stalls" open and
    scrolled to its figure; the picture is the one shipped in samples/images/.

    - Reader: the rounded "Figure 1" panel holding the picture drawn in half-block cells
      ("▀" in the picture's colours: a pale blue glass roof with dark ribs over a brown
      floor and blue-coated shoppers), centred in the panel, above the caption "The
      restored roof lets daylight into the hall for the first time since the 1960s." and
      the alt text "Shoppers beneath the restored glass and iron roof of the market hall".
    - No "loading the picture…" and no "picture not shown" line.
    """

    async def open_the_market_hall(pilot: Pilot[None]) -> None:
        await pin_theme(pilot)
        screen = pilot.app.screen
        story = next(
            h for h in screen.library.headlines(View("all")) if h.title.startswith("Market Hall")
        )
        screen.open_story(story.id)
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen.query_one(ArticleView).scroll_to(y=9, animate=False)
        await pilot.pause()

    assert snap_compare(build_app(), terminal_size=WIDE, run_before=open_the_market_hall)
