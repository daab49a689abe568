"""In-process story opening: `Store.article` for the newest stories of a library, as the
reader opens them (a story kept as HTML gets its blocks built then).

    python bench/make_library.py /tmp/kept.sqlite --kept-html
    python bench/open_latency.py /tmp/kept.sqlite --stories 100 --runs 20
    python bench/open_latency.py /tmp/kept.sqlite --related   # with its related list
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
    parser.add_argument("--stories", type=int, default=100)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--related", action="store_true", help="and its related list, as the reader shows it"
    )
    options = parser.parse_args()
    store = Store(options.library)
    ids = [headline.id for headline in store.headlines(limit=options.stories)]

    def open_story(story_id: str) -> None:
        store.article(story_id)
        if options.related:
            store.covered(story_id)

    for story_id in ids:  # warm-up: imports, and pages into SQLite's cache
        open_story(story_id)
    took = []
    for _ in range(options.runs):
        started = time.perf_counter()
        for story_id in ids:
            open_story(story_id)
        took.append(time.perf_counter() - started)
    store.close()
    print(
        f"{len(ids)} stories opened in {statistics.median(took) * 1000:.1f} ms median "
        f"({min(took) * 1000:.1f}–{max(took) * 1000:.1f}) over {options.runs} runs"
    )


if __name__ == "__main__":
    main()
