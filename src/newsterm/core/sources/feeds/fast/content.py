"""Text as feedparser reads it: titles, summaries, bodies and the other text constructs,
each with its content type (plain, HTML, XHTML) and base URL."""

from __future__ import annotations

from newsterm.core.sources.feeds.fast.state import HTML_TYPES, ReplayState, map_content_type

__all__ = ["Content"]


class Content(ReplayState):
    """The text elements of feedparser/namespaces/_base.py (RSS, Atom, RDF, CDF).

    A second summary or description in one item is read as its content, as
    feedparser reads it.
    """

    def _start_title(self, attrs_d: dict[str, str]) -> None:
        self.push_content(
            "title", attrs_d, "text/plain", self.infeed or self.inentry or self.insource
        )

    def _end_title(self) -> None:
        value = self.pop_content("title")
        if not value:
            return
        self.title_depth = self.depth

    def _start_subtitle(self, attrs_d: dict[str, str]) -> None:
        self.push_content("subtitle", attrs_d, "text/plain", 1)

    _start_tagline = _start_subtitle

    def _end_subtitle(self) -> None:
        self.pop_content("subtitle")

    _end_tagline = _end_subtitle

    def _start_rights(self, attrs_d: dict[str, str]) -> None:
        self.push_content("rights", attrs_d, "text/plain", 1)

    _start_copyright = _start_rights

    def _end_rights(self) -> None:
        self.pop_content("rights")

    _end_copyright = _end_rights

    def _start_description(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        if "summary" in context and not self.has_content:
            self._summary_key = "content"
            self._start_content(attrs_d)
        else:
            self.push_content(
                "description", attrs_d, "text/html", self.infeed or self.inentry or self.insource
            )

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

    def _start_summary(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        if "summary" in context and not self.has_content:
            self._summary_key = "content"
            self._start_content(attrs_d)
        else:
            self._summary_key = "summary"
            self.push_content(self._summary_key, attrs_d, "text/plain", 1)

    def _end_summary(self) -> None:
        if self._summary_key == "content":
            self._end_content()
        else:
            self.pop_content(self._summary_key or "summary")
        self._summary_key = None

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
        copy_to_summary = map_content_type(self.contentparams.get("type") or "") in (
            {"text/plain"} | HTML_TYPES
        )
        value = self.pop_content("content")
        if copy_to_summary:
            self._save("summary", value)

    _end_body = _end_content
    _end_xhtml_body = _end_content
    _end_content_encoded = _end_content
    _end_fullitem = _end_content

    def _start_info(self, attrs_d: dict[str, str]) -> None:
        self.push_content("info", attrs_d, "text/plain", 1)

    _start_feedburner_browserfriendly = _start_info

    def _end_info(self) -> None:
        self.pop_content("info")

    _end_feedburner_browserfriendly = _end_info
