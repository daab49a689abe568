"""Find the story a "Read also" link points at: by URL, or by its title when it has none."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsterm.core.clean import normalise_title
from newsterm.core.model import Article, Link

_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "ref",
        "ref_src",
        "cmpid",
        "ocid",
        "igshid",
        "yclid",
        "_hsenc",
        "_hsmi",
    }
)


def url_key(url: str) -> str:
    """The same page whatever the scheme, `www.`, trailing slash, fragment or tracking."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if k.lower() not in _TRACKING_NAMES and not k.lower().startswith(_TRACKING_PREFIXES)
    ]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("", host, path, urlencode(sorted(query)), ""))


class RelatedIndex:
    """Look-ups from URL and from normalised title to stories in the library."""

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self._by_url: dict[str, Article] = {}
        self._by_title: dict[str, Article] = {}
        for article in articles:
            self.add(article)

    def add(self, article: Article) -> None:
        if article.url:
            self._by_url.setdefault(url_key(article.url), article)
        key = normalise_title(article.title)
        if key:
            self._by_title.setdefault(key, article)

    def resolve(self, link: Link, *, exclude: str | None = None) -> Article | None:
        """The story the link means, never the story it sits in."""
        candidates = []
        if link.url:
            candidates.append(self._by_url.get(url_key(link.url)))
        if link.text:
            candidates.append(self._by_title.get(normalise_title(link.text)))
        return next((a for a in candidates if a is not None and a.id != exclude), None)
