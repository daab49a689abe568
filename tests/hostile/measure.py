"""Parse one file in a fresh process and report its cost: `python -m tests.hostile.measure FILE`.

A fresh process makes the memory figure honest: peak RSS growth over the baseline taken
after imports, at its current size (so libxml2's C allocations count, which tracemalloc cannot see).
Prints one JSON object: seconds, peak_mb (growth), articles, subscriptions, title, error.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsterm.core.sources import SourceError, parse_bytes


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process: kB in /proc/self/status.

    Not getrusage's ru_maxrss: Linux carries that across exec from the forked parent,
    so it would report pytest's own size.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc/self/status")


def main(path: str) -> None:
    baseline = _status_mb("VmRSS")
    started = time.perf_counter()
    data = Path(path).read_bytes()
    report: dict[str, object] = {"error": None, "articles": 0, "subscriptions": 0, "title": ""}
    try:
        document = parse_bytes(data, name=Path(path).name)
    except SourceError as error:
        report["error"] = str(error)
    else:
        report["articles"] = len(document.articles)
        report["subscriptions"] = len(document.subscriptions)
        first = document.articles[0] if document.articles else None
        report["title"] = first.title if first else document.source.title
        report["longest_title"] = max((len(a.title) for a in document.articles), default=0)
        report["json_chars"] = len(json.dumps(document.to_json(), ensure_ascii=False))
    report["seconds"] = time.perf_counter() - started
    report["peak_mb"] = max(0.0, _status_mb("VmHWM") - baseline)
    print(json.dumps(report))


if __name__ == "__main__":
    main(sys.argv[1])
