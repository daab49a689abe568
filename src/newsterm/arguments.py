"""Argument types for the command line: a bad value is a usage error before anything runs.

argparse turns the `ArgumentTypeError` raised here into its usage line and exit
status 2, so `--width 0` is refused instead of printing nothing and succeeding.
"""

from __future__ import annotations

import argparse

from newsterm.core.text.ages import EXAMPLES, age_seconds


def positive_int(text: str) -> int:
    """A whole number of at least 1 (columns, results)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def age(text: str) -> float:
    """An age in seconds, written as a number and a unit: 12h, 7d, 2w."""
    seconds = age_seconds(text)
    if seconds is None:
        raise argparse.ArgumentTypeError(f"not an age such as {EXAMPLES}: {text!r}")
    return seconds
