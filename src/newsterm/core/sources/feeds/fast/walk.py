"""An lxml tree replayed as the events feedparser's strict parser sees, each sent to its handler.

feedparser reads a feed through expat's callbacks: a namespace declared, an element
started (its qualified name and attributes), text, an element ended. `etree.iterwalk`
gives the same events from a tree lxml parsed in C; names are qualified as
feedparser's strict parser qualifies them, and each element goes to the handler
feedparser would call. An element feedparser has a handler for that no mixin ports
makes the replay unsure, and the caller asks feedparser instead.
"""

from __future__ import annotations

import xml.sax.saxutils
from collections.abc import Callable
from typing import Any, ClassVar, cast

from feedparser.api import StrictFeedParser
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, make_safe_absolute_uri
from lxml import etree

from newsterm.core.sources import budget
from newsterm.core.sources.feeds.fast.state import ReplayState
from newsterm.core.sources.feeds.fast.unsure import Unsure

__all__ = ["TreeWalk"]

_MATCH_NS: dict[str, str] = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}
_XLINK = "http://www.w3.org/1999/xlink"

# Every element feedparser has a handler for; those no mixin ports make us unsure.
_FP_START = frozenset(n[7:] for n in dir(StrictFeedParser) if n.startswith("_start_"))
_FP_END = frozenset(n[5:] for n in dir(StrictFeedParser) if n.startswith("_end_"))

_ALL_ATTRIBUTES = etree.XPath("@*", smart_strings=True)
_FEW_ATTRIBUTES = 32  # up to this many, lxml's quadratic `items()` is the quicker

StartHandler = Callable[[Any, dict[str, str]], None]
EndHandler = Callable[[Any], None]


def _attributes(el: etree._Element) -> list[tuple[str, str]]:
    """An element's attributes as (`{namespace}name`, value), in linear time.

    lxml's `items()` looks each value up by name again (quadratic: 200,000
    attributes took minutes); the XPath `@*` reads them in one pass, but costs
    more to start, so it is kept for elements with many.
    """
    if len(el.attrib) <= _FEW_ATTRIBUTES:
        return [(str(k), str(v)) for k, v in el.items()]
    values = cast("list[etree._ElementUnicodeResult]", _ALL_ATTRIBUTES(el))
    return [(str(value.attrname), str(value)) for value in values]


def _split(tag: str) -> tuple[str, str]:
    if tag[:1] == "{":
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


class TreeWalk(ReplayState):
    """Drives feedparser's handlers, which the mixins composed with this class port.

    Which element goes to which handler is worked out once per class, when the
    class is made: an element then costs one dictionary look-up, however many
    mixins the handlers come from.
    """

    start_handlers: ClassVar[dict[str, StartHandler]] = {}
    end_handlers: ClassVar[dict[str, EndHandler]] = {}
    unported: ClassVar[frozenset[str]] = _FP_START | _FP_END

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # An element is ported when a mixin has a `_start_` or an `_end_` handler for it.
        ported = {n.split("_", 2)[2] for n in dir(cls) if n.startswith(("_start_", "_end_"))}
        cls.start_handlers = {name: getattr(cls, "_start_" + name) for name in ported & _FP_START}
        cls.end_handlers = {name: getattr(cls, "_end_" + name) for name in ported & _FP_END}
        cls.unported = (_FP_START | _FP_END) - ported

    def __init__(self, baseuri: str) -> None:
        super().__init__(baseuri)
        self._base_cache: dict[tuple[str, str], str] = {}
        self._names: dict[str, str] = {}

    def run(self, root: etree._Element) -> None:
        for event, item in etree.iterwalk(root, events=("start-ns", "start", "end")):
            budget.check()
            if event == "start-ns":
                prefix, uri = item
                self.start_prefix_mapping(prefix or None, uri)
            elif event == "start":
                self.start_element(item)
                if item.text:
                    self.handle_data(item.text)
            else:
                self.unknown_endtag(self.qualified_name(item))
                if item.tail and item is not root:
                    self.handle_data(item.tail)
        if not self.version:
            raise Unsure("no feed version")

    def start_prefix_mapping(self, prefix: str | None, uri: str) -> None:
        if not uri:
            return
        if uri == _XLINK:
            raise Unsure("xlink declarations become attributes in feedparser")
        # Like expat under feedparser, later declarations win and scopes never end.
        self.track_namespace(prefix, uri)

    def track_namespace(self, prefix: str | None, uri: str) -> None:
        self._names.clear()  # names of unknown namespaces depend on the declarations so far
        loweruri = uri.lower()
        if not self.version:
            if (prefix, loweruri) == (None, "http://my.netscape.com/rdf/simple/0.9/"):
                self.version = "rss090"
            elif loweruri == "http://purl.org/rss/1.0/":
                self.version = "rss10"
            elif loweruri == "http://www.w3.org/2005/atom":
                self.version = "atom10"
        if loweruri.find("backend.userland.com/rss") != -1:
            uri = "http://backend.userland.com/rss"
            loweruri = uri
        if loweruri in _MATCH_NS:
            self.namespacemap[prefix] = _MATCH_NS[loweruri]
            self.namespaces_in_use[_MATCH_NS[loweruri]] = uri
        else:
            self.namespaces_in_use[prefix or ""] = uri

    def qualified_name(self, el: etree._Element) -> str:
        """The name feedparser's strict parser gives an element (`dc:creator`, `title`)."""
        tag = el.tag
        if not isinstance(tag, str):
            raise Unsure("entity or other special node")
        name = self._names.get(tag)
        if name is None:
            name = self._names[tag] = self._qualify(tag)
        return name

    def _qualify(self, tag: str) -> str:
        namespace, local = _split(tag)
        lowernamespace = namespace.lower()
        if lowernamespace.find("backend.userland.com/rss") != -1:
            namespace = lowernamespace = "http://backend.userland.com/rss"
        prefix = _MATCH_NS.get(lowernamespace)
        local = local.lower()
        if prefix:
            return prefix.lower() + ":" + local
        if namespace:
            for name, value in self.namespaces_in_use.items():
                if name and value == namespace:
                    return (name + ":" + local).lower()
        return local

    def start_element(self, el: etree._Element) -> None:
        attrs_d: dict[str, str] = {}
        items = _attributes(el)
        for name, value in items:
            budget.check()
            namespace, local = _split(name)
            prefix = _MATCH_NS.get(namespace.lower(), "")
            attrs_d[(prefix + ":" + local if prefix else local).lower()] = value
        first_by_qname: dict[str, str] = {}
        for name, value in items:
            first_by_qname.setdefault(_split(name)[1], value)
        for qname, value in first_by_qname.items():
            attrs_d[qname.lower()] = value
        attrs = [(k, v.lower() if k in ("rel", "type") else v) for k, v in attrs_d.items()]
        self.unknown_starttag(self.qualified_name(el), attrs)

    def _enter_base(self, current: str, given: str) -> str:
        key = (current, given)
        cached = self._base_cache.get(key)
        if cached is None:
            if current:
                cached = make_safe_absolute_uri(current, given) or current
            else:
                cached = _urljoin(current, given)
            self._base_cache[key] = cached
        return cached

    def unknown_starttag(self, tag: str, attrs: list[tuple[str, str]]) -> None:
        self.depth += 1
        attrs_d = dict(attrs)
        baseuri = attrs_d.get("xml:base", attrs_d.get("base")) or self.baseuri
        self.baseuri = self._enter_base(self.baseuri, baseuri)
        self.basestack.append(self.baseuri)

        if self.incontent and not self.contentparams.get("type", "xml").endswith("xml"):
            raise Unsure("markup inside escaped content")
        prefix, _, suffix = tag.rpartition(":")
        if self.incontent and self.contentparams.get("type") == "application/xhtml+xml":
            mapped = self.namespacemap.get(prefix, prefix)
            if suffix in ("svg", "math") or (mapped + "_" if mapped else "") + suffix in _FP_END:
                raise Unsure("inline XHTML element feedparser also interprets")
            self.handle_data(f"<{suffix}{self.strattrs(attrs)}>", escape=False)
            return

        prefix = self.namespacemap.get(prefix, prefix)
        if prefix:
            prefix = prefix + "_"
        if not prefix and tag not in ("title", "link", "description", "name"):
            self.intextinput = 0
        if not prefix and tag not in (
            "title", "link", "description", "url", "href", "width", "height",
        ):  # fmt: skip
            self.inimage = 0
        name = prefix + suffix
        start = self.start_handlers.get(name)
        if start is not None:
            start(self, attrs_d)
        elif name in self.unported:
            raise Unsure(f"unported feedparser handler {name}")
        elif not attrs_d:
            self.push(name, 1)
        else:
            self._get_context()[name] = attrs_d

    def unknown_endtag(self, tag: str) -> None:
        prefix, _, suffix = tag.rpartition(":")
        prefix = self.namespacemap.get(prefix, prefix)
        if prefix:
            prefix = prefix + "_"
        name = prefix + suffix
        end = self.end_handlers.get(name)
        if end is not None:
            end(self)
        else:
            self.pop(name)
        if self.incontent and self.contentparams.get("type") == "application/xhtml+xml":
            self.handle_data(f"</{suffix}>", escape=False)
        if self.basestack:
            self.basestack.pop()
            if self.basestack and self.basestack[-1]:
                self.baseuri = self.basestack[-1]
        self.depth -= 1

    def handle_data(self, text: str, escape: bool = True) -> None:
        if not self.elementstack:
            return
        if escape and self.contentparams.get("type") == "application/xhtml+xml":
            text = xml.sax.saxutils.escape(text)
        self.elementstack[-1][2].append(text)

    @staticmethod
    def strattrs(attrs: list[tuple[str, str]]) -> str:
        return "".join(
            f' {k}="{xml.sax.saxutils.escape(v, {chr(34): "&quot;"})}"' for k, v in attrs
        )
