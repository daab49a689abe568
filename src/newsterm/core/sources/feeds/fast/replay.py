"""A fast path for well-formed feeds: lxml parses, feedparser's rules decide.

feedparser is the reference for what a feed *means*, but it spends most of its
time in Python callbacks for every chunk of text its SAX parser reports. Here
lxml parses the bytes in C and the resulting tree is replayed, element by
element, through a port of exactly those feedparser handlers that decide the
fields newsterm reads (`feedparser.mixin` and the `_base`, `dc`, `itunes`,
`mediarss` and `cc` namespaces of feedparser 6). The entries are built as
feedparser's own `FeedParserDict`s and handed to the same `_article` code the
feedparser path uses, so both paths agree by construction after parsing.

Whenever this module is not sure it would reach the same result (ill-formed
XML, an encoding feedparser would read differently, a root it does not know,
GeoRSS, SVG, base64 content, markup inside escaped HTML, conflicting namespace
prefixes, ...), `parse_feed_fast` returns None and the caller uses feedparser.
tests/conformance/test_fast_parser.py proves the equality on every corpus feed.
"""

from __future__ import annotations

import codecs
import contextlib
import re
import time
import xml.sax.saxutils
from datetime import UTC, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, cast

from feedparser.api import StrictFeedParser
from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, make_safe_absolute_uri
from feedparser.util import FeedParserDict
from lxml import etree

from newsterm.core.sources import budget
from newsterm.core.sources.feeds.entry import document_from_entries
from newsterm.core.sources.feeds.legacy_encodings import as_utf8, declared_encoding
from newsterm.core.sources.xmlsafe import safe_parser, safe_xml_bytes, without_nested_items

if TYPE_CHECKING:
    from newsterm.core.model import Document

__all__ = ["parse_feed_fast", "replay_tree"]

_MATCH_NS: dict[str, str] = {k.lower(): v for k, v in _FeedParserMixin.namespaces.items()}
_CAN_BE_RELATIVE = frozenset(_FeedParserMixin.can_be_relative_uri)
_HTML_TYPES = frozenset(_FeedParserMixin.html_types)
_looks_like_html = _FeedParserMixin.looks_like_html
_XLINK = "http://www.w3.org/1999/xlink"

# Every element feedparser has a handler for; those we have not ported make us unsure.
_FP_START = frozenset(n[7:] for n in dir(StrictFeedParser) if n.startswith("_start_"))
_FP_END = frozenset(n[5:] for n in dir(StrictFeedParser) if n.startswith("_end_"))
_PORTED = frozenset(
    [
        "rss", "channel", "feed", "item", "entry", "image", "textinput", "author", "managingeditor",
        "contributor", "name", "width", "height", "url", "homepage", "uri", "email", "subtitle",
        "tagline", "rights", "copyright", "language", "webmaster", "published", "issued", "pubdate",
        "updated", "modified", "lastbuilddate", "created", "expirationdate", "category", "keywords",
        "cloud", "link", "guid", "id", "title", "description", "abstract", "info",
        "feedburner_browserfriendly", "generator", "summary", "enclosure", "source", "content",
        "body", "xhtml_body", "content_encoded", "fullitem", "newlocation", "tags", "dc_author",
        "dc_creator", "dc_date", "dc_description", "dc_language", "dc_publisher", "dc_rights",
        "dc_subject", "dc_title", "dcterms_created", "dcterms_issued", "dcterms_modified",
        "dcterms_valid", "dc_contributor", "itunes_author", "itunes_category", "itunes_name",
        "itunes_email", "itunes_subtitle", "itunes_summary", "itunes_owner", "itunes_keywords",
        "itunes_image", "itunes_link", "itunes_block", "itunes_explicit", "media_category",
        "media_keywords", "media_title", "media_group", "media_rating", "media_credit",
        "media_description", "media_restriction", "media_license", "media_content",
        "media_thumbnail", "media_player", "cc_license",
    ]
)  # fmt: skip

_EMAIL = re.compile(
    r"(([a-zA-Z0-9\_\-\.\+]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))"
    r"([a-zA-Z]{2,4}|[0-9]{1,3})(\]?))(\?subject=\S+)?"
)
_ALL_ATTRIBUTES = etree.XPath("@*", smart_strings=True)
_FEW_ATTRIBUTES = 32  # up to this many, lxml's quadratic `items()` is the quicker
_C1_CONTROL = re.compile("[\x80-\x9f]")
_LINK_ENTITY = re.compile("&([A-Za-z0-9_]+);")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_RFC822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct"
    r"|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UT|UTC|Z|[+-]\d{4})"
)
_ISO8601 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(Z|[+-]\d{2}:\d{2})"
)


class _Unsure(Exception):
    """The feed does something whose feedparser reading this module does not reproduce."""


def parse_feed_fast(data: bytes, url: str | None, *, defer_blocks: bool = False) -> Document | None:
    """The Document feedparser's path would give, or None when we cannot be sure of it."""
    decoded = decoded_as_feedparser_does(without_nested_items(safe_xml_bytes(data)), url)
    if decoded is None:
        return None
    parser = safe_parser(remove_comments=True, remove_pis=True, strip_cdata=True)
    try:
        root = etree.fromstring(decoded, parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    return replay_tree(root, url, defer_blocks=defer_blocks)


def replay_tree(
    root: etree._Element | None, url: str | None, *, defer_blocks: bool = False
) -> Document | None:
    """feedparser's reading of a tree lxml built from text decoded as feedparser decodes
    it (`decoded_as_feedparser_does`), or None when unsure.

    The tree may come from lxml's recovering parser: what it kept of an
    ill-formed feed is then read by the same rules as a well-formed one.
    """
    if root is None:
        return None
    replay = _Replay(url or "")
    try:
        replay.run(root)
    except _Unsure:
        return None
    return replay.document(url, defer_blocks)


def decoded_as_feedparser_does(data: bytes, url: str | None) -> bytes | None:
    """The text feedparser would decode from these bytes, as UTF-8 for lxml; None if unsure.

    feedparser picks the encoding itself (RFC 3023 rules, with no Content-Type
    header): the XML declaration, else UTF-8 when there is no URL and
    ISO-8859-1 when there is one. Decoding here with the very codec it uses,
    rather than letting libxml2 decode with its namesake, makes both read the
    same text: codecs of one name differ (libxml2's SHIFT_JIS reads `~` as `‾`).
    """
    if data.isascii():
        return data  # ASCII reads the same in all of them
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        bom = True
    elif data.startswith((codecs.BOM_UTF16_BE, codecs.BOM_UTF16_LE)):
        return None  # feedparser's rewrite of wide encodings: leave it to feedparser
    else:
        bom = False
    chosen = declared_encoding(data) or ("iso-8859-1" if url else "utf-8")
    if chosen == "gb2312":
        chosen = "gb18030"  # as feedparser does
    try:
        name = codecs.lookup(chosen).name
        text = data.decode(chosen)  # feedparser silently tries other encodings when this fails
    except (LookupError, UnicodeDecodeError):
        return None
    if name == "utf-8":
        return data
    if bom or name.startswith(("utf-16", "utf-32")):
        return None  # a mark and a declaration that disagree, or wide text without a mark
    return as_utf8(text)


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


def _map_content_type(content_type: str) -> str:
    content_type = content_type.lower()
    return {
        "text": "text/plain",
        "plain": "text/plain",
        "html": "text/html",
        "xhtml": "application/xhtml+xml",
    }.get(content_type, content_type)


def _fast_date(value: str) -> time.struct_time | None:
    """feedparser's `_parse_date`, with the two everyday spellings read directly."""
    when: datetime | None = None
    try:
        if match := _RFC822.fullmatch(value):
            day, month, year, hour, minute, second, zone = match.groups()
            offset = timedelta(0)
            if zone[0] in "+-":
                sign = -1 if zone[0] == "-" else 1
                offset = sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
            when = datetime(
                int(year), _MONTHS[month], int(day), int(hour), int(minute), int(second),
                tzinfo=timezone(offset),
            )  # fmt: skip
        elif match := _ISO8601.fullmatch(value):
            *parts, zone = match.groups()
            tz = UTC if zone == "Z" else datetime.strptime(zone, "%z").tzinfo
            year, month, day, hour, minute, second = (int(p) for p in parts)
            when = datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except (ValueError, OverflowError):
        when = None
    if when is None or when.year < 1900:
        result: time.struct_time | None = _parse_date(value)
        return result
    return when.astimezone(UTC).utctimetuple()


class _Replay:
    """feedparser's `_FeedParserMixin` state machine, driven by an lxml tree.

    Method names and their bodies follow feedparser's so they can be compared
    side by side; only lang tracking (unused by newsterm) is left out.
    """

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
        self._base_cache: dict[tuple[str, str], str] = {}
        self._names: dict[str, str] = {}

    # -- driving ------------------------------------------------------------------------

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
            raise _Unsure("no feed version")

    def document(self, url: str | None, defer_blocks: bool = False) -> Document:
        return document_from_entries(
            self.version, self.feeddata, self.entries, url, defer_blocks=defer_blocks
        )

    def start_prefix_mapping(self, prefix: str | None, uri: str) -> None:
        if not uri:
            return
        if uri == _XLINK:
            raise _Unsure("xlink declarations become attributes in feedparser")
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
            raise _Unsure("entity or other special node")
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
            raise _Unsure("markup inside escaped content")
        prefix, _, suffix = tag.rpartition(":")
        if self.incontent and self.contentparams.get("type") == "application/xhtml+xml":
            mapped = self.namespacemap.get(prefix, prefix)
            if suffix in ("svg", "math") or (mapped + "_" if mapped else "") + suffix in _FP_END:
                raise _Unsure("inline XHTML element feedparser also interprets")
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
        if name in _PORTED and name in _FP_START:
            getattr(self, "_start_" + name)(attrs_d)
        elif name in _FP_START or (name in _FP_END and name not in _PORTED):
            raise _Unsure(f"unported feedparser handler {name}")
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
        if name in _PORTED and name in _FP_END:
            getattr(self, "_end_" + name)()
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

    def resolve_uri(self, uri: str) -> str:
        result: str = _urljoin(self.baseuri or "", uri)
        return result

    # -- the element stack ---------------------------------------------------------------

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
            raise _Unsure("base64 content")
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
            "type": _map_content_type(attrs_d.get("type", default_content_type)),
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

    def _parse_date(self, value: str | None) -> time.struct_time | None:
        return _fast_date(value) if value else None

    # -- handlers: feedparser/namespaces/_base.py ------------------------------------------

    def _start_rss(self, attrs_d: dict[str, str]) -> None:
        versionmap = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}
        if not self.version or not self.version.startswith("rss"):
            attr_version = attrs_d.get("version", "")
            version = versionmap.get(attr_version)
            if version:
                self.version = version
            elif attr_version.startswith("2."):
                self.version = "rss20"
            else:
                self.version = "rss"

    def _start_channel(self, attrs_d: dict[str, str]) -> None:
        self.infeed = 1
        self._cdf_common(attrs_d)

    def _cdf_common(self, attrs_d: dict[str, str]) -> None:
        if "lastmod" in attrs_d:
            self._start_updated({})
            self.elementstack[-1][-1] = attrs_d["lastmod"]
            self._end_updated()
        if "href" in attrs_d:
            self._start_link({})
            self.elementstack[-1][-1] = attrs_d["href"]
            self._end_link()

    def _start_feed(self, attrs_d: dict[str, str]) -> None:
        self.infeed = 1
        if not self.version:
            versionmap = {"0.1": "atom01", "0.2": "atom02", "0.3": "atom03"}
            self.version = versionmap.get(attrs_d.get("version") or "", "atom")

    def _end_channel(self) -> None:
        self.infeed = 0

    _end_feed = _end_channel

    def _start_image(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        if not self.inentry:
            context.setdefault("image", FeedParserDict())
        self.inimage = 1
        self.title_depth = -1
        self.push("image", 0)

    def _end_image(self) -> None:
        self.pop("image")
        self.inimage = 0

    def _start_textinput(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        context.setdefault("textinput", FeedParserDict())
        self.intextinput = 1
        self.title_depth = -1
        self.push("textinput", 0)

    def _end_textinput(self) -> None:
        self.pop("textinput")
        self.intextinput = 0

    def _start_author(self, attrs_d: dict[str, str]) -> None:
        self.inauthor = 1
        self.push("author", 1)
        context = self._get_context()
        context.setdefault("authors", [])
        context["authors"].append(FeedParserDict())

    _start_managingeditor = _start_author
    _start_dc_author = _start_author
    _start_dc_creator = _start_author
    _start_itunes_author = _start_author

    def _end_author(self) -> None:
        self.pop("author")
        self.inauthor = 0
        self._sync_author_detail()

    _end_managingeditor = _end_author
    _end_dc_author = _end_author
    _end_dc_creator = _end_author
    _end_itunes_author = _end_author

    def _start_contributor(self, attrs_d: dict[str, str]) -> None:
        self.incontributor = 1
        context = self._get_context()
        context.setdefault("contributors", [])
        context["contributors"].append(FeedParserDict())
        self.push("contributor", 0)

    def _end_contributor(self) -> None:
        self.pop("contributor")
        self.incontributor = 0

    def _start_dc_contributor(self, attrs_d: dict[str, str]) -> None:
        self.incontributor = 1
        context = self._get_context()
        context.setdefault("contributors", [])
        context["contributors"].append(FeedParserDict())
        self.push("name", 0)

    def _end_dc_contributor(self) -> None:
        self._end_name()
        self.incontributor = 0

    def _start_name(self, attrs_d: dict[str, str]) -> None:
        self.push("name", 0)

    _start_itunes_name = _start_name

    def _end_name(self) -> None:
        value = self.pop("name")
        if self.inpublisher:
            self._save_author("name", value, "publisher")
        elif self.inauthor:
            self._save_author("name", value)
        elif self.incontributor:
            self._save_contributor("name", value)
        elif self.intextinput:
            self._get_context()["name"] = value

    _end_itunes_name = _end_name

    def _start_width(self, attrs_d: dict[str, str]) -> None:
        self.push("width", 0)

    def _end_width(self) -> None:
        self._end_dimension("width")

    def _start_height(self, attrs_d: dict[str, str]) -> None:
        self.push("height", 0)

    def _end_height(self) -> None:
        self._end_dimension("height")

    def _end_dimension(self, key: str) -> None:
        value = self.pop(key)
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = 0
        if self.inimage:
            self._get_context()[key] = number

    def _start_url(self, attrs_d: dict[str, str]) -> None:
        self.push("href", 1)

    _start_homepage = _start_url
    _start_uri = _start_url

    def _end_url(self) -> None:
        value = self.pop("href")
        if self.inauthor:
            self._save_author("href", value)
        elif self.incontributor:
            self._save_contributor("href", value)

    _end_homepage = _end_url
    _end_uri = _end_url

    def _start_email(self, attrs_d: dict[str, str]) -> None:
        self.push("email", 0)

    _start_itunes_email = _start_email

    def _end_email(self) -> None:
        value = self.pop("email")
        if self.inpublisher:
            self._save_author("email", value, "publisher")
        elif self.inauthor:
            self._save_author("email", value)
        elif self.incontributor:
            self._save_contributor("email", value)

    _end_itunes_email = _end_email

    def _start_subtitle(self, attrs_d: dict[str, str]) -> None:
        self.push_content("subtitle", attrs_d, "text/plain", 1)

    _start_tagline = _start_subtitle
    _start_itunes_subtitle = _start_subtitle

    def _end_subtitle(self) -> None:
        self.pop_content("subtitle")

    _end_tagline = _end_subtitle
    _end_itunes_subtitle = _end_subtitle

    def _start_rights(self, attrs_d: dict[str, str]) -> None:
        self.push_content("rights", attrs_d, "text/plain", 1)

    _start_copyright = _start_rights
    _start_dc_rights = _start_rights

    def _end_rights(self) -> None:
        self.pop_content("rights")

    _end_copyright = _end_rights
    _end_dc_rights = _end_rights

    def _start_item(self, attrs_d: dict[str, str]) -> None:
        self.entries.append(FeedParserDict())
        self.push("item", 0)
        self.inentry = 1
        self.guidislink = 0
        self.title_depth = -1
        about = self._get_attribute(attrs_d, "rdf:about")
        if about:
            self._get_context()["id"] = about
        self._cdf_common(attrs_d)

    _start_entry = _start_item

    def _end_item(self) -> None:
        self.pop("item")
        self.inentry = 0
        self.has_content = 0

    _end_entry = _end_item

    def _start_language(self, attrs_d: dict[str, str]) -> None:
        self.push("language", 1)

    _start_dc_language = _start_language

    def _end_language(self) -> None:
        self.pop("language")

    _end_dc_language = _end_language

    def _start_webmaster(self, attrs_d: dict[str, str]) -> None:
        self.push("publisher", 1)

    _start_dc_publisher = _start_webmaster

    def _end_webmaster(self) -> None:
        self.pop("publisher")
        self._sync_author_detail("publisher")

    _end_dc_publisher = _end_webmaster

    def _start_itunes_owner(self, attrs_d: dict[str, str]) -> None:
        self.inpublisher = 1
        self.push("publisher", 0)

    def _end_itunes_owner(self) -> None:
        self.pop("publisher")
        self.inpublisher = 0
        self._sync_author_detail("publisher")

    def _start_published(self, attrs_d: dict[str, str]) -> None:
        self.push("published", 1)

    _start_issued = _start_published
    _start_pubdate = _start_published
    _start_dcterms_issued = _start_published

    def _end_published(self) -> None:
        value = self.pop("published")
        self._save("published_parsed", self._parse_date(value), overwrite=True)

    _end_issued = _end_published
    _end_pubdate = _end_published
    _end_dcterms_issued = _end_published

    def _start_updated(self, attrs_d: dict[str, str]) -> None:
        self.push("updated", 1)

    _start_modified = _start_updated
    _start_lastbuilddate = _start_updated
    _start_dc_date = _start_updated
    _start_dcterms_modified = _start_updated

    def _end_updated(self) -> None:
        value = self.pop("updated")
        self._save("updated_parsed", self._parse_date(value), overwrite=True)

    _end_modified = _end_updated
    _end_lastbuilddate = _end_updated
    _end_dc_date = _end_updated
    _end_dcterms_modified = _end_updated

    def _start_created(self, attrs_d: dict[str, str]) -> None:
        self.push("created", 1)

    _start_dcterms_created = _start_created

    def _end_created(self) -> None:
        self._save("created_parsed", self._parse_date(self.pop("created")), overwrite=True)

    _end_dcterms_created = _end_created

    def _start_expirationdate(self, attrs_d: dict[str, str]) -> None:
        self.push("expired", 1)

    def _end_expirationdate(self) -> None:
        self._save("expired_parsed", self._parse_date(self.pop("expired")), overwrite=True)

    def _start_dcterms_valid(self, attrs_d: dict[str, str]) -> None:
        self.push("validity", 1)

    def _end_dcterms_valid(self) -> None:
        self.pop("validity")  # validity_* keys are never read by newsterm

    def _start_category(self, attrs_d: dict[str, str]) -> None:
        term = attrs_d.get("term")
        scheme = attrs_d.get("scheme", attrs_d.get("domain"))
        label = attrs_d.get("label")
        self._add_tag(term, scheme, label)
        self.push("category", 1)

    _start_keywords = _start_category
    _start_dc_subject = _start_category

    def _end_category(self) -> None:
        value = self.pop("category")
        if not value:
            return
        tags = self._get_context()["tags"]
        if value and len(tags) and not tags[-1]["term"]:
            tags[-1]["term"] = value
        else:
            self._add_tag(value, None, None)

    _end_keywords = _end_category
    _end_dc_subject = _end_category
    _end_itunes_category = _end_category
    _end_media_category = _end_category

    def _start_itunes_category(self, attrs_d: dict[str, str]) -> None:
        self._add_tag(attrs_d.get("text"), "http://www.itunes.com/", None)
        self.push("category", 1)

    def _start_media_category(self, attrs_d: dict[str, str]) -> None:
        attrs_d.setdefault("scheme", "http://search.yahoo.com/mrss/category_schema")
        self._start_category(attrs_d)

    def _end_itunes_keywords(self) -> None:
        self._end_keyword_list("itunes_keywords", "http://www.itunes.com/")

    def _end_media_keywords(self) -> None:
        self._end_keyword_list("media_keywords", None)

    def _end_keyword_list(self, element: str, scheme: str | None) -> None:
        value = self.pop(element)
        if value is None:
            raise _Unsure("keywords element with attributes")
        for term in value.split(","):
            if term.strip():
                self._add_tag(term.strip(), scheme, None)

    def _start_tags(self, attrs_d: dict[str, str]) -> None:
        self.push("tags", 1)

    def _end_tags(self) -> None:
        value = self.pop("tags")
        if value is None:
            raise _Unsure("tags element out of order")
        for term in value.split(","):
            self._add_tag(term.strip(), None, None)

    def _start_cloud(self, attrs_d: dict[str, str]) -> None:
        self._get_context()["cloud"] = FeedParserDict(attrs_d)

    def _start_link(self, attrs_d: dict[str, str]) -> None:
        attrs_d.setdefault("rel", "alternate")
        if attrs_d["rel"] == "self":
            attrs_d.setdefault("type", "application/atom+xml")
        else:
            attrs_d.setdefault("type", "text/html")
        context = self._get_context()
        attrs_d = self._enforce_href(attrs_d)
        if "href" in attrs_d:
            attrs_d["href"] = self.resolve_uri(attrs_d["href"])
        expecting_text = self.infeed or self.inentry or self.insource
        context.setdefault("links", [])
        if not (self.inentry and self.inimage):
            context["links"].append(FeedParserDict(attrs_d))
        if "href" in attrs_d:
            if (
                attrs_d.get("rel") == "alternate"
                and _map_content_type(attrs_d.get("type") or "") in _HTML_TYPES
            ):
                context["link"] = attrs_d["href"]
        else:
            self.push("link", expecting_text)

    def _end_link(self) -> None:
        self.pop("link")

    def _start_guid(self, attrs_d: dict[str, str]) -> None:
        self.guidislink = attrs_d.get("ispermalink", "true") == "true"
        self.push("id", 1)

    _start_id = _start_guid

    def _end_guid(self) -> None:
        value = self.pop("id")
        self._save("guidislink", self.guidislink and "link" not in self._get_context())
        if self.guidislink:
            self._save("link", value)

    _end_id = _end_guid

    def _start_title(self, attrs_d: dict[str, str]) -> None:
        self.push_content(
            "title", attrs_d, "text/plain", self.infeed or self.inentry or self.insource
        )

    _start_dc_title = _start_title
    _start_media_title = _start_title

    def _end_title(self) -> None:
        value = self.pop_content("title")
        if not value:
            return
        self.title_depth = self.depth

    _end_dc_title = _end_title

    def _end_media_title(self) -> None:
        title_depth = self.title_depth
        self._end_title()
        self.title_depth = title_depth

    def _start_description(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        if "summary" in context and not self.has_content:
            self._summary_key = "content"
            self._start_content(attrs_d)
        else:
            self.push_content(
                "description", attrs_d, "text/html", self.infeed or self.inentry or self.insource
            )

    _start_dc_description = _start_description
    _start_media_description = _start_description

    def _start_abstract(self, attrs_d: dict[str, str]) -> None:
        self.push_content(
            "description", attrs_d, "text/plain", self.infeed or self.inentry or self.insource
        )

    def _end_description(self) -> None:
        if self._summary_key == "content":
            self._end_content()
        else:
            self.pop_content("description")
        self._summary_key = None

    _end_abstract = _end_description
    _end_dc_description = _end_description
    _end_media_description = _end_description

    def _start_info(self, attrs_d: dict[str, str]) -> None:
        self.push_content("info", attrs_d, "text/plain", 1)

    _start_feedburner_browserfriendly = _start_info

    def _end_info(self) -> None:
        self.pop_content("info")

    _end_feedburner_browserfriendly = _end_info

    def _start_generator(self, attrs_d: dict[str, str]) -> None:
        if attrs_d:
            attrs_d = self._enforce_href(attrs_d)
            if "href" in attrs_d:
                attrs_d["href"] = self.resolve_uri(attrs_d["href"])
        self._get_context()["generator_detail"] = FeedParserDict(attrs_d)
        self.push("generator", 1)

    def _end_generator(self) -> None:
        value = self.pop("generator")
        context = self._get_context()
        if "generator_detail" in context:
            context["generator_detail"]["name"] = value

    def _start_summary(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        if "summary" in context and not self.has_content:
            self._summary_key = "content"
            self._start_content(attrs_d)
        else:
            self._summary_key = "summary"
            self.push_content(self._summary_key, attrs_d, "text/plain", 1)

    _start_itunes_summary = _start_summary

    def _end_summary(self) -> None:
        if self._summary_key == "content":
            self._end_content()
        else:
            self.pop_content(self._summary_key or "summary")
        self._summary_key = None

    _end_itunes_summary = _end_summary

    def _start_enclosure(self, attrs_d: dict[str, str]) -> None:
        attrs_d = self._enforce_href(attrs_d)
        context = self._get_context()
        attrs_d["rel"] = "enclosure"
        context.setdefault("links", []).append(FeedParserDict(attrs_d))

    def _start_source(self, attrs_d: dict[str, str]) -> None:
        if "url" in attrs_d:
            self.sourcedata["href"] = attrs_d["url"]
        self.push("source", 1)
        self.insource = 1
        self.title_depth = -1

    def _end_source(self) -> None:
        self.insource = 0
        value = self.pop("source")
        if value:
            self.sourcedata["title"] = value
        self._get_context()["source"] = FeedParserDict(self.sourcedata)
        self.sourcedata = FeedParserDict()

    def _start_content(self, attrs_d: dict[str, str]) -> None:
        self.has_content = 1
        self.push_content("content", attrs_d, "text/plain", 1)
        src = attrs_d.get("src")
        if src:
            self.contentparams["src"] = src
        self.push("content", 1)

    def _start_body(self, attrs_d: dict[str, str]) -> None:
        self.push_content("content", attrs_d, "application/xhtml+xml", 1)

    _start_xhtml_body = _start_body

    def _start_content_encoded(self, attrs_d: dict[str, str]) -> None:
        self.has_content = 1
        self.push_content("content", attrs_d, "text/html", 1)

    _start_fullitem = _start_content_encoded

    def _end_content(self) -> None:
        copy_to_summary = _map_content_type(self.contentparams.get("type") or "") in (
            {"text/plain"} | _HTML_TYPES
        )
        value = self.pop_content("content")
        if copy_to_summary:
            self._save("summary", value)

    _end_body = _end_content
    _end_xhtml_body = _end_content
    _end_content_encoded = _end_content
    _end_fullitem = _end_content

    def _start_newlocation(self, attrs_d: dict[str, str]) -> None:
        self.push("newlocation", 1)

    def _end_newlocation(self) -> None:
        self.pop("newlocation")

    # -- handlers: feedparser/namespaces/itunes.py, mediarss.py, cc.py ---------------------

    def _start_itunes_image(self, attrs_d: dict[str, str]) -> None:
        self.push("itunes_image", 0)
        href = attrs_d.get("href") or attrs_d.get("url")
        if href:
            self._get_context()["image"] = FeedParserDict({"href": href})

    _start_itunes_link = _start_itunes_image

    def _end_itunes_block(self) -> None:
        value = self.pop("itunes_block", 0)
        self._get_context()["itunes_block"] = 1 if value in ("yes", "Yes") else 0

    def _end_itunes_explicit(self) -> None:
        value = self.pop("itunes_explicit", 0)
        self._get_context()["itunes_explicit"] = (None, False, True)[
            (value == "yes" and 2) or value == "clean" or 0
        ]

    def _start_media_group(self, attrs_d: dict[str, str]) -> None:
        pass

    def _start_media_rating(self, attrs_d: dict[str, str]) -> None:
        self._get_context().setdefault("media_rating", attrs_d)
        self.push("rating", 1)

    def _end_media_rating(self) -> None:
        rating = self.pop("rating")
        if rating is not None and rating.strip():
            self._get_context()["media_rating"]["content"] = rating

    def _start_media_credit(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        context.setdefault("media_credit", [])
        context["media_credit"].append(attrs_d)
        self.push("credit", 1)

    def _end_media_credit(self) -> None:
        credit = self.pop("credit")
        if credit is not None and credit.strip():
            self._get_context()["media_credit"][-1]["content"] = credit

    def _start_media_restriction(self, attrs_d: dict[str, str]) -> None:
        self._get_context().setdefault("media_restriction", attrs_d)
        self.push("restriction", 1)

    def _end_media_restriction(self) -> None:
        restriction = self.pop("restriction")
        if restriction is not None and restriction.strip():
            self._get_context()["media_restriction"]["content"] = [
                cc.strip().lower() for cc in restriction.split(" ")
            ]

    def _start_media_license(self, attrs_d: dict[str, str]) -> None:
        self._get_context().setdefault("media_license", attrs_d)
        self.push("license", 1)

    def _end_media_license(self) -> None:
        license_ = self.pop("license")
        if license_ is not None and license_.strip():
            self._get_context()["media_license"]["content"] = license_

    def _start_media_content(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        context.setdefault("media_content", [])
        context["media_content"].append(attrs_d)

    def _start_media_thumbnail(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        context.setdefault("media_thumbnail", [])
        self.push("url", 1)
        context["media_thumbnail"].append(attrs_d)

    def _end_media_thumbnail(self) -> None:
        url = self.pop("url")
        context = self._get_context()
        if url is not None and url.strip() and "url" not in context["media_thumbnail"][-1]:
            context["media_thumbnail"][-1]["url"] = url

    def _start_media_player(self, attrs_d: dict[str, str]) -> None:
        self.push("media_player", 0)
        self._get_context()["media_player"] = FeedParserDict(attrs_d)

    def _end_media_player(self) -> None:
        value = self.pop("media_player")
        self._get_context()["media_player"]["content"] = value

    def _start_cc_license(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        value = self._get_attribute(attrs_d, "rdf:resource")
        link = FeedParserDict()
        link["rel"] = "license"
        if value:
            link["href"] = value
        context.setdefault("links", []).append(link)


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
