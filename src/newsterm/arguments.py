"""Argument types for the command line: a bad value is a usage error before anything runs.

argparse turns the `ArgumentTypeError` raised here into its usage line and exit
status 2, so `--width 0` is refused instead of printing nothing and succeeding.
"""

from __future__ import annotations

import argparse


def positive_int(text: str) -> int:
    """A whole number of at least 1 (columns, results)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


_AGE_UNITS = {"h": 3600, "d": 86400, "w": 7 * 86400}


def age(text: str) -> float:
    """An age in seconds, written as a number and a unit: 12h, 7d, 2w."""
    number, unit = text.strip()[:-1], text.strip()[-1:].lower()
    try:
        value = float(number)
    except ValueError:
        value = -1.0
    if unit not in _AGE_UNITS or not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"not an age such as 12h, 7d or 2w: {text!r}")
    return value * _AGE_UNITS[unit]
