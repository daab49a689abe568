"""An <img> to the picture it shows: the URL a lazy-loading page hides, trackers refused.

Pages put the real address in `data-src`, `srcset` and kin, and feeds add 1x1 pixels
that count readers: a pixel is not a picture, so it never becomes a block.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsterm.core.model import Figure
from newsterm.core.sources.html.elements import Element
from newsterm.core.text.clean import clean_line
from newsterm.core.text.urls import absolute_url

__all__ = ["first_in_srcset", "image_url", "is_tracking_pixel", "lone_image"]

_TRACKER_HOSTS = re.compile(
    r"(?:^|\.)(?:pixel\.wp\.com|stats\.wordpress\.com|doubleclick\.net|google-analytics\.com"
    r"|googletagmanager\.com|scorecardresearch\.com|quantserve\.com|feedsportal\.com"
    r"|facebook\.com/tr|analytics\.[^/]+|pixel\.[^/]+|stats\.[^/]+|counter\.[^/]+"
    r"|feeds\.feedburner\.com|feedproxy\.google\.com|pheedo\.com|ad\.[^/]+)$",
    re.IGNORECASE,
)
_IMAGE_ATTRS = ("src", "data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src")
_SRCSET_ATTRS = ("srcset", "data-srcset")


def first_in_srcset(value: str | None) -> str | None:
    """The first candidate's URL in a `srcset` ("a.jpg 1x, b.jpg 2x" -> "a.jpg")."""
    if not value:
        return None
    first = value.strip().split(",")[0].strip().split(" ")[0]
    return first or None


def image_url(img: Element, base_url: str | None) -> str | None:
    """The best absolute URL for an <img> (lazy-loading attributes and srcset included)."""
    candidates: list[str | None] = [img.get(attr) for attr in _IMAGE_ATTRS]
    candidates += [first_in_srcset(img.get(attr)) for attr in _SRCSET_ATTRS]
    for raw in candidates:
        if raw and not raw.strip().lower().startswith("data:"):
            url = absolute_url(raw, base_url)
            if url:
                return url
    return None


def is_tracking_pixel(img: Element, url: str | None) -> bool:
    """Sized 0 or 1 pixel, hidden, or served by a host that only counts readers."""
    for attr in ("width", "height"):
        value = (img.get(attr) or "").strip().lower().removesuffix("px").strip()
        if value in ("0", "1"):
            return True
    style = (img.get("style") or "").replace(" ", "").lower()
    if "width:1px" in style or "height:1px" in style or "display:none" in style:
        return True
    if url:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host == "feeds.feedburner.com" and not parts.path.startswith("/~r/"):
            return False
        if _TRACKER_HOSTS.search(host) or _TRACKER_HOSTS.search(host + parts.path[:3]):
            return True
    return False


def lone_image(img: Element, base_url: str | None) -> Figure | None:
    """A bare <img>: a figure with its alt text, unless it is a tracker or shows nothing."""
    url = image_url(img, base_url)
    if is_tracking_pixel(img, url):
        return None
    alt = clean_line(img.get("alt") or img.get("title"))
    if url is None and not alt:
        return None
    return Figure(image=url, alt=alt)
