"""URLs from untrusted sources: made absolute, cleaned, and checked before anything opens them."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from newsterm.core.clean import clean_url

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


def absolute_url(value: object, base: str | None) -> str | None:
    """A cleaned URL resolved against `base`; None for anything that is not a usable string."""
    url = clean_url(value) if isinstance(value, str) else None
    if not url:
        return None
    if base:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    return clean_url(url)


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
