"""`newsterm login fever URL USER`: check an account on a sync server, then keep it in
config.toml's `[account]` (the password never: it is asked of `--password-command` or
the environment variable each time)."""

from __future__ import annotations

import argparse
import asyncio

from newsterm.commands.output import error
from newsterm.commands.settings import needs_config
from newsterm.config import Config
from newsterm.config_check import ACCOUNT
from newsterm.core.sync.account import DEFAULT_PASSWORD_ENV, Account, address_problem
from newsterm.core.sync.remote import SyncError
from newsterm.core.sync.session import check_account


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
    command = tuple(options.password_command or ())
    account = Account(options.kind, options.url, options.user, command, options.password_env)
    if problem := address_problem(account.url):
        error(f"not logged in: the address {problem}")
        return 1
    try:
        asyncio.run(check_account(account))
    except SyncError as problem:
        error(f"not logged in: {problem}")
        return 1
    table: dict[str, object] = {"kind": account.kind, "url": account.url, "user": account.user}
    if command:
        table["password_command"] = list(command)
    if account.password_env != DEFAULT_PASSWORD_ENV:
        table["password_env"] = account.password_env
    config.with_table(ACCOUNT, table)
    print(f"logged in to {account.url} as {account.user}; `newsterm refresh` syncs")
    return 0
