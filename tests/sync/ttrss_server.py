"""A real Tiny Tiny RSS on 127.0.0.1: Debian's tt-rss package (see INSTALL) on its own
PostgreSQL database, served by PHP's built-in server from a copy of its web root.

Three lines of the copy's classes/urlhelper.php are changed so it may fetch feeds from
serve.py on 127.0.0.1: the package refuses loopback addresses and ports other than 80
and 443, and drops a feed address's port. Nothing else of the server is changed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.benchkit import free_port

INSTALL = "DEBIAN_FRONTEND=noninteractive apt-get install -y tt-rss php-pgsql dbconfig-no-thanks"
PACKAGE = Path("/usr/share/tt-rss")
USER, PASSWORD = "admin", "password"
"""The account the package's schema creates."""
CLUSTER = ("15", "main")

_LOOPBACK_PATCHES = [
    ("if ($extended_filtering) {", "if (false) {"),
    ('strpos($ip_addr, "127.") === 0', "false"),
    ('strpos($fetch_effective_ip_addr, "127.") === 0', "false"),
    (
        """$tmp = $parts['scheme'] . "://" . $parts['host'];""",
        """$tmp = $parts['scheme'] . "://" . $parts['host']"""
        """ . (isset($parts['port']) ? ':' . $parts['port'] : '');""",
    ),
]


def missing() -> str | None:
    """Why no TT-RSS can run here (None: it can)."""
    if not (PACKAGE / "www" / "api" / "index.php").is_file():
        return "tt-rss is not installed"
    for program in ("php", "pg_ctlcluster", "runuser"):
        if shutil.which(program) is None:
            return f"{program} is not installed"
    if os.geteuid() != 0:
        return "starting PostgreSQL and running update.php as www-data needs root"
    return None


def web_root() -> Path:
    """A folder the web server's user (www-data) may enter: pytest's own are the test
    user's alone."""
    root = Path(tempfile.mkdtemp(prefix="newsterm-tt-rss-"))
    root.chmod(0o755)
    return root


def _postgres(sql: str, database: str = "postgres") -> str:
    done = subprocess.run(
        ["runuser", "-u", "postgres", "--", "psql", "-q", "-X", "-v", "ON_ERROR_STOP=1",
         "-At", "-d", database, "-c", sql],
        check=True, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    return done.stdout


def start_postgres() -> None:
    subprocess.run(["pg_ctlcluster", *CLUSTER, "start"], capture_output=True, timeout=60)
    deadline = time.monotonic() + 30
    while True:
        try:
            _postgres("SELECT 1")
            return
        except subprocess.CalledProcessError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@dataclass
class TtRssServer:
    kind = "ttrss"
    user = USER
    root: Path
    port: int = field(default_factory=free_port)
    database: str = field(default_factory=lambda: f"newsterm_{uuid.uuid4().hex[:12]}")
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def web(self) -> Path:
        return self.root / "www"

    def set_up(self) -> None:
        _postgres(f"CREATE USER {self.database} PASSWORD '{self.database}'")
        _postgres(f"CREATE DATABASE {self.database} OWNER {self.database}")
        schema = (PACKAGE / "schema" / "ttrss_schema_pgsql.sql").read_text(encoding="utf-8")
        subprocess.run(
            ["psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U",
             self.database, "-d", self.database],
            input=schema, env={**os.environ, "PGPASSWORD": self.database},
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        self.sql(
            "INSERT INTO ttrss_user_prefs(owner_uid, pref_name, value) "
            "VALUES (1, 'ENABLE_API_ACCESS', 'true')"
        )
        shutil.copytree(PACKAGE / "www", self.web, symlinks=True,
                        ignore=shutil.ignore_patterns("config.php", "feed-icons"))  # fmt: skip
        for link in [path for path in self.web.rglob("*") if path.is_symlink()]:
            target = (PACKAGE / "www" / link.relative_to(self.web)).resolve()
            link.unlink()  # its relative target (the package's javascript, php-gettext) is
            link.symlink_to(target)  # not beside the copy: pointed at where it is
        helper = self.web / "classes" / "urlhelper.php"
        code = helper.read_text(encoding="utf-8")
        for old, new in _LOOPBACK_PATCHES:
            assert old in code, f"tt-rss changed: {old!r} is no longer in urlhelper.php"
            code = code.replace(old, new)
        helper.write_text(code, encoding="utf-8")
        for folder in ("lock", "cache/images", "cache/upload", "cache/export", "cache/feeds",
                       "icons"):  # fmt: skip
            (self.root / folder).mkdir(parents=True, exist_ok=True)
        (self.web / "config.php").write_text(self._config(), encoding="utf-8")
        subprocess.run(["chown", "-R", "www-data:www-data", str(self.root)], check=True)

    def _config(self) -> str:
        values = {
            "DB_TYPE": "pgsql", "DB_HOST": "127.0.0.1", "DB_PORT": "5432",
            "DB_USER": self.database, "DB_NAME": self.database, "DB_PASS": self.database,
            "MYSQL_CHARSET": "UTF8", "SELF_URL_PATH": self.url, "PHP_EXECUTABLE": "/usr/bin/php",
            "LOCK_DIRECTORY": str(self.root / "lock"), "CACHE_DIR": str(self.root / "cache"),
            "ICONS_DIR": str(self.root / "icons"), "ICONS_URL": "icons",
            "REG_NOTIFY_ADDRESS": "none@example.com", "SMTP_FROM_NAME": "tt-rss",
            "SMTP_FROM_ADDRESS": "none@example.com", "DIGEST_SUBJECT": "digest",
            "PLUGINS": "auth_internal", "LOG_DESTINATION": "",
        }  # fmt: skip
        switches = {
            "SINGLE_USER_MODE": False, "SIMPLE_UPDATE_MODE": False, "AUTH_AUTO_CREATE": False,
            "AUTH_AUTO_LOGIN": False, "ENABLE_REGISTRATION": False, "CHECK_FOR_UPDATES": False,
            "ENABLE_GZIP_OUTPUT": False,
        }  # fmt: skip
        numbers = {"FORCE_ARTICLE_PURGE": 0, "REG_MAX_USERS": 1, "SESSION_COOKIE_LIFETIME": 86400,
                   "CONFIG_VERSION": 26}  # fmt: skip
        lines = ["<?php"]
        lines += [f"define('{k}', {json.dumps(v)});" for k, v in values.items()]
        lines += [f"define('{k}', {'true' if v else 'false'});" for k, v in switches.items()]
        lines += [f"define('{k}', {v});" for k, v in numbers.items()]
        return "\n".join(lines) + "\n"

    def sql(self, statement: str) -> str:
        return _postgres(statement, self.database)

    def start(self) -> None:
        log = (self.root / "server.log").open("ab")
        self.process = subprocess.Popen(
            ["runuser", "-u", "www-data", "--", "php", "-d", "display_errors=0", "-S",
             f"127.0.0.1:{self.port}", "-t", str(self.web)],
            stdout=log, stderr=log,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.call("getApiLevel")
                return
            except OSError:
                time.sleep(0.1)
        raise AssertionError("tt-rss did not start: " + (self.root / "server.log").read_text())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def drop(self) -> None:
        self.stop()
        _postgres(f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)")
        _postgres(f"DROP USER IF EXISTS {self.database}")
        shutil.rmtree(self.root, ignore_errors=True)

    def call(self, op: str, **fields: object) -> dict[str, object]:
        """An API call made as any client makes it (the tests' own view of the server)."""
        if op != "login" and "sid" not in fields:
            fields["sid"] = self._session()
        body = json.dumps({"op": op, **fields}).encode()
        with urllib.request.urlopen(f"{self.url}api/", body, timeout=30) as answer:
            data: dict[str, object] = json.loads(answer.read())
        return data

    def _session(self) -> str:
        content = self.call("login", user=USER, password=PASSWORD)["content"]
        assert isinstance(content, dict), content
        return str(content["session_id"])

    def subscribe(self, feed_url: str, category: str = "") -> None:
        category_id = 0
        if category:
            self.sql(
                "INSERT INTO ttrss_feed_categories(owner_uid, title) SELECT 1, "
                f"'{category}' WHERE NOT EXISTS (SELECT 1 FROM ttrss_feed_categories "
                f"WHERE title = '{category}')"
            )
            found = self.sql(f"SELECT id FROM ttrss_feed_categories WHERE title = '{category}'")
            category_id = int(found.split()[0])
        answer = self.call("subscribeToFeed", feed_url=feed_url, category_id=category_id)
        assert answer.get("status") == 0, answer

    def update(self) -> None:
        """Fetch every feed now (the API's updateFeed answers OK but fetches nothing)."""
        for cached in (self.root / "cache" / "feeds").glob("*.xml"):
            cached.unlink()
        subprocess.run(
            ["runuser", "-u", "www-data", "--", "php", str(self.web / "update.php"), "--feeds",
             "--force-update"],
            cwd=self.web, check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def _ids(self, feed: int, mode: str) -> dict[int, str]:
        found: dict[int, str] = {}
        for skip in range(0, 10_000, 200):
            page = self.call("getHeadlines", feed_id=feed, view_mode=mode, limit=200, skip=skip)
            content = page["content"]
            assert isinstance(content, list), page
            found |= {int(h["id"]): str(h["link"]) for h in content}
            if len(content) < 200:
                return found
        raise AssertionError("more headlines than a test makes")

    def unread_ids(self) -> set[int]:
        return set(self._ids(-4, "unread"))

    def starred_ids(self) -> set[int]:
        return set(self._ids(-1, "all_articles"))

    def links(self) -> dict[int, str]:
        return self._ids(-4, "all_articles")

    def star(self, item: int, starred: bool) -> None:
        answer = self.call("updateArticle", article_ids=str(item), mode=int(starred), field=0)
        assert answer.get("status") == 0, answer

    def delete_item(self, item: int) -> None:
        """A story the server forgot (its purge of old articles)."""
        self.sql(f"DELETE FROM ttrss_user_entries WHERE ref_id = {int(item)}")
        self.sql(f"DELETE FROM ttrss_entries WHERE id = {int(item)}")


def disable_api(server: TtRssServer) -> None:
    server.sql("UPDATE ttrss_user_prefs SET value = 'false' WHERE pref_name = 'ENABLE_API_ACCESS'")
