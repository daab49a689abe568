"""What feedparser's handlers share (`feedparser.mixin`): the element stack and where text lands.

Each element's text is gathered on a stack; when the element ends, `pop` puts it
where feedparser's rules say (the entry, the feed, its image, the item's source),
so the namespace mixins only say what each element means. Method names and bodies
follow feedparser's so they can be compared side by side; only lang tracking
(unused by newsterm) is left out.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin
from feedparser.util import FeedParserDict

from newsterm.core.sources.feeds.fast.unsure import Unsure

__all__ = ["HTML_TYPES", "ReplayState", "map_content_type"]

HTML_TYPES = frozenset(_FeedParserMixin.html_types)
_CAN_BE_RELATIVE = frozenset(_FeedParserMixin.can_be_relative_uri)
_looks_like_html = _FeedParserMixin.looks_like_html
_EMAIL = re.compile(
    r"(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"
    r"([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"
)
_C1_CONTROL = re.compile("[\x80-\x9f]")
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")


def map_content_type(content_type: str) -> str:
    """A content type as feedparser writes it: Atom's `text`, `html` and `xhtml` as MIME types."""
    content_type = content_type.lower()
    return {
        "text": "text/plain",
        "plain": "text/plain",
        "html": "text/html",
        "xhtml": "application/xhtml+xml",
    }.get(content_type, content_type)


class ReplayState:
    """The state of feedparser's `_FeedParserMixin`, and the helpers its handlers call."""

    def __init__(self, baseuri: str) -> None:
        self.feeddata: Any = FeedParserDict()
        self.entries: list[Any] = []
        self.version = ""
        self.namespaces_in_use: dict[str, str] = {}
        self.namespacemap: dict[str | None, str] = {}
        self.infeed = self.inentry = self.incontent = self.intextinput = self.inimage = 0
        self.inauthor = self.incontributor = self.inpublisher = self.insource = 0
        self.sourcedata: Any = FeedParserDict()
        self.contentparams: dict[str, Any] = {}  # plain: feedparser never maps its keys
        self._summary_key: str | None = None
        self.elementstack: list[list[Any]] = []
        self.basestack: list[str] = []
        self.baseuri = baseuri
        self.title_depth = -1
        self.depth = 0
        self.has_content = 0
        self.guidislink = 0
        self.property_depth_map: dict[int, dict[str, int]] = {}

    def resolve_uri(self, uri: str) -> str:
        result: str = _urljoin(self.baseuri or "", uri)
        return result

    def push(self, element: str, expecting_text: int) -> None:
        self.elementstack.append([element, expecting_text, []])

    def pop(self, element: str, strip_whitespace: int = 1) -> Any:
        if not self.elementstack or self.elementstack[-1][0] != element:
            return None
        element, expecting_text, pieces = self.elementstack.pop()
        if self.version == "atom10" and self.contentparams.get("type", "text") == (
            "application/xhtml+xml"
        ):
            pieces = _strip_enclosing_div(pieces)
        output = "".join(pieces)
        if strip_whitespace:
            output = output.strip()
        if not expecting_text:
            return output
        if self.contentparams.get("base64", 0):
            raise Unsure("base64 content")
        if element in _CAN_BE_RELATIVE and output and (element != "id" or self.guidislink):
            output = self.resolve_uri(output)
        if (
            not self.version.startswith("atom")
            and self.contentparams.get("type") == "text/plain"
            and _looks_like_html(output)
        ):
            self.contentparams["type"] = "text/html"
        self.contentparams.pop("mode", None)
        self.contentparams.pop("base64", None)
        if not output.isascii():
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                output = output.encode("iso-8859-1").decode("utf-8")  # feedparser's mojibake fix
            if _C1_CONTROL.search(output):  # str.translate with a dict is slow: only when needed
                output = output.translate(_cp1252)
        if element in ("category", "tags", "itunes_keywords"):
            return output
        if element == "title" and -1 < self.title_depth <= self.depth:
            return output
        if self.inentry and not self.insource:
            entry = self.entries[-1]
            if element == "content":
                entry.setdefault(element, [])
                contentparams = FeedParserDict(self.contentparams)
                contentparams["value"] = output
                entry[element].append(contentparams)
            elif element == "link":
                if not self.inimage:
                    output = output.replace("&amp;", "&")
                    output = _LINK_ENTITY.sub(r"&\g<1>", output)
                    entry[element] = output
                    if output:
                        entry["links"][-1]["href"] = output
            else:
                if element == "description":
                    element = "summary"
                depths = self.property_depth_map.setdefault(id(entry), {})
                old_value_depth = depths.get(element)
                if old_value_depth is None or self.depth <= old_value_depth:
                    depths[element] = self.depth
                    entry[element] = output
                if self.incontent:
                    contentparams = FeedParserDict(self.contentparams)
                    contentparams["value"] = output
                    entry[element + "_detail"] = contentparams
        elif self.infeed or self.insource:
            context = self._get_context()
            if element == "description":
                element = "subtitle"
            context[element] = output
            if element == "link":
                output = _LINK_ENTITY.sub(r"&\g<1>", output)
                context[element] = output
                context["links"][-1]["href"] = output
            elif self.incontent:
                contentparams = FeedParserDict(self.contentparams)
                contentparams["value"] = output
                context[element + "_detail"] = contentparams
        return output

    def push_content(
        self, tag: str, attrs_d: dict[str, str], default_content_type: str, expecting_text: int
    ) -> None:
        self.incontent += 1
        self.contentparams = {
            "type": map_content_type(attrs_d.get("type", default_content_type)),
            "language": None,
            "base": self.baseuri,
        }
        self.contentparams["base64"] = self._is_base64(attrs_d)
        self.push(tag, expecting_text)

    def pop_content(self, tag: str) -> Any:
        value = self.pop(tag)
        self.incontent -= 1
        self.contentparams.clear()
        return value

    def _is_base64(self, attrs_d: dict[str, str]) -> int:
        content_type: str = self.contentparams["type"]
        if attrs_d.get("mode", "") == "base64":
            return 1
        if content_type.startswith("text/") or content_type.endswith(("+xml", "/xml")):
            return 0
        return 1

    @staticmethod
    def _enforce_href(attrs_d: dict[str, str]) -> dict[str, str]:
        href = attrs_d.get("url", attrs_d.get("uri", attrs_d.get("href")))
        if href:
            attrs_d.pop("url", None)
            attrs_d.pop("uri", None)
            attrs_d["href"] = href
        return attrs_d

    def _get_attribute(self, attrs_d: dict[str, str], name: str) -> str | None:
        prefix, _, suffix = name.partition(":")
        return attrs_d.get(self.namespacemap.get(prefix, prefix) + ":" + suffix)

    def _save(self, key: str, value: Any, overwrite: bool = False) -> None:
        context = self._get_context()
        if overwrite:
            context[key] = value
        else:
            context.setdefault(key, value)

    def _get_context(self) -> Any:
        if self.insource:
            return self.sourcedata
        if self.inimage and "image" in self.feeddata:
            return self.feeddata["image"]
        if self.intextinput:
            return self.feeddata["textinput"]
        if self.inentry:
            return self.entries[-1]
        return self.feeddata

    def _save_author(self, key: str, value: Any, prefix: str = "author") -> None:
        context = self._get_context()
        context.setdefault(prefix + "_detail", FeedParserDict())
        context[prefix + "_detail"][key] = value
        self._sync_author_detail()
        context.setdefault("authors", [FeedParserDict()])
        context["authors"][-1][key] = value

    def _save_contributor(self, key: str, value: Any) -> None:
        context = self._get_context()
        context.setdefault("contributors", [FeedParserDict()])
        context["contributors"][-1][key] = value

    def _sync_author_detail(self, key: str = "author") -> None:
        context = self._get_context()
        detail = context.get(f"{key}s", [FeedParserDict()])[-1]
        if detail:
            name = detail.get("name")
            email = detail.get("email")
            if name and email:
                context[key] = f"{name} ({email})"
            elif name:
                context[key] = name
            elif email:
                context[key] = email
            return
        author, email = context.get(key), None
        if not author:
            return
        match = _EMAIL.search(author)
        if match:
            email = match.group(0)
            author = author.replace(email, "").replace("()", "").replace("<>", "")
            author = author.replace("&lt;&gt;", "").strip()
            if author and author[0] == "(":
                author = author[1:]
            if author and author[-1] == ")":
                author = author[:-1]
            author = author.strip()
        if author or email:
            context.setdefault(f"{key}_detail", detail)
        if author:
            detail["name"] = author
        if email:
            detail["email"] = email

    def _add_tag(self, term: str | None, scheme: str | None, label: str | None) -> None:
        tags = self._get_context().setdefault("tags", [])
        if not term and not scheme and not label:
            return
        value = FeedParserDict(term=term, scheme=scheme, label=label)
        if value not in tags:
            tags.append(value)


def _strip_enclosing_div(pieces: list[str]) -> list[str]:
    """feedparser drops the one <div> wrapping Atom XHTML content (see its `pop`)."""
    while pieces and len(pieces) > 1 and not pieces[-1].strip():
        del pieces[-1]
    while pieces and len(pieces) > 1 and not pieces[0].strip():
        del pieces[0]
    if (
        pieces
        and (pieces[0] == "<div>" or pieces[0].startswith("<div "))
        and pieces[-1] == ("</div>")
    ):
        depth = 0
        for piece in pieces[:-1]:
            if piece.startswith("</"):
                depth -= 1
                if depth == 0:
                    break
            elif piece.startswith("<") and not piece.endswith("/>"):
                depth += 1
        else:
            pieces = pieces[1:-1]
    return pieces
