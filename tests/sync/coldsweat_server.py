"""A real Fever server on 127.0.0.1: coldsweat (PyPI), in its own virtual environment
(`.ci/run` installs it; see INSTALL), subscribed to feeds served by serve.py."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.benchkit import REPO, free_port

INSTALL = (
    "python3 -m venv .servers/coldsweat && .servers/coldsweat/bin/pip install coldsweat==0.10.2"
)
"""How the Fever tests' server is installed (from the repository's root)."""
USER, PASSWORD = "reader@example.com", "correct horse battery"


def coldsweat_program() -> Path | None:
    named = os.environ.get("NEWSTERM_COLDSWEAT")
    for candidate in (named, REPO / ".servers" / "coldsweat" / "bin" / "coldsweat"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    found = shutil.which("coldsweat")
    return Path(found) if found else None


@dataclass
class FeverServer:
    kind = "fever"
    user = USER
    program: Path
    root: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/fever/"

    @property
    def database(self) -> Path:
        return self.root / "coldsweat.db"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "FLASK_DATABASE_URL": f"sqlite:///{self.database}",
            "FLASK_SECRET_KEY": "tests",
        }

    def set_up(self, opml: Path) -> None:
        run = [str(self.program)]
        subprocess.run([*run, "setup", USER, "-p", PASSWORD, "-n", "Reader"], env=self.env(),
                       check=True, capture_output=True, timeout=60)  # fmt: skip
        subprocess.run([*run, "import", str(opml), USER, "--fetch"], env=self.env(),
                       check=True, capture_output=True, timeout=120)  # fmt: skip

    def start(self) -> None:
        log = (self.root / "server.log").open("ab")
        self.process = subprocess.Popen(
            [str(self.program), "run", "-h", "127.0.0.1", "-p", str(self.port)],
            env=self.env(), stdout=log, stderr=log,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.call("")
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("coldsweat did not start: " + (self.root / "server.log").read_text())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def call(self, query: str, **form: str) -> dict[str, object]:
        """A Fever call made as any client makes it (the tests' own count of the state)."""
        import json

        key = hashlib.md5(f"{USER}:{PASSWORD}".encode()).hexdigest()  # noqa: S324
        body = urllib.parse.urlencode({"api_key": key, **form}).encode()
        with urllib.request.urlopen(f"{self.url}?api&{query}", body, timeout=10) as answer:
            data: dict[str, object] = json.loads(answer.read())
        return data

    def ids(self, key: str) -> set[int]:
        text = str(self.call(key)[key] or "")
        return {int(i) for i in text.split(",") if i}

    def unread_ids(self) -> set[int]:
        return self.ids("unread_item_ids")

    def starred_ids(self) -> set[int]:
        return self.ids("saved_item_ids")

    def links(self) -> dict[int, str]:
        """Every story the server holds, by its number: its link."""
        items = self.call("items&since_id=0")["items"]
        assert isinstance(items, list)
        return {int(item["id"]): str(item["url"]) for item in items}

    def star(self, item: int, starred: bool) -> None:
        """A star given or taken on another client."""
        self.call("", mark="item", id=str(item), **{"as": "saved" if starred else "unsaved"})

    def delete_item(self, item: int) -> None:
        """A story the server forgot (its feed's retention, a purge)."""
        with sqlite3.connect(self.database) as db:
            for table in ("saved", "read"):
                db.execute(f"DELETE FROM {table} WHERE entry_id = ?", (item,))
            db.execute("DELETE FROM entries WHERE id = ?", (item,))
