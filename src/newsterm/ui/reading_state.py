"""Where a person was in their reading, kept for the next run: the back/forward history,
where each of the latest stories was left in the reader, and the views whose read
stories are hidden.

Kept beside the theme in the UI state file (config.remember), for the person's own
library only: a file opened with `newsterm FILE` leaves nothing behind.
"""

from __future__ import annotations

import json

from newsterm.config import Paths, remember, remembered_json
from newsterm.ui.history import History

MOST_POSITIONS = 200
"""Stories whose reading position is kept: the latest ones left part-read."""


def load_history(paths: Paths) -> History:
    return History.from_json(remembered_json(paths, "history"))


def load_positions(paths: Paths) -> dict[str, float]:
    kept = remembered_json(paths, "positions")
    if not isinstance(kept, dict):
        return {}
    positions: dict[str, float] = {}
    for story_id, where in kept.items():
        if isinstance(where, int | float) and where > 0:
            positions[str(story_id)] = float(where)
    return positions


def save(paths: Paths, history: History, positions: dict[str, float]) -> None:
    """Both at once, in one write of the UI state file."""
    latest = dict(list(positions.items())[-MOST_POSITIONS:])
    remember(paths, history=json.dumps(history.to_json()), positions=json.dumps(latest))


def load_hidden(paths: Paths) -> set[str]:
    """The views (View.key) listed without their read stories."""
    views = remembered_json(paths, "hide_read")
    return {str(view) for view in views} if isinstance(views, list) else set()


def save_hidden(paths: Paths, views: set[str]) -> None:
    remember(paths, hide_read=json.dumps(sorted(views)))
