"""Privacy by default: stored links carry no tracking parameters.

Tracking pixels are dropped where HTML becomes blocks (sources/html/images.py); here the
links themselves lose `utm_*`, `fbclid`, `gclid` and their kind, so neither
the library nor the browser we hand a link to tells anyone where it was read.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsterm.core.model import Article, Document, Link

TRACKING_PREFIXES = ("utm_", "mtm_", "pk_")
TRACKING_NAMES = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "yclid",
    "igshid", "_hsenc", "_hsmi", "ref_src", "oly_enc_id", "oly_anon_id", "vero_id", "wickedid",
    "twclid", "ttclid", "s_cid", "ocid", "cmpid",
})  # fmt: skip


def is_tracking_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_NAMES or lowered.startswith(TRACKING_PREFIXES)


def without_tracking(url: str) -> str:
    """The same URL minus tracking parameters (other parameters and their order kept)."""
    if "?" not in url:
        return url
    try:
        parts = urlsplit(url)
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError:
        return url
    kept = [(k, v) for k, v in query if not is_tracking_parameter(k)]
    if len(kept) == len(query):
        return url
    return urlunsplit(parts._replace(query=urlencode(kept)))


def _link(link: Link) -> Link:
    return replace(link, url=without_tracking(link.url)) if link.url else link


def scrub_article(article: Article) -> Article:
    article.url = without_tracking(article.url) if article.url else None
    article.links = [_link(link) for link in article.links]
    article.related = [_link(link) for link in article.related]
    article.enclosures = [replace(e, url=without_tracking(e.url)) for e in article.enclosures]
    return article


def scrub(document: Document) -> Document:
    for article in document.articles:
        scrub_article(article)
    return document
