"""Sources a person names: files and folders, `-` for standard input, http(s) addresses.

An address is fetched with the same polite, bounded `Fetcher` a refresh uses
(its total deadline comes from the config), so `newsterm cat URL` honours the
same limits; a network that cannot be reached costs one line saying so.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from newsterm.core.net.errors import FetchError
from newsterm.core.net.fetch import Fetcher, FetchResult
from newsterm.core.sources import Loaded, add_bytes, add_path, add_stream
from newsterm.core.text.clean import clean_line

STDIN = "-"


def is_address(name: str) -> bool:
    return name.strip().lower().startswith(("http://", "https://"))


def load_named(
    names: Sequence[str], *, fetch_timeout: float, stdin: BinaryIO | None = None
) -> Loaded:
    """Every named source, in the order named; each failure is one line in `errors`."""
    addresses = [name for name in names if is_address(name)]
    fetched = asyncio.run(_fetch_all(addresses, fetch_timeout)) if addresses else {}
    loaded = Loaded()
    for name in names:
        if name == STDIN and stdin is not None:
            add_stream(loaded, stdin)
        elif name in fetched:
            _add_fetched(loaded, name, fetched[name])
        else:
            add_path(loaded, Path(name))
    return loaded


async def _fetch_all(addresses: list[str], timeout: float) -> dict[str, FetchResult | FetchError]:
    """Each address once, all at once, within the Fetcher's per-host limits."""
    unique = list(dict.fromkeys(addresses))
    async with Fetcher(total_deadline=timeout) as fetcher:

        async def one(url: str) -> FetchResult | FetchError:
            try:
                return await fetcher.fetch(url)
            except FetchError as error:
                return error

        results = await asyncio.gather(*(one(url) for url in unique))
    return dict(zip(unique, results, strict=True))


def _add_fetched(loaded: Loaded, name: str, outcome: FetchResult | FetchError) -> None:
    shown = clean_line(name)
    if isinstance(outcome, FetchError):
        loaded.errors.append(f"{shown}: {_problem(outcome)}")
        return
    url = outcome.final_url
    label = Path(urlsplit(url).path).name or urlsplit(url).hostname or ""
    add_bytes(loaded, shown, outcome.body or b"", url=url, name=label)


def _problem(error: FetchError) -> str:
    """The fetch's one line, led by "offline" when no network could be reached."""
    return f"offline: {error.message}" if error.offline else error.message
