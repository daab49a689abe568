"""Writing the subscription list back into config.toml without losing what a person wrote.

Every other setting stays; a feed keeps the settings newsterm does not know (or could not
use) beside the ones it changes, and a `[[feed]]` it could not read stays as it was. A
file or folder that cannot be written costs one line (ConfigError) and changes nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from newsterm.config_check import FEED_TABLES, Checker, ConfigError, subscription_to_toml
from newsterm.core.model import Subscription


def write_feeds(path: Path, data: dict[str, Any], feeds: tuple[Subscription, ...]) -> None:
    """Replace the subscriptions in `data` (config.toml as last read) and save it whole."""
    write_config(path, {**data, FEED_TABLES: feed_tables(data.get(FEED_TABLES), feeds)})


def write_config(path: Path, data: dict[str, Any]) -> None:
    """Save config.toml whole, as `data` (the file as read, with one thing changed)."""
    import tomli_w

    if path.exists() and not os.access(path, os.W_OK):
        raise ConfigError(f"cannot change {path}: the file is read-only; nothing was changed")
    tmp = path.with_suffix(".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(tomli_w.dumps(data), encoding="utf-8")
        if path.exists():
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))  # a private file stays private
        tmp.replace(path)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        reason = error.strerror or str(error)
        raise ConfigError(f"cannot change {path}: {reason}; nothing was changed") from None


def feed_tables(written: object, feeds: tuple[Subscription, ...]) -> list[dict[str, Any]]:
    """The `[[feed]]` tables for `feeds`, each built on the table it was read from."""
    old = [written] if isinstance(written, dict) else written if isinstance(written, list) else []
    wanted = {feed.url: feed for feed in feeds}
    tables: list[dict[str, Any]] = []
    placed: set[str] = set()
    for table in old:
        feed = Checker("").feed(table, 0)
        if feed is None:  # not a feed newsterm could read: kept for the person to fix
            tables.append(table)
        elif feed.url in wanted:  # (a feed written twice stays twice)
            placed.add(feed.url)
            tables.append(_updated(table, feed, wanted[feed.url]))
    tables += [subscription_to_toml(f) for f in feeds if f.url not in placed]
    return tables


def _updated(table: dict[str, Any], was: Subscription, now: Subscription) -> dict[str, Any]:
    """`table` with newsterm's settings for `now`, in the person's order; what newsterm
    could not read is left as it was."""
    understood, wanted = subscription_to_toml(was), subscription_to_toml(now)
    kept = {
        key: wanted.get(key, value)
        for key, value in table.items()
        if key in wanted or key not in understood
    }
    return kept | {key: value for key, value in wanted.items() if key not in kept}
