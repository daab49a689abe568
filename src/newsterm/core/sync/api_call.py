"""One call to a server's API, read whole within a size cap and a total deadline (httpx
times each read only: a server dripping a byte a second would never trip it). Every way
it can fail is one SyncError line; a redirect is never followed (the account's secret
must not travel on to another address)."""

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


async def call(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    params: dict[str, str] | None = None,
    content: bytes | None = None,
    form: dict[str, str] | None = None,
    body: object = None,
    headers: dict[str, str] | None = None,
    seconds: float = CALL_SECONDS,
) -> tuple[int, bytes]:
    """The answer's status and body (a redirect is a SyncError)."""
    try:
        async with asyncio.timeout(seconds):
            request = client.build_request(
                method, url, params=params, content=content, data=form, json=body, headers=headers
            )
            response = await client.send(request, stream=True)
            try:
                decoder = BodyDecoder(
                    response.headers.get("content-encoding", "identity"), MAX_ANSWER_BYTES
                )
                async for chunk in response.aiter_raw():
                    decoder.feed(chunk)
                received = decoder.finish()
            finally:
                await response.aclose()
    except TimeoutError:
        late = f"{host_of(url)} did not answer within {seconds:.0f} s"
        raise SyncError(late, offline=True) from None
    except FetchError as problem:  # the answer was past the size cap
        raise SyncError(f"{host_of(url)}: {problem.message}") from None
    except zlib.error:
        raise SyncError(f"{host_of(url)} sent an answer that could not be decompressed") from None
    except httpx.InvalidURL:
        raise SyncError("the account's address is not one newsterm can call") from None
    except httpx.HTTPError as error:
        failed = network_error(error, url)
        raise SyncError(failed.message, offline=failed.offline) from None
    if 300 <= response.status_code < 400:
        raise SyncError(
            f"{host_of(url)} sends the API elsewhere (HTTP {response.status_code}): "
            "give the address it redirects to"
        )
    return response.status_code, received


def parsed(received: bytes, host: str) -> Any:
    """The JSON of an answer (SyncError when it is none)."""
    try:
        return json.loads(received)
    except (ValueError, RecursionError):
        raise SyncError(f"{host} did not answer in JSON: is the API enabled?") from None


async def post_json(
    client: httpx.AsyncClient,
    url: str,
    *,
    query: str = "",
    form: dict[str, str] | None = None,
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """POST `form` (as a form) or `body` (as JSON) to `url?query` and the JSON object it
    answers (Fever's and TT-RSS's way)."""
    address = f"{url}?{query}" if query else url
    status, received = await call(client, "POST", address, form=form, body=body)
    host = host_of(url)
    if status in (401, 403):
        raise SyncError(f"{host} refused the account (HTTP {status})")
    if status >= 400:
        raise SyncError(f"{host} answered HTTP {status}")
    answer = parsed(received, host)
    if not isinstance(answer, dict):
        raise SyncError(f"{host} answered something other than a JSON object")
    return answer


def host_of(url: str) -> str:
    try:
        return clean_line(httpx.URL(url).host) or "the server"
    except httpx.InvalidURL:
        return "the server"
