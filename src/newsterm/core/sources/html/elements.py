"""Reading one element of a parsed page: its name, what kind of tag it is, and its words.

Every file of this folder asks the same few questions of an lxml element, so they are
answered once, here. Comments, processing instructions and entities are elements too in
lxml, with a function for a tag: they have no name ("") and no words of their own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from newsterm.core.text.clean import clean_line

__all__ = [
    "BLOCK_TAGS",
    "HEADING_TAGS",
    "SKIP_TAGS",
    "WORD_BREAKS",
    "Element",
    "class_and_id",
    "inline_text",
    "is_visually_hidden",
    "label_text",
    "mark_words",
    "tag_name",
]

Element = Any  # lxml elements (HtmlElement or plain _Element from trafilatura's XML)

# Subtrees that never hold story text (or hold active content we must not show).
SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "form",
        "nav",
        "aside",
        "button",
        "select",
        "option",
        "textarea",
        "input",
        "svg",
        "math",
        "canvas",
        "template",
        "object",
        "embed",
        "applet",
        "audio",
        "video",
        "map",
        "head",
        "title",
        "meta",
        "link",
        "base",
        "dialog",
        "menu",
        "param",
        "track",
    }
)
BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "blockquote",
        "body",
        "center",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "html",
        "main",
        "p",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "caption",
        "legend",
    }
)
# Where the reader parts words (`blocks._Walker`): its block elements, those it makes a
# block of their own (lists and their items, code, rules, images, figures, line breaks),
# and table cells, which it parts with a space. Search indexes words as parted here too
# (kept.plain_text).
WORD_BREAKS = BLOCK_TAGS | {"li", "ul", "ol", "pre", "hr", "br", "img", "figure", "td", "th"}
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_WS = re.compile(r"\s+")
_HIDDEN_CLASS = re.compile(
    r"off-?screen|visually-?hidden|sr-only|screen-?reader|element-invisible|a11y-hidden",
    re.IGNORECASE,
)


def tag_name(el: Element) -> str:
    """The element's name in lower case; "" for a comment, processing instruction or entity."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


def class_and_id(el: Element) -> str:
    """Its class and id, lowercased: the names a page gives its furniture and its boxes."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def mark_words(marks: str) -> list[str]:
    """ "story-body__related promo" -> ["story", "body", "related", "promo"]."""
    return [w for w in re.split(r"[^a-z0-9]+", marks) if w]


def is_visually_hidden(el: Element) -> bool:
    """Screen-reader-only labels ("Media caption", "Credit") that sighted readers never see."""
    cls = el.get("class") or ""
    return bool(cls and _HIDDEN_CLASS.search(cls)) or el.get("hidden") is not None


def label_text(el: Element) -> str:
    """The words of a short element (a headline, a byline, a link), on one clean line.

    Every text node counts, one space between each, scripts and styles left out: a label
    is read as a whole, not parted into the blocks of a story.
    """
    return clean_line(
        " ".join(t for t in el.xpath(".//text()[not(ancestor::script or ancestor::style)]"))
    )


def inline_text(
    el: Element,
    skip: frozenset[str] = frozenset(),
    *,
    hidden: bool = True,
    exclude: Iterable[Element] = (),
) -> str:
    """Collapsed inline text of a subtree (iteratively), <br> kept as a newline.

    A block inside it (two paragraphs in one list item or caption) parts its words from
    its neighbours', as the blocks of the story do: "alpha" and "beta", never "alphabeta".
    """
    excluded = set(exclude)
    out: list[str] = []
    stack: list[tuple[Element, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node is not el and tag_name(node) in WORD_BREAKS:
                out.append(" ")
            if node is not el and node.tail:
                out.append(_WS.sub(" ", node.tail))
            continue
        tag = tag_name(node)
        if node is not el and (
            not tag
            or tag in skip
            or tag in SKIP_TAGS
            or node in excluded
            or (not hidden and is_visually_hidden(node))
        ):
            if node.tail:
                out.append(_WS.sub(" ", node.tail))
            continue
        if tag == "br":
            out.append("\n")
        else:
            if node is not el and tag in WORD_BREAKS:
                out.append(" ")
            if node.text:
                out.append(_WS.sub(" ", node.text))
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "".join(out)
