"""HTML nested deeper than libxml2 will build, flattened so that no word is lost.

libxml2 nests elements at most 256 levels deep (2,048 with `huge_tree`) and
stops parsing where a page goes deeper: the deepest text, and everything after
it, silently disappear. Such a page is broken or hostile, but its words still
belong to the story. So when a parse hits that limit, the markup is rewritten
with the tags below `MAX_DEPTH` dropped (their text kept, in order) and parsed
again. Only tags are looked at, by one regular expression, so even a page of
many megabytes is rewritten in a moment; everything else passes through as written.
"""

from __future__ import annotations

import re

from lxml import etree

MAX_DEPTH = 512
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})  # fmt: skip
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment, passed through
    r"|<(script|style|textarea|title)\b.*?(?:</\1\s*>|\Z)"  # raw text: not tags inside
    r"|<(/?)([A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.IGNORECASE | re.DOTALL,
)


def hit_depth_limit(parser: etree.HTMLParser) -> bool:
    """Did the last parse with `parser` stop at libxml2's nesting limit?"""
    return any(
        entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in entry.message
        for entry in parser.error_log
    )


def flattened(html: str) -> str:
    """The same markup with elements below MAX_DEPTH unwrapped: their text stays in place."""
    out: list[str] = []
    keep = out.append
    open_tags: list[tuple[str, bool]] = []  # (name, written) of every element still open
    open_names: dict[str, int] = {}  # how many of each are open: a stray end tag costs nothing
    written = done = 0
    for token in _TOKEN.finditer(html):
        closing, name = token.group(2, 3)
        if name is None:  # a comment or a raw-text element: whole, as it came
            continue
        keep(html[done : token.start()])
        done = token.end()
        name = name.lower()
        if closing:  # an end tag closes what it opened, and everything inside it
            if not open_names.get(name):
                continue
            while open_tags:
                inner, kept = open_tags.pop()
                open_names[inner] -= 1
                if kept:
                    written -= 1
                    keep(f"</{inner}>")
                if inner == name:
                    break
        elif name in _VOID or token.group().endswith("/>"):
            keep(token.group())
        else:
            kept = written < MAX_DEPTH
            if kept:
                written += 1
                keep(token.group())
            open_tags.append((name, kept))
            open_names[name] = open_names.get(name, 0) + 1
    keep(html[done:])
    return "".join(out)
