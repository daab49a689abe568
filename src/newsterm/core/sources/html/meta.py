"""What a page says about its story outside the text: headline, byline, date, section.

Pages say it three ways, often all at once and not always alike: <meta> tags (OpenGraph,
Twitter, Dublin Core, Parse.ly...), a schema.org Article in JSON-LD, and the visible
markup (the <h1>, a byline, <time>, breadcrumbs). Each reader below takes the most
reliable first and falls back in order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from difflib import SequenceMatcher
from typing import Any

from newsterm.core.sources.dates import parse_date
from newsterm.core.sources.html.elements import (
    SKIP_TAGS,
    Element,
    class_and_id,
    label_text,
    tag_name,
)
from newsterm.core.text.clean import clean_line
from newsterm.core.text.urls import absolute_url

__all__ = [
    "MetaTags",
    "authors",
    "base_url",
    "canonical_url",
    "headline",
    "json_ld_article",
    "meta_tags",
    "published",
    "sections",
    "site_name",
    "summary",
]

MetaTags = dict[str, list[str]]
"""Every <meta> content by its name, property or itemprop, lowercased."""

_BYLINE_PREFIX = re.compile(r"^(?:by|von|par|por|de|di|door|av|af)\s+", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\bund\b)\s*", re.IGNORECASE)
_TITLE_SEPARATORS = re.compile(r"\s+[-–—|:·•»]\s+|\s*_\s*")
_ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "reportagenewsarticle",
        "blogposting",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "report",
        "scholarlyarticle",
        "techarticle",
        "webpage",
        "liveblogposting",
    }
)


def meta_tags(root: Element) -> MetaTags:
    """All <meta name|property|itemprop=... content=...>, keys lowercased."""
    index: MetaTags = {}
    for el in root.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key:
                index.setdefault(key, []).append(content)
    return index


def _first(tags: MetaTags, *keys: str) -> str:
    """The first non-blank value of the first key that has one: keys go most trusted first."""
    for key in keys:
        for value in tags.get(key, ()):
            cleaned = clean_line(value)
            if cleaned:
                return cleaned
    return ""


def _json_ld_objects(root: Element) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD, @graph members too, 500 at most per script."""
    for script in root.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]"):
        raw = script.text or ""
        if not raw.strip() or len(raw) > 2_000_000:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack: list[Any] = [data]
        seen = 0
        while stack and seen < 500:
            item = stack.pop()
            seen += 1
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(reversed(graph))


def json_ld_article(root: Element) -> dict[str, Any]:
    """The page's schema.org Article object (NewsArticle and kin), or {}."""
    for obj in _json_ld_objects(root):
        types = obj.get("@type")
        names = types if isinstance(types, list) else [types]
        if any(isinstance(t, str) and t.lower() in _ARTICLE_TYPES for t in names) and (
            obj.get("headline") or obj.get("datePublished") or obj.get("author")
        ):
            return obj
    return {}


def _ld_names(value: Any) -> list[str]:
    """A JSON-LD person or organisation, or a list of them, as names ("X" or {"name": "X"})."""
    values = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in values[:20]:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            names.append(item["name"])
    return names


def base_url(root: Element, url: str | None) -> str | None:
    """What the page's relative links resolve against: <base>, its address, its canonical."""
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        resolved = absolute_url(base_el.get("href"), url)
        if resolved:
            return resolved
    if url:
        return url
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical":
            return absolute_url(el.get("href"), None)
    return None


def canonical_url(root: Element, tags: MetaTags, base: str | None) -> str | None:
    """The story's own address, which a saved page may not have been read from."""
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split():
            found = absolute_url(el.get("href"), base)
            if found:
                return found
    return absolute_url(_first(tags, "og:url", "twitter:url"), base)


def site_name(tags: MetaTags, ld: dict[str, Any]) -> str:
    """The publication's name, from its meta tags or the JSON-LD publisher ("" if neither)."""
    site = _first(
        tags,
        "og:site_name",
        "application-name",
        "twitter:site:name",
        "publisher",
        "dc.publisher",
        "cre",
    )
    if not site:
        publisher = _ld_names(ld.get("publisher"))
        site = clean_line(publisher[0]) if publisher else ""
    return site


def _page_titles(root: Element, tags: MetaTags) -> list[str]:
    """The titles the page gives itself (og:, twitter:, <title>), the site often appended."""
    titles = [_first(tags, "og:title"), _first(tags, "twitter:title")]
    title_el = root.find(".//title")
    if title_el is not None:
        titles.append(clean_line(title_el.text_content()))
    return [t for t in titles if t]


def _strip_site_suffix(title: str, site: str) -> str:
    """ "Headline - Site" -> "Headline": drop the shorter trailing (or leading) part."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if site and clean_line(parts[-1]).casefold() == site.casefold():
        return clean_line(" - ".join(parts[:-1]))
    if site and clean_line(parts[0]).casefold() == site.casefold():
        return clean_line(" - ".join(parts[1:]))
    longest = max(parts, key=len)
    return clean_line(longest) if len(longest.split()) >= 3 else title


def _similarity(a: str, b: str) -> float:
    """0 to 1: how alike two titles are, one held inside the other scoring at least 0.6."""
    a, b = a.casefold()[:300], b.casefold()[:300]
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 0.6 + 0.4 * min(len(a), len(b)) / max(len(a), len(b))
    return SequenceMatcher(None, a, b).ratio()


def headline(root: Element, tags: MetaTags, site: str) -> str:
    """The <h1> closest to og:title/<title>; else og:title/<title> minus the site suffix."""
    titles = _page_titles(root, tags)
    candidates: list[tuple[float, int, str]] = []
    for position, h1 in enumerate(root.iter("h1")):
        text = label_text(h1)
        if not text or len(text) > 400:
            continue
        if site and text.casefold() == site.casefold():
            continue
        if any(tag_name(a) in ("nav", "footer") for a in h1.iterancestors()):
            continue
        score = max((_similarity(text, t) for t in titles), default=0.0)
        if "logo" in class_and_id(h1) or (h1.find("a") is not None and len(text.split()) <= 2):
            score -= 0.5
        candidates.append((score, -position, text))
    if candidates:
        best = max(candidates)
        if len(candidates) == 1 or best[0] > 0.2 or not titles:
            return best[2]
    if titles:
        return _strip_site_suffix(titles[0], site)
    return ""


def authors(root: Element, tags: MetaTags, ld: dict[str, Any]) -> tuple[str, ...]:
    """Each author once, "By" and "and" taken off; the byline markup only if no tag names one."""
    raw: list[str] = []
    raw += [
        v
        for v in tags.get("author", []) + tags.get("article:author", [])
        if not v.strip().lower().startswith(("http:", "https:"))
    ]
    raw += tags.get("byl", []) + tags.get("sailthru.author", []) + tags.get("parsely-author", [])
    raw += _ld_names(ld.get("author"))
    if not raw:
        for el in root.xpath(
            "//*[@rel='author' or @itemprop='author' or contains(concat(' ',normalize-space("
            "@class),' '),' byline ') or contains(@class,'byline__name')"
            " or contains(@class,'author-name')][position() <= 5]"
        ):
            if tag_name(el) in SKIP_TAGS:
                continue
            name_el = el.find(".//*[@itemprop='name']")
            raw.append(label_text(name_el if name_el is not None else el))
    names: list[str] = []
    for value in raw:
        value = _BYLINE_PREFIX.sub("", clean_line(value))
        parts = [clean_line(p) for p in _AUTHOR_SPLIT.split(value)]
        if not all(0 < len(p.split()) <= 5 for p in parts):
            parts = [value]
        for part in parts:
            part = _BYLINE_PREFIX.sub("", part).strip(" ,;|")
            if part and len(part) <= 100 and part.casefold() not in {n.casefold() for n in names}:
                names.append(part)
    # "devindra" (a user name) next to "Devindra Hardawar": keep the fuller name.
    full = [a for a in names if not any(a.casefold() in b.casefold() and a != b for b in names)]
    return tuple(full[:10])


def published(root: Element, tags: MetaTags, ld: dict[str, Any]) -> datetime | None:
    """Publication time, aware when the page says its zone; None if absent or absurd."""
    candidates: list[str] = []
    for key in (
        "article:published_time",
        "og:published_time",
        "datepublished",
        "publication_date",
        "pubdate",
        "publishdate",
        "date",
        "dc.date.issued",
        "dc.date",
        "sailthru.date",
        "parsely-pub-date",
        "article.published",
        "og:pubdate",
        "datecreated",
        "article:modified_time",
    ):
        candidates += tags.get(key, ())
    if isinstance(ld.get("datePublished"), str):
        candidates.insert(0, ld["datePublished"])
    for el in root.xpath("//*[@itemprop='datePublished']"):
        candidates.append(el.get("content") or el.get("datetime") or "")
    for el in root.xpath("//time[@datetime][position() <= 3]"):
        candidates.append(el.get("datetime") or "")
    parsed = [d for d in (parse_date(c) for c in candidates) if d is not None]
    for when in parsed:
        if when.tzinfo is not None:
            return when
    return parsed[0] if parsed else None


def summary(root: Element, tags: MetaTags) -> str | None:
    """The description the page gives, else its standfirst; None when it has neither."""
    found = _first(tags, "og:description", "twitter:description", "description", "dc.description")
    if not found:
        for el in root.xpath(
            "//*[contains(@class,'standfirst') or contains(@class,'dek')"
            " or contains(@class,'subheadline') or contains(@class,'article-summary')]"
            "[position() <= 3]"
        ):
            text = label_text(el)
            if text:
                found = text
                break
    return found[:2000] or None


def sections(root: Element, tags: MetaTags, ld: dict[str, Any]) -> tuple[str, ...]:
    """The sections the story is filed under, else its breadcrumbs without "Home"."""
    raw = list(tags.get("article:section", ()))
    section = ld.get("articleSection")
    if isinstance(section, str):
        raw.append(section)
    elif isinstance(section, list):
        raw += [s for s in section if isinstance(s, str)]
    if not raw:
        crumbs = root.xpath(
            "(//*[contains(@itemtype,'BreadcrumbList') or contains(@class,'breadcrumb')])[1]"
        )
        if crumbs:
            items = crumbs[0].xpath(".//li | .//a[not(ancestor::li)]")
            raw += [label_text(item) for item in items[:8]]
    kept: list[str] = []
    for value in raw:
        value = clean_line(value)
        if (
            value
            and len(value) <= 60
            and value not in kept
            and value.casefold() not in ("home", "accueil", "inicio")
        ):
            kept.append(value)
    return tuple(kept[:8])
