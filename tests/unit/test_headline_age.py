"""A headline's age: short while recent, the day this year, the day and year before it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsterm.ui.widgets.headline_list import age

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def test_ages_say_how_old_and_older_years_say_which_day() -> None:
    assert age(NOW - timedelta(seconds=20), NOW) == "now"
    assert age(NOW - timedelta(minutes=5), NOW) == "5m"
    assert age(NOW - timedelta(hours=3), NOW) == "3h"
    assert age(NOW - timedelta(days=2), NOW) == "2d"
    assert age(datetime(2026, 1, 3, tzinfo=UTC), NOW) == "Jan 3"
    # Two stories of last year are told apart by their day, not shown both as "2025".
    assert age(datetime(2025, 12, 30, tzinfo=UTC), NOW) == "Dec 30 2025"
    assert age(datetime(2025, 6, 2, tzinfo=UTC), NOW) == "Jun 2 2025"
    assert age(None, NOW) == ""
