"""Links and ids as feedparser reads them: an item's link, its guid (a link when a
permalink), and its enclosures."""

from __future__ import annotations

from feedparser.util import FeedParserDict

from newsterm.core.sources.feeds.fast.state import HTML_TYPES, ReplayState, map_content_type

__all__ = ["Links"]


class Links(ReplayState):
    """The link, id and enclosure elements of feedparser/namespaces/_base.py."""

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
                and map_content_type(attrs_d.get("type") or "") in HTML_TYPES
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

    def _start_enclosure(self, attrs_d: dict[str, str]) -> None:
        attrs_d = self._enforce_href(attrs_d)
        context = self._get_context()
        attrs_d["rel"] = "enclosure"
        context.setdefault("links", []).append(FeedParserDict(attrs_d))
