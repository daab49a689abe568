"""An age as people write one for a view or a command: `12h`, `7d`, `2w`."""

from __future__ import annotations

import math

UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}
EXAMPLES = "12h, 7d or 2w"


def age_seconds(text: str) -> float | None:
    """Seconds, or None when the text is not a number and a unit (h, d, w)."""
    text = text.strip()
    number, unit = text[:-1], text[-1:].lower()
    try:
        value = float(number)
    except ValueError:
        return None
    if unit not in UNITS or not value >= 0 or not math.isfinite(value):
        return None
    return value * UNITS[unit]
