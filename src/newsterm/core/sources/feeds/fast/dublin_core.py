"""Dublin Core as feedparser reads it (feedparser/namespaces/dc.py): nearly every `dc:`
and `dcterms:` element means what its RSS namesake means."""

from __future__ import annotations

from feedparser.util import FeedParserDict

from newsterm.core.sources.feeds.fast.categories import Categories
from newsterm.core.sources.feeds.fast.content import Content
from newsterm.core.sources.feeds.fast.dates import Dates
from newsterm.core.sources.feeds.fast.feed_structure import FeedStructure
from newsterm.core.sources.feeds.fast.people import People

__all__ = ["DublinCore"]


class DublinCore(People, Content, FeedStructure, Dates, Categories):
    """The `dc:` and `dcterms:` handlers; the namesakes' handlers serve them directly."""

    _start_dc_author = People._start_author
    _end_dc_author = People._end_author
    _start_dc_creator = People._start_author
    _end_dc_creator = People._end_author
    _start_dc_publisher = People._start_webmaster
    _end_dc_publisher = People._end_webmaster
    _start_dc_title = Content._start_title
    _end_dc_title = Content._end_title
    _start_dc_description = Content._start_description
    _end_dc_description = Content._end_description
    _start_dc_rights = Content._start_rights
    _end_dc_rights = Content._end_rights
    _start_dc_language = FeedStructure._start_language
    _end_dc_language = FeedStructure._end_language
    _start_dc_date = Dates._start_updated
    _end_dc_date = Dates._end_updated
    _start_dcterms_modified = Dates._start_updated
    _end_dcterms_modified = Dates._end_updated
    _start_dcterms_issued = Dates._start_published
    _end_dcterms_issued = Dates._end_published
    _start_dcterms_created = Dates._start_created
    _end_dcterms_created = Dates._end_created
    _start_dc_subject = Categories._start_category
    _end_dc_subject = Categories._end_category

    def _start_dcterms_valid(self, attrs_d: dict[str, str]) -> None:
        self.push("validity", 1)

    def _end_dcterms_valid(self) -> None:
        self.pop("validity")  # validity_* keys are never read by newsterm

    def _start_dc_contributor(self, attrs_d: dict[str, str]) -> None:
        self.incontributor = 1
        context = self._get_context()
        context.setdefault("contributors", [])
        context["contributors"].append(FeedParserDict())
        self.push("name", 0)

    def _end_dc_contributor(self) -> None:
        self._end_name()
        self.incontributor = 0
