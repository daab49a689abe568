"""Page furniture: the sidebars, promos, sharing bars and comment boxes around a story.

Pages name their furniture in class and id words ("sidebar", "share-tools",
"newsletter-signup"); a figure or paragraph inside one is not part of the story.
"""

from __future__ import annotations

from newsterm.core.sources.html.elements import Element, class_and_id, mark_words, tag_name

__all__ = ["in_boilerplate", "is_boilerplate_mark"]

# Words in class/id names that mark page furniture rather than the story.
_BOILERPLATE_WORDS = frozenset(
    {
        "sidebar",
        "featured",
        "flyout",
        "menu",
        "footer",
        "share",
        "sharing",
        "social",
        "signup",
        "subscribe",
        "masthead",
        "rating",
        "popular",
        "trending",
        "teaser",
        "outbrain",
        "taboola",
        "mostread",
        "breadcrumb",
        "breadcrumbs",
        "sponsored",
        "advertisement",
    }
)
_BOILERPLATE_PREFIXES = ("related", "recommend", "promo", "newsletter", "comment", "advert")
_BOILERPLATE_PHRASES = ("most-read", "more-stories", "most_read", "more_stories")
_FURNITURE_TAGS = ("a", "nav", "aside", "footer", "menu", "button", "noscript", "template")


def is_boilerplate_mark(marks: str) -> bool:
    """Class/id words that name page furniture (sidebars, promos, sharing, comments)."""
    if any(p in marks for p in _BOILERPLATE_PHRASES):
        return True
    return any(
        w in _BOILERPLATE_WORDS or w.startswith(_BOILERPLATE_PREFIXES) for w in mark_words(marks)
    )


def in_boilerplate(el: Element) -> bool:
    """Inside navigation, an aside, a teaser link or a related/promo/sidebar widget."""
    for anc in (el, *el.iterancestors()):
        tag = tag_name(anc)
        if tag in ("body", "html"):
            break
        if tag in _FURNITURE_TAGS:
            return True
        if is_boilerplate_mark(class_and_id(anc)):
            return True
    return False
