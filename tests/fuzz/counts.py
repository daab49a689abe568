"""The counts a run ends with, by mutator: as a table for people, as JSON for the record."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from tests.fuzz.judge import OUTCOMES, Result

COLUMNS = ("cases", *OUTCOMES, "unsafe-text", "messy-message")
TOTAL = "all"


def tally(results: Iterable[Result]) -> dict[str, Counter[str]]:
    """Outcome counts per mutator, and over all of them under `all`."""
    by_mutator: dict[str, Counter[str]] = {}
    total: Counter[str] = Counter()
    for result in results:
        row = by_mutator.setdefault(result.mutator, Counter())
        for counter in (row, total):
            counter["cases"] += 1
            counter[result.outcome] += 1
            counter["unsafe-text"] += result.unsafe_text
            counter["messy-message"] += result.messy_message
    return {**by_mutator, TOTAL: total}


def as_table(counts: dict[str, Counter[str]]) -> str:
    width = max(len(name) for name in counts)
    header = " ".join([f"{'mutator':<{width}}", *(f"{c:>14}" for c in COLUMNS)])
    lines = [header]
    for name, row in counts.items():
        lines.append(" ".join([f"{name:<{width}}", *(f"{row[c]:>14}" for c in COLUMNS)]))
    return "\n".join(lines)


def as_json(counts: dict[str, Counter[str]], *, first_seed: int, seeds: int) -> str:
    rows = {name: {c: row[c] for c in COLUMNS} for name, row in counts.items()}
    run = {"first_seed": first_seed, "seeds": seeds, "cases": counts[TOTAL]["cases"]}
    return json.dumps({**run, "by_mutator": rows}, indent=2)


def losses(counts: dict[str, Counter[str]]) -> int:
    return counts[TOTAL]["silent-loss"] + counts[TOTAL]["rejection-loss"]
