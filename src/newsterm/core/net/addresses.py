"""Which addresses may be fetched, where a redirect leads, and the checks on both."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import httpx

from newsterm.core.net.errors import FetchError
from newsterm.core.text.clean import clean_url

_ALLOWED_SCHEMES = frozenset({"http", "https"})

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


async def refuse_bad_location(response: httpx.Response) -> None:
    """Check a redirect's Location before httpx reads it: httpx fails on one it cannot
    parse (`http://[::1/x`) with a message about its own parser, not about the address."""
    location = clean_url(response.headers.get("location"))
    if response.status_code in REDIRECT_CODES and location:
        redirect_target(str(response.url), location)


def redirect_target(current: str, location: str) -> str:
    """Where a redirect leads, checked like any address; "bad redirect address" when no
    URL parser can read it (a broken IPv6 literal, a port that is not a number)."""
    try:
        target = urljoin(current, location)
        _ = urlsplit(target).port, httpx.URL(target)
    except (ValueError, httpx.InvalidURL):
        raise FetchError("redirects", f"bad redirect address: {location}") from None
    return checked_url(target, redirect=True)


def checked_url(value: str, *, redirect: bool) -> str:
    """The URL cleaned, absolute and http/https, or a "scheme" FetchError before any request."""
    what = "a redirect to" if redirect else "to fetch"
    url = clean_url(value) if isinstance(value, str) else None
    if not url:
        raise FetchError("scheme", f"refused {what} an empty address")
    if url.startswith("-"):
        raise FetchError("scheme", f"refused {what} an address that starts with '-'")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError("scheme", f"refused {what} a malformed address") from None
    scheme = parts.scheme.lower()
    if scheme not in _ALLOWED_SCHEMES:
        shown = scheme[:20] if scheme else "relative"
        raise FetchError("scheme", f"refused {what} a {shown}: address (only http and https)")
    if not parts.hostname:
        raise FetchError("scheme", f"refused {what} an address without a host")
    return url
