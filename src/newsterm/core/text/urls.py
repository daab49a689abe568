"""URLs from untrusted sources: made absolute, cleaned, and checked before anything opens them."""

from __future__ import annotations

import functools
from collections.abc import Collection
from urllib.parse import urljoin, urlsplit

from newsterm.core.text.clean import clean_url

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


def absolute_url(
    value: object, base: str | None, schemes: Collection[str] = ("http", "https")
) -> str | None:
    """A cleaned, absolute URL with an allowed scheme, or None (javascript:, data:, junk)."""
    url = clean_url(value) if isinstance(value, str) else None
    if not url or url.startswith("#"):
        return None
    try:
        if base:
            url = urljoin(_clean_base(base), url)
        elif url.startswith("//"):
            url = "https:" + url
        parts = urlsplit(url)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in schemes or (scheme in ("http", "https") and not parts.netloc):
        return None
    return url


@functools.lru_cache(maxsize=64)
def _clean_base(base: str) -> str:
    """A feed resolves all its links against one base: clean it once."""
    return clean_url(base) or ""


def scheme_of(url: str) -> str:
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return ""


def refusal_to_open(url: str | None) -> str | None:
    """Why a link must not be handed to a browser, or None when it is safe to open."""
    cleaned = clean_url(url)
    if not cleaned:
        return "this story has no link"
    if cleaned.startswith("-"):
        return "refused a link that starts with '-'"
    scheme = scheme_of(cleaned)
    if scheme not in OPENABLE_SCHEMES:
        return f"refused to open a {scheme or 'relative'}: link"
    return None


def guessed_type(url: str) -> str:
    """`audio/mpeg` for an untyped `…/episode.mp3`, so it still opens in its player; empty
    when the name says nothing."""
    import mimetypes  # its table is read on first use

    return mimetypes.guess_type(url.split("?")[0].split("#")[0], strict=False)[0] or ""
