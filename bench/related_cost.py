"""What related stories cost: newsterm now against newsterm just before it matched
stories (BASELINE), on the same feeds from the same server, runs alternating.

Cases: a cold refresh of N generated feeds × 50 items through the real command; the
library file per 1,000 stories it leaves; opening the newest stories of a 100,000-story
library in-process (now with each story's related list, as the reader shows it;
the baseline without one, as it opened stories). Results go to bench/results/.

    python bench/related_cost.py                          # 500 feeds, 100k, 3 runs
    python bench/related_cost.py --feeds 100 --stories 25000 --runs 3
    python bench/related_cost.py --stories 0              # the cold refresh alone
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from run import (
    HERE,
    ITEMS,
    REPO,
    FeedSet,
    Row,
    Sample,
    Server,
    alternate,
    compile_bytecode,
    expect_stories,
    free_port,
    measure,
    newsterm_env,
    spread,
    write_results,
)

BASELINE = "c2fc792"
"""The last commit before related stories were computed."""


def baseline_tree(commit: str, work: Path) -> Path:
    """The baseline's src/ and bench/, as they were (git archive: no worktree to undo)."""
    tree = work / f"baseline-{commit}"
    tree.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", commit, "src"], cwd=REPO, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    return tree


def env_for(home: Path, tree: Path | None) -> dict[str, str]:
    """newsterm from this checkout, or from the baseline's tree ahead of it on the path."""
    env = newsterm_env(home)
    if tree is not None:
        env["PYTHONPATH"] = str(tree / "src")
    return env


def check_source(tree: Path | None) -> None:
    """Each side really runs its own code (an editable install could shadow PYTHONPATH)."""
    where = subprocess.run(
        [sys.executable, "-c", "import newsterm; print(newsterm.__file__)"],
        env=env_for(Path("/nonexistent"), tree),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    expected = (tree / "src") if tree else REPO / "src"
    if not where.startswith(str(expected)):
        raise RuntimeError(f"newsterm imported from {where}, expected under {expected}")


def cold(feeds: FeedSet, work: Path, runs: int, tree: Path) -> tuple[Row, Row]:
    """The cold refresh, and the library each side leaves (per 1,000 stories)."""
    homes = {"now": work / "now-cold", "before": work / "before-cold"}

    def refresh(side: str, source: Path | None) -> Callable[[], Sample]:
        def run() -> Sample:
            home = homes[side]
            shutil.rmtree(home, ignore_errors=True)
            env = env_for(home, source)
            command = [sys.executable, "-m", "newsterm"]
            subprocess.run(
                [*command, "import", str(feeds.opml)],
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            sample = measure([*command, "refresh"], env)
            expect_stories(home / "data" / "library.sqlite", "articles", feeds)
            return sample

        return run

    row = Row(f"cold_{feeds.feeds}", f"cold refresh, {feeds.feeds} feeds × {ITEMS} items")
    alternate(runs, row, refresh("now", None), refresh("before", tree))
    size = Row("size", f"library file per 1,000 stories after the cold refresh of {feeds.feeds}")
    for side, home in homes.items():
        size.extra[side] = f"{_mib_per_thousand(home / 'data' / 'library.sqlite'):.3f} MiB"
    return row, size


def _mib_per_thousand(library: Path) -> float:
    with sqlite3.connect(library) as db:
        count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return library.stat().st_size / count * 1000 / 2**20


def open_stories(work: Path, stories: int, runs: int, tree: Path) -> Row:
    """In-process opening of the newest 100 stories, each side on its own library of the
    same generated stories (every event told by four feeds)."""
    row = Row(f"open_{stories // 1000}k", f"open a story in-process, {stories:,} stories")
    for side, source, extra in (("now", None, ["--related"]), ("before", tree, [])):
        library = work / f"open-{side}.sqlite"
        env = env_for(work, source)
        built = subprocess.run(
            [sys.executable, str(HERE / "make_library.py"), str(library)]
            + ["--stories", str(stories), "--events"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        row.extra[f"{side}: library built"] = built.stdout.strip().split(" -> ")[0]
        opened = subprocess.run(
            [sys.executable, str(HERE / "open_latency.py"), str(library)]
            + ["--runs", str(max(runs, 5) * 4), *extra],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        found = re.search(r"in ([\d.]+) ms median", opened)
        per_story = f" ({float(found[1]) / 100:.3f} ms a story)" if found else ""
        what = "with its related list" if extra else "as it opened stories"
        row.extra[f"{side}, {what}"] = opened + per_story
        row.extra[f"{side}: library file"] = f"{library.stat().st_size / 2**20:.1f} MiB"
    return row


def report(rows: list[Row], runs: int, baseline: str, feeds: int) -> str:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# What related stories cost, {when}: {commit} against {baseline}",
        "",
        f"{runs} measured runs per case after one warm-up each, the two alternating; medians "
        f"with min–max. {feeds} feeds from genfeeds, served from 127.0.0.1.",
        "",
        "| case | now wall s | before wall s | now / before | now peak MiB | before peak MiB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    notes = []
    for row in rows:
        if row.newsterm:
            ratio = statistics.median(s.wall for s in row.newsterm) / statistics.median(
                s.wall for s in row.newsboat
            )
            lines.append(
                f"| {row.note} | {spread(row.newsterm, lambda s: s.wall, '')} "
                f"| {spread(row.newsboat, lambda s: s.wall, '')} | {ratio:.3f} "
                f"| {spread(row.newsterm, lambda s: s.rss_mib, '')} "
                f"| {spread(row.newsboat, lambda s: s.rss_mib, '')} |"
            )
        notes += [f"- {row.note}: {key}: {value}" for key, value in row.extra.items()]
    return "\n".join([*lines, "", *notes, ""])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    compile_bytecode()
    work = Path(tempfile.mkdtemp(prefix="newsterm-related-cost-"))
    tree = baseline_tree(options.baseline, work)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree)], check=True)
    check_source(None)
    check_source(tree)
    feeds = FeedSet(work, options.feeds, free_port())
    server = Server(feeds.dir, feeds.port)
    try:
        print(f"… cold_{options.feeds}", file=sys.stderr)
        rows = list(cold(feeds, work, options.runs, tree))
        if options.stories:  # 0: the refresh alone
            print(f"… open_{options.stories // 1000}k", file=sys.stderr)
            rows.append(open_stories(work, options.stories, options.runs, tree))
    finally:
        server.stop()
    write_results(report(rows, options.runs, options.baseline, options.feeds), "-related-cost")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
