"""In-process search latency: `Store.search` over a library, median of many runs.

The whole-process figure (`newsterm search …`) is mostly interpreter and import
time; this is the query itself, as the CLI runs it (20 hits) and as the search
screen runs it at every key (51 hits).

    python bench/search_latency.py LIBRARY_FILE harbour council --runs 50
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsterm.core.library.store import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("library", type=Path)
    parser.add_argument("query", nargs="+")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--limit", type=int, default=20)
    options = parser.parse_args()
    store = Store(options.library)
    query = " ".join(options.query)
    hits = len(store.search(query, options.limit))  # warm-up: pages into SQLite's cache
    took = []
    for _ in range(options.runs):
        started = time.perf_counter()
        store.search(query, options.limit)
        took.append(time.perf_counter() - started)
    store.close()
    print(
        f"{statistics.median(took) * 1000:.1f} ms median "
        f"({min(took) * 1000:.1f}–{max(took) * 1000:.1f}) over {options.runs} runs, {hits} hits"
    )


if __name__ == "__main__":
    main()
