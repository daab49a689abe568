"""`make bench`: newsterm against newsboat on the same feeds, the same server, the same run.

Generates the feed sets with the shared generator, serves them from 127.0.0.1
with the shared server, then measures each case for both readers, alternating
(newsterm, newsboat, newsterm, …) after a warm-up, so the machine's noise falls
on both alike. Whole-process wall time and peak RSS come from the kernel's
accounting of the reaped child (wait4). Results go to bench/results/ as Markdown.

    python bench/run.py                 # everything (about 20-30 minutes)
    python bench/run.py --quick         # 100-feed cases and the in-app cases only
    python bench/run.py --runs 3 --only cold_100,warm_500
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def _shared_bench() -> Path:
    """The shared benchmark kit beside the repository (or NEWSTERM_SHARED), as the tests
    find it: the repository may be cloned anywhere below the folder that holds it."""
    if os.environ.get("NEWSTERM_SHARED"):
        return Path(os.environ["NEWSTERM_SHARED"]) / "bench"
    for folder in [REPO, *REPO.parents]:
        if (folder / "shared" / "bench" / "genfeeds.py").is_file():
            return folder / "shared" / "bench"
    sys.exit(
        "bench: the shared benchmark kit (shared/bench/genfeeds.py) was not found beside "
        "the repository; set NEWSTERM_SHARED to the folder that holds bench/"
    )


SHARED_BENCH = _shared_bench()
NEWSTERM = [sys.executable, "-m", "newsterm"]
NEWSBOAT = shutil.which("newsboat")
SEED, HTML_BYTES, ITEMS = 42, 3000, 50


@dataclass
class Sample:
    wall: float
    rss_mib: float


@dataclass
class Row:
    case: str
    note: str
    newsterm: list[Sample] = field(default_factory=list)
    newsboat: list[Sample] = field(default_factory=list)
    extra: dict[str, str] = field(default_factory=dict)


def measure(cmd: list[str], env: dict[str, str] | None = None, timeout: float = 900) -> Sample:
    """Run once; wall clock around start and reap, peak RSS of the reaped child tree."""
    started = time.monotonic()
    process = subprocess.Popen(
        cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            raise TimeoutError(" ".join(cmd))
        time.sleep(0.005)
    wall = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited with {os.waitstatus_to_exitcode(status)}")
    return Sample(wall, usage.ru_maxrss / 1024)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class FeedSet:
    """N generated feeds served over HTTP, with a newsterm home and a newsboat cache dir."""

    def __init__(self, root: Path, feeds: int, port: int) -> None:
        self.dir = root / f"feeds-{feeds}"
        self.feeds = feeds
        self.port = port
        subprocess.run(
            [
                sys.executable,
                str(SHARED_BENCH / "genfeeds.py"),
                str(self.dir),
                "--feeds",
                str(feeds),
                "--items",
                str(ITEMS),
                "--seed",
                str(SEED),
                "--html-bytes",
                str(HTML_BYTES),
                "--port",
                str(port),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        self.opml = self.dir / "feeds.opml"
        self.urls = self.dir / "urls"

    def feed_files(self) -> list[Path]:
        return sorted((self.dir / "feeds").iterdir())


class Server:
    def __init__(self, root: Path, port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            [sys.executable, str(SHARED_BENCH / "serve.py"), str(root), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                self.call("/__bench/stats")
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the benchmark server did not start")

    def call(self, path: str) -> bytes:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=5) as reply:
            return bytes(reply.read())

    def latency(self, ms: int) -> None:
        self.call(f"/__bench/config?latency_ms={ms}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


# ---- the two readers ----------------------------------------------------------------


def newsterm_env(home: Path) -> dict[str, str]:
    return {**os.environ, "NEWSTERM_HOME": str(home), "TZ": "UTC"}


def newsterm_fresh(home: Path, feeds: FeedSet) -> None:
    shutil.rmtree(home, ignore_errors=True)
    subprocess.run(
        [*NEWSTERM, "import", str(feeds.opml)],
        env=newsterm_env(home),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def newsterm_refresh(home: Path) -> Sample:
    return measure([*NEWSTERM, "refresh"], newsterm_env(home))


def newsboat_paths(home: Path) -> tuple[Path, Path]:
    return home / "config", home / "cache.db"


def newsboat_fresh(home: Path, feeds: FeedSet) -> None:
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    config, _ = newsboat_paths(home)
    config.write_text("reload-threads 8\n", encoding="utf-8")


def newsboat_cmd(home: Path, feeds: FeedSet, *args: str) -> list[str]:
    assert NEWSBOAT
    config, cache = newsboat_paths(home)
    return [NEWSBOAT, "-u", str(feeds.urls), "-C", str(config), "-c", str(cache), *args]


def newsboat_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "TERM": "xterm",
    }


def newsboat_refresh(home: Path, feeds: FeedSet) -> Sample:
    return measure(newsboat_cmd(home, feeds, "-x", "reload"), newsboat_env(home))


def expect_stories(database: Path, table: str, feeds: FeedSet) -> None:
    """A run that fetched nothing is not a fast run: check every story arrived."""
    with sqlite3.connect(database) as db:
        count = db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    if count != feeds.feeds * ITEMS:
        raise RuntimeError(f"{database}: {count} stories, expected {feeds.feeds * ITEMS}")


def analyze(cache: Path) -> None:
    with sqlite3.connect(cache) as db:
        db.execute("ANALYZE")


# ---- cases --------------------------------------------------------------------------


def alternate(
    runs: int, row: Row, ours: Callable[[], Sample], theirs: Callable[[], Sample] | None
) -> Row:
    """One unmeasured warm-up each, then `runs` measured runs, alternating."""
    ours()
    if theirs:
        theirs()
    for _ in range(runs):
        row.newsterm.append(ours())
        if theirs:
            row.newsboat.append(theirs())
    return row


def cold(feeds: FeedSet, work: Path, runs: int) -> Row:
    ours_home, theirs_home = work / "nt-cold", work / "nb-cold"

    def ours() -> Sample:
        newsterm_fresh(ours_home, feeds)
        sample = newsterm_refresh(ours_home)
        expect_stories(ours_home / "data" / "library.sqlite", "articles", feeds)
        return sample

    def theirs() -> Sample:
        newsboat_fresh(theirs_home, feeds)
        sample = newsboat_refresh(theirs_home, feeds)
        expect_stories(newsboat_paths(theirs_home)[1], "rss_item", feeds)
        return sample

    row = Row(f"cold_{feeds.feeds}", f"cold refresh, {feeds.feeds} feeds × {ITEMS} items")
    return alternate(runs, row, ours, theirs if NEWSBOAT else None)


def warm(feeds: FeedSet, work: Path, runs: int, *, analyzed: bool) -> Row:
    """Every feed answers 304. newsboat as it leaves its cache, or after ANALYZE."""
    ours_home, theirs_home = work / "nt-warm", work / "nb-warm"
    newsterm_fresh(ours_home, feeds)
    newsterm_refresh(ours_home)
    if NEWSBOAT:
        newsboat_fresh(theirs_home, feeds)
        newsboat_refresh(theirs_home, feeds)
        if analyzed:
            analyze(newsboat_paths(theirs_home)[1])
    name = "warm_" + str(feeds.feeds) + ("_analyzed" if analyzed else "")
    note = f"warm refresh, {feeds.feeds} feeds all 304" + (
        " (newsboat cache ANALYZEd)" if analyzed else " (newsboat cache as it leaves it)"
    )
    return alternate(
        runs,
        Row(name, note),
        lambda: newsterm_refresh(ours_home),
        (lambda: newsboat_refresh(theirs_home, feeds)) if NEWSBOAT else None,
    )


def changed(feeds: FeedSet, work: Path, runs: int) -> Row:
    """10% of the feeds have a new version (new ETag and mtime) since the last refresh."""
    ours_home, theirs_home = work / "nt-changed", work / "nb-changed"
    newsterm_fresh(ours_home, feeds)
    newsterm_refresh(ours_home)
    if NEWSBOAT:
        newsboat_fresh(theirs_home, feeds)
        newsboat_refresh(theirs_home, feeds)
        analyze(newsboat_paths(theirs_home)[1])
    files = feeds.feed_files()[::10]

    def touch() -> None:
        stamp = time.time() + 1
        for path in files:
            os.utime(path, (stamp, stamp))

    def ours() -> Sample:
        touch()
        return newsterm_refresh(ours_home)

    def theirs() -> Sample:
        touch()
        return newsboat_refresh(theirs_home, feeds)

    row = Row(f"changed10_{feeds.feeds}", f"refresh with 10% of {feeds.feeds} feeds changed")
    return alternate(runs, row, ours, theirs if NEWSBOAT else None)


def first_paint(work: Path, stories: int, runs: int, theirs_cache: Path | None) -> Row:
    """Launch to first painted main screen; newsboat: open the cache and count unread."""
    home = work / f"nt-paint-{stories}"
    library = home / "data" / "library.sqlite"
    if not library.exists():
        library.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_library.py"),
                str(library),
                "--stories",
                str(stories),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    report = work / f"paint-{stories}.txt"
    inside: list[float] = []

    def ours() -> Sample:
        env = newsterm_env(home) | {"NEWSTERM_FIRST_PAINT_REPORT": str(report)}
        sample = measure([*NEWSTERM], env)
        inside.append(float(report.read_text()))
        return sample

    theirs = None
    if NEWSBOAT and theirs_cache is not None:
        nb_home = theirs_cache.parent
        feeds_urls = nb_home / "urls"

        def theirs() -> Sample:
            config, cache = newsboat_paths(nb_home)
            return measure(
                [
                    NEWSBOAT,
                    "-u",
                    str(feeds_urls),
                    "-C",
                    str(config),
                    "-c",
                    str(cache),
                    "-x",
                    "print-unread",
                ],
                newsboat_env(nb_home),
            )

    row = Row(
        f"first_paint_{stories // 1000}k",
        f"launch to first paint, {stories:,} stories (newsboat: print-unread on 25k)",
    )
    alternate(runs, row, ours, theirs)
    inside = inside[1:]
    row.extra["inside the app (median)"] = f"{statistics.median(inside):.3f} s"
    row.extra["newsterm's bytecode"] = "compiled beforehand, as pip does at install"
    row.extra["library file per 1,000 stories"] = (
        f"{library.stat().st_size / stories * 1000 / 2**20:.2f} MiB"
    )
    return row


def search(work: Path, runs: int) -> Row:
    home = work / "nt-paint-100000"
    row = Row("search_100k", "`newsterm search harbour council` over 100,000 stories")
    alternate(
        runs,
        row,
        lambda: measure([*NEWSTERM, "search", "harbour", "council"], newsterm_env(home)),
        None,
    )
    library = str(home / "data" / "library.sqlite")
    for limit, who in ((20, "as the CLI asks"), (51, "as the search screen asks")):
        out = subprocess.run(
            [sys.executable, str(HERE / "search_latency.py"), library, "harbour", "council"]
            + ["--limit", str(limit)],
            check=True,
            capture_output=True,
            text=True,
            env=newsterm_env(home),
        )
        row.extra[f"in-process Store.search, {limit} hits ({who})"] = out.stdout.strip()
    return row


def sizes(feeds: FeedSet, work: Path) -> Row:
    """Library size per 1,000 stories after a cold refresh, FTS index included."""
    ours_home, theirs_home = work / "nt-size", work / "nb-size"
    newsterm_fresh(ours_home, feeds)
    newsterm_refresh(ours_home)
    library = ours_home / "data" / "library.sqlite"
    with sqlite3.connect(library) as db:
        count = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    row = Row("size", f"library file per 1,000 stories ({count:,} stories)")
    row.extra["newsterm"] = f"{library.stat().st_size / count * 1000 / 2**20:.2f} MiB"
    if NEWSBOAT:
        newsboat_fresh(theirs_home, feeds)
        newsboat_refresh(theirs_home, feeds)
        cache = newsboat_paths(theirs_home)[1]
        with sqlite3.connect(cache) as db:
            theirs = db.execute("SELECT count(*) FROM rss_item").fetchone()[0]
        row.extra["newsboat"] = f"{cache.stat().st_size / theirs * 1000 / 2**20:.2f} MiB"
    return row


def in_app(work: Path) -> Row:
    """Opening a 5,000-word story and holding `down` through 10,000 headlines (Pilot)."""
    out = subprocess.run(
        [sys.executable, str(HERE / "ui_bench.py"), str(work / "ui")],
        check=True,
        capture_output=True,
        text=True,
    )
    row = Row("in_app", "inside the app, measured with Pilot")
    for line in out.stdout.splitlines():
        key, _, value = line.partition(":")
        row.extra[key.strip()] = value.strip()
    return row


# ---- report -------------------------------------------------------------------------


def spread(samples: list[Sample], key: Callable[[Sample], float], unit: str) -> str:
    if not samples:
        return "—"
    values = [key(s) for s in samples]
    return f"{statistics.median(values):.3f}{unit} ({min(values):.3f}–{max(values):.3f})"


def report(rows: list[Row], runs: int) -> str:
    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        or "unknown"
    )
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"# newsterm benchmarks, {when}, commit {commit}",
        "",
        f"{runs} measured runs per case after one warm-up, newsterm and newsboat alternating; "
        f"medians with min–max. CPUs: {os.cpu_count()}. newsboat: "
        f"{_newsboat_version()}. Feeds: genfeeds --seed {SEED} --html-bytes {HTML_BYTES}, "
        f"{ITEMS} items each, served from 127.0.0.1.",
        "",
        "| case | newsterm wall s | newsboat wall s | ratio | newsterm peak MiB "
        "| newsboat peak MiB |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    notes: list[str] = []
    for row in rows:
        if row.newsterm:
            ours = statistics.median(s.wall for s in row.newsterm)
            ratio = (
                f"{ours / statistics.median(s.wall for s in row.newsboat):.2f}"
                if row.newsboat
                else "—"
            )
            lines.append(
                f"| {row.note} | {spread(row.newsterm, lambda s: s.wall, '')} "
                f"| {spread(row.newsboat, lambda s: s.wall, '')} | {ratio} "
                f"| {spread(row.newsterm, lambda s: s.rss_mib, '')} "
                f"| {spread(row.newsboat, lambda s: s.rss_mib, '')} |"
            )
        for key, value in row.extra.items():
            notes.append(f"- {row.note}: {key}: {value}")
    return "\n".join([*lines, "", *notes, ""])


def _newsboat_version() -> str:
    if not NEWSBOAT:
        return "not installed (apt-get install -y newsboat), newsterm measured alone"
    out = subprocess.run([NEWSBOAT, "--version"], capture_output=True, text=True).stdout
    return out.splitlines()[0] if out else "unknown"


def write_results(text: str, suffix: str = "") -> None:
    """Into bench/results/, named by the time (UTC) it ran, and to the terminal."""
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    (results / f"{stamp}{suffix}.md").write_text(text, encoding="utf-8")
    print(text)


def compile_bytecode() -> None:
    """Measure newsterm as installed: pip compiles its bytecode at install time.

    An editable checkout run with PYTHONDONTWRITEBYTECODE set (as on CI machines) has
    no __pycache__ for newsterm's own modules and would compile every one of them at
    every launch (tens of milliseconds), which no installed copy does.
    """
    out = subprocess.run(
        [sys.executable, "-c", "import newsterm, os; print(os.path.dirname(newsterm.__file__))"],
        check=True,
        capture_output=True,
        text=True,
    )
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", out.stdout.strip()],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="100-feed cases, 25k first paint and the in-app cases only",
    )
    parser.add_argument("--only", default="", help="comma-separated case names")
    options = parser.parse_args()
    if not NEWSBOAT:
        print(
            "newsboat is not installed: `apt-get install -y newsboat` to compare; "
            "measuring newsterm alone.",
            file=sys.stderr,
        )
    compile_bytecode()
    work = Path(tempfile.mkdtemp(prefix="newsterm-bench-"))
    port = free_port()
    small = FeedSet(work, 100, port)
    large = None if options.quick else FeedSet(work, 500, free_port())
    server = Server(small.dir, small.port)
    large_server = Server(large.dir, large.port) if large else None
    wanted = set(filter(None, options.only.split(",")))
    rows: list[Row] = []
    nb_25k: Path | None = None

    def want(name: str) -> bool:
        return not wanted or name in wanted

    try:
        cases: list[tuple[str, Callable[[], Row]]] = [
            ("cold_100", lambda: cold(small, work, options.runs)),
            ("warm_100", lambda: warm(small, work, options.runs, analyzed=True)),
        ]
        if large:
            cases += [
                ("cold_500", lambda: cold(large, work, options.runs)),
                ("warm_500", lambda: warm(large, work, options.runs, analyzed=False)),
                ("warm_500_analyzed", lambda: warm(large, work, options.runs, analyzed=True)),
                ("changed10_500", lambda: changed(large, work, options.runs)),
            ]
        for name, case in cases:
            if want(name):
                print(f"… {name}", file=sys.stderr)
                rows.append(case())
        if want("latency50_100"):
            print("… latency50_100", file=sys.stderr)
            server.latency(50)
            row = cold(small, work, options.runs)
            row.case, row.note = "latency50_100", row.note + ", 50 ms latency per request"
            rows.append(row)
            server.latency(0)
        if large and NEWSBOAT and (work / "nb-warm" / "cache.db").exists():
            nb_25k = work / "nb-warm" / "cache.db"  # newsboat's 25k library, from warm_500
            shutil.copy(large.urls, nb_25k.parent / "urls")
        for stories in (25_000,) if options.quick else (25_000, 100_000):
            name = f"first_paint_{stories // 1000}k"
            if want(name):
                print(f"… {name}", file=sys.stderr)
                rows.append(first_paint(work, stories, options.runs, nb_25k))
        if not options.quick and want("search_100k"):
            rows.append(search(work, options.runs))
        if large and want("size"):
            rows.append(sizes(large, work))
        if want("in_app"):
            rows.append(in_app(work))
    finally:
        server.stop()
        if large_server:
            large_server.stop()
    write_results(report(rows, options.runs))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
