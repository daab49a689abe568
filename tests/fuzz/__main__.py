"""`python -m tests.fuzz --cases N --seed S [--json] [--show OUTCOME]`: run and print the counts."""

from __future__ import annotations

import argparse
import sys

from tests.fuzz.cases import plan
from tests.fuzz.counts import as_json, as_table, tally
from tests.fuzz.judge import OUTCOMES, Result, judge

UNSAFE = "unsafe-text"


def main(argv: list[str] | None = None) -> int:
    options = _arguments().parse_args(argv)
    results: list[Result] = []
    for seed in range(options.seed, options.seed + options.seeds):
        results.extend(judge(case) for case in plan(options.cases, seed))
    counts = tally(results)
    if options.json:
        print(as_json(counts, first_seed=options.seed, seeds=options.seeds))
    else:
        print(as_table(counts))
    for result in results:
        if result.outcome in options.show or (result.unsafe_text and UNSAFE in options.show):
            print(result.line(), file=sys.stderr)
    return 0


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description=__doc__)
    parser.add_argument("--cases", type=int, default=170, help="cases per seed")
    parser.add_argument("--seed", type=int, default=1, help="the first seed")
    parser.add_argument("--seeds", type=int, default=1, help="how many seeds, from --seed on")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.add_argument(
        "--show",
        action="append",
        default=[],
        choices=[*OUTCOMES, UNSAFE],
        help="list the cases with this outcome on standard error (repeatable)",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
