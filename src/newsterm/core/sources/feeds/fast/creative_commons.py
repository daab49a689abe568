"""Creative Commons licences as feedparser reads them (feedparser/namespaces/cc.py): a
link whose rel is `license`."""

from __future__ import annotations

from feedparser.util import FeedParserDict

from newsterm.core.sources.feeds.fast.state import ReplayState

__all__ = ["CreativeCommons"]


class CreativeCommons(ReplayState):
    """The `cc:license` handler (RDF's `rdf:resource` names the licence)."""

    def _start_cc_license(self, attrs_d: dict[str, str]) -> None:
        context = self._get_context()
        value = self._get_attribute(attrs_d, "rdf:resource")
        link = FeedParserDict()
        link["rel"] = "license"
        if value:
            link["href"] = value
        context.setdefault("links", []).append(link)
