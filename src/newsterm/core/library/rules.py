"""Rules that run after every refresh, on the stories it brought: newsboat's killfile and
eilmeldung's after-sync actions. `[[rule]] match = "title:sponsored" action = "read"`.

A rule marks (read, star) or hides what its query (library/view_query.py) picks among the
new stories only, so a story a person marked unread again is never re-marked. A hidden
story stays in the library (nothing is lost) but no view or count lists it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from newsterm.core.library.view_query import sql_for

Action = Literal["read", "star", "hide"]
ACTIONS: dict[Action, str] = {
    "read": "read = 1",
    "star": "starred = 1",
    "hide": "hidden = 1, read = 1",  # read too: pruned in time like any read story
}


@dataclass(frozen=True, slots=True)
class Rule:
    match: str
    """A query; checked when config.toml was read."""
    action: Action

    def line(self) -> str:
        return f"{self.match} → {self.action}"


def apply_rules(
    db: sqlite3.Connection, rules: tuple[Rule, ...], after_rowid: int, now: float
) -> list[int]:
    """Each rule's hits among the stories stored after `after_rowid`, in the rules' order
    (in the caller's transaction)."""
    hits = []
    for rule in rules:
        sql, params = sql_for(rule.match, now)
        cursor = db.execute(
            f"UPDATE articles SET {ACTIONS[rule.action]} WHERE rowid > ? "
            f"AND ({sql.replace('{t}', '')})",
            (after_rowid, *params),
        )
        hits.append(cursor.rowcount)
    return hits
