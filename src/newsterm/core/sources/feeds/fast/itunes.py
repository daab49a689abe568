"""iTunes podcast tags as feedparser reads them (feedparser/namespaces/itunes.py): the
author and owner, summaries, categories and keywords, the show's image."""

from __future__ import annotations

from feedparser.util import FeedParserDict

from newsterm.core.sources.feeds.fast.categories import Categories
from newsterm.core.sources.feeds.fast.content import Content
from newsterm.core.sources.feeds.fast.people import People

__all__ = ["Itunes"]


class Itunes(People, Content, Categories):
    """The `itunes:` handlers; where an element means its RSS namesake, that handler serves."""

    _start_itunes_author = People._start_author
    _end_itunes_author = People._end_author
    _start_itunes_name = People._start_name
    _end_itunes_name = People._end_name
    _start_itunes_email = People._start_email
    _end_itunes_email = People._end_email
    _start_itunes_subtitle = Content._start_subtitle
    _end_itunes_subtitle = Content._end_subtitle
    _start_itunes_summary = Content._start_summary
    _end_itunes_summary = Content._end_summary
    _end_itunes_category = Categories._end_category

    def _start_itunes_owner(self, attrs_d: dict[str, str]) -> None:
        self.inpublisher = 1
        self.push("publisher", 0)

    def _end_itunes_owner(self) -> None:
        self.pop("publisher")
        self.inpublisher = 0
        self._sync_author_detail("publisher")

    def _start_itunes_category(self, attrs_d: dict[str, str]) -> None:
        self._add_tag(attrs_d.get("text"), "http://www.itunes.com/", None)
        self.push("category", 1)

    def _end_itunes_keywords(self) -> None:
        self._end_keyword_list("itunes_keywords", "http://www.itunes.com/")

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
