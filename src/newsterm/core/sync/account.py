"""The `[account]` a person syncs with, and its password: asked of an environment
variable or a command each time, never written down by newsterm."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass

from newsterm.core.sync.remote import SyncError

KINDS = ("fever", "ttrss", "greader")
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
        return f"{self.kind} {self.user} {self.url}"

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


def _from_command(command: tuple[str, ...]) -> str:
    name = command[0]
    try:
        done = subprocess.run(
            list(command),
            capture_output=True,
            text=True,
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
