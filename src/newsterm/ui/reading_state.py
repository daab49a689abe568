"""Where a person was in their reading, kept for the next run: the back/forward history
and where each of the latest stories was left in the reader.

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
