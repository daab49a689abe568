"""Where a person was in their reading, kept for the next run: the back/forward history,
where each of the latest stories was left in the reader, the views whose read
stories are hidden, how each view is sorted, and the folded sections.

Kept beside the theme in the UI state file (config.remember), for the person's own
library only: a file opened with `newsterm FILE` leaves nothing behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from newsterm.config import Paths, remember, remembered
from newsterm.core.library import ORDERS, Order
from newsterm.ui.history import History

MOST_POSITIONS = 200
"""Stories whose reading position is kept: the latest ones left part-read."""


@dataclass(slots=True)
class ReadingState:
    history: History = field(default_factory=History)
    positions: dict[str, float] = field(default_factory=dict)
    """Where stories were left part-read (reader lines from the top), latest last."""
    hidden: set[str] = field(default_factory=set)
    """The views (View.key) listed without their read stories."""
    orders: dict[str, Order] = field(default_factory=dict)
    """How views (View.key) are sorted, where not newest first."""
    folded: set[str] = field(default_factory=set)
    """The sections (View.key) the section list shows as one line."""

    @classmethod
    def load(cls, paths: Paths) -> ReadingState:
        """As last saved, from one read of the file; what is not as saved is left out."""
        kept = {name: _json(text) for name, text in remembered(paths).items()}
        positions = kept.get("positions")
        hidden = kept.get("hide_read")
        orders = kept.get("sort")
        folded = kept.get("folded")
        return cls(
            History.from_json(kept.get("history")),
            {
                str(story_id): float(where)
                for story_id, where in (positions.items() if isinstance(positions, dict) else ())
                if isinstance(where, int | float) and where > 0
            },
            {str(view) for view in hidden} if isinstance(hidden, list) else set(),
            {
                str(view): order
                for view, order in (orders.items() if isinstance(orders, dict) else ())
                if isinstance(order, str) and order in ORDERS
            },
            {str(view) for view in folded} if isinstance(folded, list) else set(),
        )

    def save(self, paths: Paths) -> None:
        """All of it, in one write of the UI state file."""
        latest = dict(list(self.positions.items())[-MOST_POSITIONS:])
        remember(
            paths,
            history=json.dumps(self.history.to_json()),
            positions=json.dumps(latest),
            hide_read=json.dumps(sorted(self.hidden)),
            sort=json.dumps(self.orders),
            folded=json.dumps(sorted(self.folded)),
        )


def _json(text: str) -> object:
    try:
        return json.loads(text)
    except ValueError:
        return None
