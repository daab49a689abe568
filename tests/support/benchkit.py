"""The shared benchmark kit driven from tests: generated feeds, serve.py, and `newsterm` runs.

Everything is a real process talking real HTTP on 127.0.0.1: `genfeeds.py` writes
deterministic feeds, `serve.py` serves them (ETag/Last-Modified, gzip, counters), and
`python -m newsterm ...` runs as a subprocess with its own NEWSTERM_HOME.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from tests.conftest import REPO, SHARED

BENCH = SHARED / "bench"
GENFEEDS = BENCH / "genfeeds.py"
SERVE = BENCH / "serve.py"
CLI_TIMEOUT = 60.0


def free_port() -> int:
    """A port nothing listens on right now (the kernel's pick for port 0)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def generate_feeds(out: Path, *, port: int, feeds: int = 6, items: int = 10) -> list[Path]:
    """Run genfeeds.py into `out` (feeds/*.xml, feeds.opml naming 127.0.0.1:port)."""
    assert GENFEEDS.is_file(), f"benchmark kit not found at {BENCH}"
    subprocess.run(
        [sys.executable, str(GENFEEDS), str(out), "--feeds", str(feeds), "--items", str(items),
         "--seed", "7", "--html-bytes", "800", "--port", str(port)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    files = sorted((out / "feeds").glob("*.xml"))
    assert len(files) == feeds
    return files


@dataclass
class BenchServer:
    """serve.py running as a subprocess over `root`; `stop()` (or the fixture) kills it."""

    root: Path
    port: int
    process: subprocess.Popen[bytes]
    log: Path = field(repr=False)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}"

    def feed_url(self, feed_file: Path) -> str:
        return self.url(f"feeds/{feed_file.name}")

    def _get(self, path: str) -> dict[str, Any]:
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            data: dict[str, Any] = json.load(response)
        return data

    def stats(self) -> dict[str, Any]:
        return self._get("/__bench/stats")

    def reset(self) -> dict[str, Any]:
        return self._get("/__bench/reset")

    def set_latency(self, ms: int) -> None:
        self._get(f"/__bench/config?latency_ms={ms}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_server(root: Path, port: int, *, latency_ms: int = 0) -> BenchServer:
    """Start serve.py on `port` and wait until it listens (its port file appears)."""
    assert SERVE.is_file(), f"benchmark kit not found at {BENCH}"
    port_file = root.parent / f"{root.name}.port"
    port_file.unlink(missing_ok=True)
    log = root.parent / f"{root.name}.serve.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(
            [sys.executable, str(SERVE), str(root), "--port", str(port),
             "--port-file", str(port_file), "--latency-ms", str(latency_ms)],
            stdout=subprocess.DEVNULL, stderr=errors,
        )  # fmt: skip
    server = BenchServer(root, port, process, log)
    deadline = time.monotonic() + 15
    while not port_file.is_file():
        if process.poll() is not None or time.monotonic() > deadline:
            server.stop()
            raise AssertionError(f"serve.py did not start: {log.read_text(errors='replace')}")
        time.sleep(0.02)
    assert int(port_file.read_text()) == port
    return server


def write_config(home: Path, feeds: list[dict[str, Any]], **settings: Any) -> Path:
    """config.toml under NEWSTERM_HOME, as a person would write it."""
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps({**settings, "feed": feeds}), encoding="utf-8")
    return path


def read_config(home: Path) -> dict[str, Any]:
    import tomllib

    path = home / "config" / "config.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def newsterm(
    home: Path, *args: str, cwd: Path | None = None, timeout: float = CLI_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """`python -m newsterm ARGS...` in its own process, with NEWSTERM_HOME=home."""
    env = {**os.environ, "NEWSTERM_HOME": str(home), "TZ": "UTC", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "newsterm", *args],
        cwd=cwd or REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def refresh_json(home: Path) -> tuple[int, dict[str, Any]]:
    """`newsterm refresh --json`: its exit status and what it printed, parsed."""
    done = newsterm(home, "refresh", "--json")
    assert done.stdout.strip(), f"no JSON printed; stderr: {done.stderr}"
    data: dict[str, Any] = json.loads(done.stdout)
    return done.returncode, data
