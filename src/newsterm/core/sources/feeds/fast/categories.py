"""Categories as feedparser reads them: each a tag of term, scheme and label, whether
written as elements or as a comma-separated list."""

from __future__ import annotations

from newsterm.core.sources.feeds.fast.state import ReplayState
from newsterm.core.sources.feeds.fast.unsure import Unsure

__all__ = ["Categories"]


class Categories(ReplayState):
    """The category elements of feedparser/namespaces/_base.py, and the keyword lists that
    iTunes and Media RSS read the same way."""

    def _start_category(self, attrs_d: dict[str, str]) -> None:
        term = attrs_d.get("term")
        scheme = attrs_d.get("scheme", attrs_d.get("domain"))
        label = attrs_d.get("label")
        self._add_tag(term, scheme, label)
        self.push("category", 1)

    _start_keywords = _start_category

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

    def _start_tags(self, attrs_d: dict[str, str]) -> None:
        self.push("tags", 1)

    def _end_tags(self) -> None:
        value = self.pop("tags")
        if value is None:
            raise Unsure("tags element out of order")
        for term in value.split(","):
            self._add_tag(term.strip(), None, None)

    def _end_keyword_list(self, element: str, scheme: str | None) -> None:
        value = self.pop(element)
        if value is None:
            raise Unsure("keywords element with attributes")
        for term in value.split(","):
            if term.strip():
                self._add_tag(term.strip(), scheme, None)
