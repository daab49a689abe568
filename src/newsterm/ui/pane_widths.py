"""How wide the section list and the headlines are, from what they hold and the terminal.

The section list takes what its longest line needs (within bounds), the headlines what
most of their titles need with their source and age, and the reader the rest: two fifths
of the terminal at least, and 44 columns where the headlines' own 44 leave room (from
about 105 columns). Under 100 columns the panes take turns instead (CSS).
"""

from __future__ import annotations

from collections.abc import Sequence

SECTIONS = (14, 30)
"""The section list's narrowest and widest (and never more than a sixth of the width)."""
HEADLINES_LEAST = 44
READER_LEAST = 44
"""A newspaper column and a bit: the reader is never narrower..."""
READER_SHARE = 0.4
"""...nor narrower than this share of the terminal: reading is what it is for."""
META = 24
"""Columns beside a title for its marks, `+N`, source and age."""
TITLES_SHOWN_WHOLE = 0.8
"""The share of titles that fit whole, when the terminal has the room."""


def pane_widths(
    total: int, section_lines: Sequence[int], titles: Sequence[int], beside: int = META
) -> tuple[int, int]:
    """(section list, headlines) for `total` columns; `section_lines` and `titles` are
    the cells the section list's lines and the listed titles take, `beside` what shares
    a title's line (marks, source, age)."""
    least, most = SECTIONS
    most = min(most, total // 6)
    sections = min(most, max(least, max(section_lines, default=least) + 2))  # + border
    room = total - sections - max(READER_LEAST, int(total * READER_SHARE))
    ordered = sorted(titles)
    wanted = ordered[int(len(ordered) * TITLES_SHOWN_WHOLE) - 1] + beside if ordered else 0
    return sections, max(HEADLINES_LEAST, min(wanted, room))
