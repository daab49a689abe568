"""A feed's skeleton as feedparser reads it: which dialect, the channel, its items, its
image and text input, and the source an item was taken from."""

from __future__ import annotations

from feedparser.util import FeedParserDict

from newsterm.core.sources.feeds.fast.dates import Dates
from newsterm.core.sources.feeds.fast.links import Links

__all__ = ["FeedStructure"]


class FeedStructure(Dates, Links):
    """The structural elements of feedparser/namespaces/_base.py (RSS, RDF, Atom, CDF).

    It builds on Dates and Links: CDF's `lastmod` and `href` attributes on a
    channel or an item are read as its updated date and its link.
    """

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

    def _start_textinput(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        context.setdefault("textinput", FeedParserDict())
        self.intextinput = 1
        self.title_depth = -1
        self.push("textinput", 0)

    def _end_textinput(self) -> None:
        self.pop("textinput")
        self.intextinput = 0

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

    def _start_language(self, attrs_d: dict[str, str]) -> None:
        self.push("language", 1)

    def _end_language(self) -> None:
        self.pop("language")

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

    def _start_cloud(self, attrs_d: dict[str, str]) -> None:
        self._get_context()["cloud"] = FeedParserDict(attrs_d)

    def _start_newlocation(self, attrs_d: dict[str, str]) -> None:
        self.push("newlocation", 1)

    def _end_newlocation(self) -> None:
        self.pop("newlocation")
