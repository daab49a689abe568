"""What each setting of config.toml may hold: a value newsterm uses, or one warning line.

A setting that is misspelt or of the wrong type is never ignored in silence: it costs one
line naming it (and its feed), and the default is used instead. The file itself is left
as the person wrote it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from newsterm.core.model import Subscription
from newsterm.core.text.clean import clean_line

if TYPE_CHECKING:
    from newsterm.core.library.rules import Rule
    from newsterm.core.sync.account import Account

FEED_TABLES = "feed"
VIEW_TABLES = "view"
VIEW_SETTINGS = frozenset({"name", "query", "notify"})
RULE_TABLES = "rule"
RULE_SETTINGS = frozenset({"match", "action"})
PLAYERS = "open"
ACCOUNT = "account"
ACCOUNT_SETTINGS = frozenset({"kind", "url", "user", "password_command", "password_env"})
URL_PLACE = "{url}"
SETTINGS = frozenset(
    {"theme", "refresh_minutes", "keep_read_days", "fetch_timeout_seconds", "sources", "keymap"}
    | {"library_wait_seconds", "headline_lines", PLAYERS, VIEW_TABLES, RULE_TABLES}
    | {"images", "image_cache_mb", ACCOUNT}
    | {FEED_TABLES}  # the [[feed]] tables, read one by one by `Checker.feeds`
)
FEED_SETTINGS = frozenset(
    {"url", "title", "section", "html_url", "refresh_minutes", "limit", "full_text", "images"}
)
IMAGES_CHOICES = ("on", "off", "starred-only")
_SHOWN_CHARS = 40


class ConfigError(Exception):
    """config.toml cannot be read or written: one line naming the file (and where in it)."""


@dataclass(frozen=True, slots=True)
class Player:
    """`[open] "audio/*" = ["mpv", "{url}"]`: the program an attachment of a type opens in."""

    pattern: str
    """A MIME type, or a family of them (`audio/*`, `*`)."""
    command: tuple[str, ...]
    """The program and its arguments; `{url}` is where the link goes, as one argument."""


@dataclass(frozen=True, slots=True)
class SavedView:
    """`[[view]] name = "Science this week" query = "unread section:Science newer:7d"`."""

    name: str
    query: str
    """Read by library/view_query.py; one that cannot be read is not kept (one line)."""
    notify: bool = False
    """Say so on the desktop when a refresh brings stories this view lists."""


@dataclass(slots=True)
class Checker:
    """Reads settings out of parsed TOML tables, keeping one line per setting it cannot use."""

    where: str
    """The file, named at the start of every warning."""
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.warnings.append(f"{self.where}: {message}")

    def unknown(self, table: dict[str, Any], known: frozenset[str], owner: str = "") -> None:
        for key in table:
            if key not in known:
                self.warn(f"{owner}unknown setting {shown(key)}, ignored")

    def text(self, table: dict[str, Any], key: str, owner: str = "") -> str | None:
        value = table.get(key)
        if value is None or isinstance(value, str):
            return value
        self.warn(f"{owner}{key} = {shown(value)} is not text in quotes; ignored")
        return None

    def whole(
        self, table: dict[str, Any], key: str, *, least: int, owner: str = "", instead: str
    ) -> int | None:
        """A whole number of at least `least`; `instead` says what is used when it is not."""
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= least:
            return value
        self.warn(
            f"{owner}{key} = {shown(value)} is not a whole number, {least} or more; {instead}"
        )
        return None

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key)
        if value is None or isinstance(value, dict):
            return value or {}
        self.warn(f"{key} = {shown(value)} is not a table ([{key}]); ignored")
        return {}

    def texts(self, data: dict[str, Any], key: str) -> list[str]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.warn(f"{key} = {shown(value)} is not a list of text in quotes; ignored")
            return []
        kept = [item for item in value if isinstance(item, str)]
        for item in value:
            if not isinstance(item, str):
                self.warn(f"{key}: {shown(item)} is not text in quotes; ignored")
        return kept

    def keymap(self, data: dict[str, Any]) -> dict[str, str]:
        keymap: dict[str, str] = {}
        for binding, keys in self.table(data, "keymap").items():
            if isinstance(keys, str):
                keymap[binding] = keys
            else:
                self.warn(
                    f"keymap: {shown(binding)} = {shown(keys)} is not keys in quotes; ignored"
                )
        return keymap

    def players(self, data: dict[str, Any]) -> list[Player]:
        players: list[Player] = []
        for pattern, command in self.table(data, PLAYERS).items():
            owner = f"open: {shown(pattern)} = "
            if not isinstance(command, list):
                self.warn(f"{owner}{shown(command)} is not a command as a list; ignored")
            elif not command:
                self.warn(f"{owner}an empty command; ignored")
            elif not all(isinstance(part, str) for part in command):
                self.warn(f"{owner}a list with something other than text in it; ignored")
            elif not any(URL_PLACE in part for part in command[1:]):
                self.warn(f"{owner}a command without {URL_PLACE} after the program; ignored")
            elif _runs_a_shell(command):
                self.warn(f"{owner}a shell would read the link as commands; ignored")
            else:
                players.append(Player(pattern.strip().lower(), tuple(command)))
        return players

    def account(self, data: dict[str, Any]) -> Account | None:
        """`[account]`: the server to sync with; one line, and no sync, when it is not
        whole (a password written here is refused: it belongs in a command or variable)."""
        from newsterm.core.sync.account import DEFAULT_PASSWORD_ENV, KINDS, Account, address_problem

        table = self.table(data, ACCOUNT)
        if not table:
            return None
        owner = f"{ACCOUNT}: "
        self.unknown({k: v for k, v in table.items() if k != "password"}, ACCOUNT_SETTINGS, owner)
        if "password" in table:
            self.warn(f"{owner}a password is not kept in config.toml: use password_command or "
                      f"password_env; no sync")  # fmt: skip
            return None
        kind, url, user = (self.text(table, key, owner) for key in ("kind", "url", "user"))
        command = self.texts(table, "password_command")
        env = self.text(table, "password_env", owner) or DEFAULT_PASSWORD_ENV
        if kind not in KINDS:
            self.warn(f"{owner}kind = {shown(kind)} is not one of {', '.join(KINDS)}; no sync")
        elif url is None or (problem := address_problem(url)):
            missing = "is missing" if url is None else problem
            self.warn(f"{owner}url {missing}; no sync")  # not shown: it may hold a password
        elif not user:
            self.warn(f"{owner}no user; no sync")
        else:
            return Account(kind, url, user, tuple(command), env)
        return None

    def tables(self, data: dict[str, Any], key: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each `[[key]]` table with the words its warnings begin with (`view 2: `); one
        that is not a table costs a line."""
        value = data.get(key)
        for number, table in enumerate(value if isinstance(value, list) else [value], 1):
            owner = f"{key} {number}: "
            if isinstance(table, dict):
                yield owner, table
            elif table is not None:
                self.warn(f"{owner}{shown(table)} is not a [[{key}]] table; ignored")

    def query_problem(self, query: str) -> str | None:
        """Why a view's or rule's query cannot be read (library/view_query.py), if it cannot."""
        from newsterm.core.library.view_query import QueryError, parse  # only when one is set

        try:
            parse(query)
        except QueryError as error:
            return str(error)
        return None

    def views(self, data: dict[str, Any]) -> list[SavedView]:
        views: list[SavedView] = []
        for owner, table in self.tables(data, VIEW_TABLES):
            self.unknown(table, VIEW_SETTINGS, owner)
            name, query = self.text(table, "name", owner), self.text(table, "query", owner)
            name = clean_line(name or "")
            if not name or not query:
                self.warn(f"{owner}a view needs a name and a query; ignored")
            elif any(view.name == name for view in views):
                self.warn(f"{owner}a second view named {shown(name)}; ignored")
            elif problem := self.query_problem(query):
                self.warn(f"view {shown(name)}: query {shown(query)}: {problem}; ignored")
            else:
                notify = table.get("notify", False)
                if not isinstance(notify, bool):
                    self.warn(f"{owner}notify = {shown(notify)} is not true or false; ignored")
                views.append(SavedView(name, query, notify is True))
        return views

    def rules(self, data: dict[str, Any]) -> list[Rule]:
        tables = list(self.tables(data, RULE_TABLES))
        if not tables:
            return []  # the library's modules load only for a config that has rules
        from newsterm.core.library.rules import ACTIONS, Rule

        rules: list[Rule] = []
        for owner, table in tables:
            self.unknown(table, RULE_SETTINGS, owner)
            match, action = self.text(table, "match", owner), self.text(table, "action", owner)
            if not match or action not in ACTIONS:
                actions = ", ".join(f'"{a}"' for a in ACTIONS)
                self.warn(f"{owner}a rule needs a match and an action ({actions}); ignored")
            elif problem := self.query_problem(match):
                self.warn(f"{owner}match {shown(match)}: {problem}; ignored")
            else:
                rules.append(Rule(match, action))
        return rules

    def feeds(self, data: dict[str, Any]) -> list[Subscription]:
        value = data.get(FEED_TABLES)
        if value is None:
            return []
        if isinstance(value, dict):  # `[feed]` where `[[feed]]` was meant: still one feed
            self.warn("[feed] is one table: write [[feed]] before each feed; read as one feed")
            value = [value]
        if not isinstance(value, list):
            self.warn(f"feed = {shown(value)} is not a list of [[feed]] tables; ignored")
            return []
        feeds = []
        for number, table in enumerate(value, 1):
            feed = self.feed(table, number)
            if feed is not None:
                feeds.append(feed)
        return feeds

    def feed(self, table: object, number: int) -> Subscription | None:
        owner = f"feed {number}: "
        if not isinstance(table, dict):
            self.warn(f"{owner}{shown(table)} is not a [[feed]] table; ignored")
            return None
        url = self.text(table, "url", owner)
        if not url or not url.strip():
            self.warn(f"{owner}no url, so it is not refreshed")
            return None
        owner = f"feed {number} ({shown(url.strip())[1:-1]}): "
        self.unknown(table, FEED_SETTINGS, owner)
        section = self.text(table, "section", owner)
        full_text = self.yes_no(table, "full_text", owner)
        images = self.yes_no(table, "images", owner)
        return Subscription(
            url=url.strip(),
            title=self.text(table, "title", owner) or "",
            sections=split_section(section or ""),
            html_url=self.text(table, "html_url", owner),
            refresh_minutes=self.whole(
                table, "refresh_minutes", least=1, owner=owner, instead="the default is used"
            ),
            limit=self.whole(table, "limit", least=1, owner=owner, instead="every item is kept"),
            full_text=full_text is True,
            images=images is not False,
        )

    def yes_no(self, table: dict[str, Any], key: str, owner: str = "") -> bool | None:
        value = table.get(key)
        if value is not None and not isinstance(value, bool):
            self.warn(f"{owner}{key} = {shown(value)} is not true or false; ignored")
            return None
        return value

    def choice(self, table: dict[str, Any], key: str, choices: tuple[str, ...]) -> str | None:
        """One of `choices`, or None (with a line naming them) when it is something else."""
        value = table.get(key)
        if isinstance(value, bool) and {"on", "off"} <= set(choices):
            return "on" if value else "off"  # `images = false`, as a feed's is written
        if value is None or value in choices:
            return value
        listed = ", ".join(f'"{c}"' for c in choices)
        self.warn(f'{key} = {shown(value)} is not one of {listed}; using "{choices[0]}"')
        return None


SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "fish", "csh", "tcsh", "cmd", "pwsh"})


def _runs_a_shell(command: list[str]) -> bool:
    """`["sh", "-c", "mpv {url}"]`: a feed's link, `$(…)` and `;` legal in it, as a script."""
    program = command[0].replace("\\", "/").rsplit("/", 1)[-1].lower().removesuffix(".exe")
    return program in SHELLS or (program == "env" and any(c in SHELLS for c in command[1:2]))


def split_section(section: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in section.split("/") if part.strip())


def subscription_to_toml(feed: Subscription) -> dict[str, Any]:
    out: dict[str, Any] = {"url": feed.url}
    if feed.title:
        out["title"] = feed.title
    if feed.sections:
        out["section"] = "/".join(feed.sections)
    if feed.html_url:
        out["html_url"] = feed.html_url
    if feed.refresh_minutes is not None:
        out["refresh_minutes"] = feed.refresh_minutes
    if feed.limit is not None:
        out["limit"] = feed.limit
    if feed.full_text:
        out["full_text"] = True
    if not feed.images:
        out["images"] = False
    return out


def shown(value: object) -> str:
    """A value as a warning quotes it: text cleaned and cut short, other values by kind."""
    if isinstance(value, str):
        text = clean_line(value)
        return f'"{text[:_SHOWN_CHARS]}…"' if len(text) > _SHOWN_CHARS else f'"{text}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a date"  # the only other values TOML has
