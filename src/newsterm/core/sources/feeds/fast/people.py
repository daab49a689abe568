"""People as feedparser reads them: authors, contributors and the publisher, each with a
name, an address and a home page."""

from __future__ import annotations

from feedparser.util import FeedParserDict

from newsterm.core.sources.feeds.fast.state import ReplayState

__all__ = ["People"]


class People(ReplayState):
    """The person elements of feedparser/namespaces/_base.py (RSS, Atom)."""

    def _start_author(self, attrs_d: dict[str, str]) -> None:
        self.inauthor = 1
        self.push("author", 1)
        context = self._get_context()
        context.setdefault("authors", [])
        context["authors"].append(FeedParserDict())

    _start_managingeditor = _start_author

    def _end_author(self) -> None:
        self.pop("author")
        self.inauthor = 0
        self._sync_author_detail()

    _end_managingeditor = _end_author

    def _start_contributor(self, attrs_d: dict[str, str]) -> None:
        self.incontributor = 1
        context = self._get_context()
        context.setdefault("contributors", [])
        context["contributors"].append(FeedParserDict())
        self.push("contributor", 0)

    def _end_contributor(self) -> None:
        self.pop("contributor")
        self.incontributor = 0

    def _start_name(self, attrs_d: dict[str, str]) -> None:
        self.push("name", 0)

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

    def _end_email(self) -> None:
        value = self.pop("email")
        if self.inpublisher:
            self._save_author("email", value, "publisher")
        elif self.inauthor:
            self._save_author("email", value)
        elif self.incontributor:
            self._save_contributor("email", value)

    def _start_webmaster(self, attrs_d: dict[str, str]) -> None:
        self.push("publisher", 1)

    def _end_webmaster(self) -> None:
        self.pop("publisher")
        self._sync_author_detail("publisher")
