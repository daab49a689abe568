"""The `[account]` a person syncs with, and its password: asked of an environment
variable or a command each time, never written down by newsterm."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from newsterm.core.sync.remote import SyncError

KINDS = ("fever", "ttrss", "greader", "miniflux")
"""The servers' APIs newsterm speaks."""
DEFAULT_PASSWORD_ENV = "NEWSTERM_PASSWORD"
_COMMAND_SECONDS = 30


@dataclass(frozen=True, slots=True)
class Account:
    kind: str
    url: str
    user: str
    password_command: tuple[str, ...] = ()
    """A program that prints the password (`["pass", "show", "rss"]`); first when given."""
    password_env: str = DEFAULT_PASSWORD_ENV

    @property
    def key(self) -> str:
        """Who this account is to the library: a library synced with another account
        forgets the first one's item numbers."""
        return f"{self.kind} {self.user} {same_address(self.url)}"

    def password(self) -> str:
        """The password, from the command or else the environment (SyncError: one line)."""
        if self.password_command:
            return _from_command(self.password_command)
        secret = os.environ.get(self.password_env)
        if not secret:
            raise SyncError(
                f"no password for {self.user}: set {self.password_env} or give "
                "password_command in [account]"
            )
        return secret


def same_address(url: str) -> str:
    """`HTTPS://Rss.example/fever` and `https://rss.example/fever/` are one server."""
    scheme, _, rest = url.partition("://")
    host, slash, path = rest.partition("/")
    return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/")


def address_problem(url: str | None) -> str | None:
    """Why `url` cannot be an account's address (None: it can). A name or password in
    it would be written to config.toml and sent to every page; a query or fragment is no
    API's root."""
    from urllib.parse import urlsplit

    if not url or not url.lower().startswith(("http://", "https://")):
        return "is not an http(s) address"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises on a port that is no number
    except ValueError:
        return "is not an address newsterm can call"
    if not parts.hostname:
        return "names no server"
    if parts.username or parts.password:
        return "holds a user or password: give the user as `user`, the password elsewhere"
    if parts.query or parts.fragment:
        return "has a query or fragment: give the API's own address"
    return None


def _from_command(command: tuple[str, ...]) -> str:
    name = command[0]
    try:
        done = subprocess.run(
            list(command),
            capture_output=True,
            text=True,
            errors="replace",
            timeout=_COMMAND_SECONDS,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except FileNotFoundError:
        raise SyncError(f"password_command: {name} is not installed") from None
    except subprocess.TimeoutExpired:
        raise SyncError(f"password_command: {name} gave no password in 30 s") from None
    except OSError as error:
        raise SyncError(f"password_command: {name}: {error.strerror or error}") from None
    lines = done.stdout.splitlines()
    if done.returncode != 0 or not lines or not lines[0]:
        raise SyncError(f"password_command: {name} gave no password (exit {done.returncode})")
    return lines[0]  # `pass` prints the password on its first line, notes after it
