"""An <img> to the picture it shows: the URL a lazy-loading page hides, trackers refused.

Pages put the real address in `data-src`, `srcset` and kin, and feeds add 1x1 pixels
that count readers: a pixel is not a picture, so it never becomes a block. Nor do a
page's rules, spacers, icons and logos, and alt text that is only the file's name
("DSC_4482", "update_graphic_red_bar") is no description: a figure needs words.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsterm.core.model import Figure
from newsterm.core.sources.html.elements import Element, mark_words
from newsterm.core.text.clean import clean_line
from newsterm.core.text.urls import absolute_url

__all__ = [
    "first_in_srcset",
    "image_url",
    "is_decoration",
    "is_tracker_url",
    "is_tracking_pixel",
    "lone_image",
    "meaningful_alt",
]

_TRACKER_HOSTS = re.compile(
    r"(?:^|\.)(?:pixel\.wp\.com|stats\.wordpress\.com|doubleclick\.net|google-analytics\.com"
    r"|googletagmanager\.com|scorecardresearch\.com|quantserve\.com|feedsportal\.com"
    r"|facebook\.com/tr|analytics\.[^/]+|pixel\.[^/]+|stats\.[^/]+|counter\.[^/]+"
    r"|feeds\.feedburner\.com|feedproxy\.google\.com|pheedo\.com|ad\.[^/]+)$",
    re.IGNORECASE,
)
# Pictures that dress the page rather than tell the story, by their address or their class.
_DECORATION = re.compile(
    r"spacer\.|blank\.gif|transparent\.(?:gif|png)|clear\.gif|/1x1\.(?:gif|png)|/icons?/"
    r"|/logos?/|/logo[-_.]|[-_]logo\.(?:png|svg|gif)|/avatars?/|gravatar\.com|/emoji/"
    r"|/sprites?[-_./]|/placeholder[-_.]|/badges?/|/dividers?[-_.]",
    re.IGNORECASE,
)
_DECORATION_CLASSES = frozenset({"icon", "logo", "avatar", "emoji", "sprite", "spacer"})
# Alt text that says nothing: the element's kind, or the picture's role on the page.
_EMPTY_ALT_WORDS = (
    "image img photo picture pic graphic line spacer divider separator logo icon banner "
    "placeholder thumbnail thumb avatar blank pixel null undefined none alt untitled figure "
    "bild foto imagen immagine photo_credit image_description"
)
_EMPTY_ALTS = frozenset(_EMPTY_ALT_WORDS.split())
# One word with no spaces (the caller checks), shaped like a file's name.
_FILE_NAME = re.compile(
    r"\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)$"  # "p.png"
    r"|_"  # "update_graphic_red_bar", "DSC_4482"
    r"|^[^-]+(?:-[^-]+){2,}$"  # "0225-lupita-nyongo-getty-01"
    r"|\d",  # "Slide1", "Power2MaxNG", "2017-11-02"
    re.IGNORECASE,
)
_FIGURES_ONLY = re.compile(r"^[\d\s._:/-]+$")  # "2017-11-02 00.07.52"
_MAX_CHECKED_ALT = 300  # longer alt text is a description, whatever it looks like
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


def meaningful_alt(alt: str, url: str | None) -> str:
    """The alt text if it describes the picture; "" for a file name, a slug or "image"."""
    words = alt.strip(" .").casefold()
    if len(alt) > _MAX_CHECKED_ALT:
        return alt
    if not any(c.isalpha() for c in words) or words in _EMPTY_ALTS or _FIGURES_ONLY.match(alt):
        return ""
    if " " not in words and _FILE_NAME.search(words):
        return ""
    if url and words == urlsplit(url).path.rsplit("/", 1)[-1].rsplit(".", 1)[0].casefold():
        return ""
    return alt


def _smallest_side(img: Element) -> int | None:
    """The smaller of the width and height the <img> declares in pixels, if it does."""
    sides = [
        int(value)
        for attr in ("width", "height")
        if (value := (img.get(attr) or "").strip().lower().removesuffix("px").strip()).isdigit()
    ]
    return min(sides) if sides else None


def is_decoration(img: Element, url: str | None) -> bool:
    """A rule, spacer, icon or logo: at most 3 pixels in one direction, or named as one."""
    side = _smallest_side(img)
    if side is not None and side <= 3:
        return True
    classes = set(mark_words((img.get("class") or "").lower()))
    return bool(classes & _DECORATION_CLASSES) or bool(url and _DECORATION.search(url))


def is_tracking_pixel(img: Element, url: str | None) -> bool:
    """Sized 0 or 1 pixel, hidden, or served by a host that only counts readers."""
    side = _smallest_side(img)
    if side is not None and side <= 1:
        return True
    style = (img.get("style") or "").replace(" ", "").lower()
    if "width:1px" in style or "height:1px" in style or "display:none" in style:
        return True
    return url is not None and is_tracker_url(url)


def is_tracker_url(url: str) -> bool:
    """Served by a host that only counts readers (analytics, ad and stats pixels)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host == "feeds.feedburner.com" and not parts.path.startswith("/~r/"):
        return False
    return bool(_TRACKER_HOSTS.search(host) or _TRACKER_HOSTS.search(host + parts.path[:3]))


def lone_image(img: Element, base_url: str | None) -> Figure | None:
    """A bare <img> with words that describe it: a figure; a tracker, decoration or an
    unexplained picture is nothing (it would show as an empty panel)."""
    url = image_url(img, base_url)
    if is_tracking_pixel(img, url) or is_decoration(img, url):
        return None
    alt = meaningful_alt(clean_line(img.get("alt") or img.get("title")), url)
    if not alt:
        return None
    return Figure(image=url, alt=alt)
