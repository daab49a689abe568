"""How long an episode lasts, in the forms feeds write it: `3249`, `54:09`, `01:54:09`."""

from __future__ import annotations

import math
import re

_CLOCK = re.compile(r"(?:(\d{1,4}):)?(\d{1,4}):(\d{1,2})(?:[.,]\d+)?|(\d{1,7})(?:[.,]\d+)?")
LONGEST = 7 * 24 * 3600
"""A week: anything longer is a feed's mistake (a byte count, a timestamp), not a length."""


def seconds(value: object) -> int:
    """Whole seconds, or 0 when the text is not a length (never raises on feed input)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not math.isfinite(value) or not 0 < value <= LONGEST:  # JSON allows Infinity
            return 0
        total = int(value)
    elif isinstance(value, str) and (found := _CLOCK.fullmatch(value.strip())):
        hours, minutes, secs, plain = found.groups()
        if plain is not None:
            total = int(plain)
        else:
            total = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
    else:
        return 0
    return total if 0 < total <= LONGEST else 0
