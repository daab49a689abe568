"""One call to a server's API: a POST whose JSON answer is read whole, within a size cap
and a total deadline (httpx times each read only: a server dripping a byte a second
would never trip it)."""

from __future__ import annotations

import asyncio
import json
import zlib
from typing import Any

import httpx

from newsterm.core.net.bounded_body import BodyDecoder
from newsterm.core.net.errors import FetchError, network_error
from newsterm.core.sync.remote import SyncError
from newsterm.core.text.clean import clean_line

MAX_ANSWER_BYTES = 32 * 1024 * 1024
CALL_SECONDS = 60.0


async def post_json(
    client: httpx.AsyncClient,
    url: str,
    *,
    query: str = "",
    form: dict[str, str] | None = None,
    body: dict[str, Any] | None = None,
    seconds: float = CALL_SECONDS,
) -> dict[str, Any]:
    """POST `form` (as a form) or `body` (as JSON) to `url?query` and the JSON object it
    answers (SyncError otherwise)."""
    address = f"{url}?{query}" if query else url
    try:
        async with asyncio.timeout(seconds):
            return await _answer(client, address, form, body)
    except TimeoutError:
        late = f"{_host(url)} did not answer within {seconds:.0f} s"
        raise SyncError(late, offline=True) from None
    except FetchError as problem:  # the answer was past the size cap
        raise SyncError(f"{_host(url)}: {problem.message}") from None
    except zlib.error:
        raise SyncError(f"{_host(url)} sent an answer that could not be decompressed") from None
    except httpx.InvalidURL:
        raise SyncError(f"{url!r} is not an address newsterm can call") from None
    except httpx.HTTPError as error:
        failed = network_error(error, url)
        raise SyncError(failed.message, offline=failed.offline) from None


async def _answer(
    client: httpx.AsyncClient,
    address: str,
    form: dict[str, str] | None,
    body: dict[str, Any] | None,
) -> dict[str, Any]:
    async with client.stream("POST", address, data=form, json=body) as response:
        encoding = response.headers.get("content-encoding", "identity")
        decoder = BodyDecoder(encoding, MAX_ANSWER_BYTES)
        async for chunk in response.aiter_raw():
            decoder.feed(chunk)
        received = decoder.finish()
    if 300 <= response.status_code < 400:
        raise SyncError(
            f"{_host(address)} sends the API elsewhere (HTTP {response.status_code}): "
            "give the address it redirects to"
        )
    if response.status_code in (401, 403):
        raise SyncError(f"{_host(address)} refused the account (HTTP {response.status_code})")
    if response.status_code >= 400:
        raise SyncError(f"{_host(address)} answered HTTP {response.status_code}")
    try:
        answer = json.loads(received)
    except (ValueError, RecursionError):
        raise SyncError(f"{_host(address)} did not answer in JSON: is the API enabled?") from None
    if not isinstance(answer, dict):
        raise SyncError(f"{_host(address)} answered something other than a JSON object")
    return answer


def _host(url: str) -> str:
    try:
        return clean_line(httpx.URL(url).host) or "the server"
    except httpx.InvalidURL:
        return "the server"
