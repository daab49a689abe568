"""Which text of the open story the reader shows (`x` fetches its page and switches):
said in one dim line above the story, so a teaser is never taken for the whole story."""

from __future__ import annotations

from newsterm.core.model import Article

FROM_PAGE = "The full article, from its page"
SHOW_FEED_TEXT = " · x shows the feed's text"
FEED_TEXT = "The feed's text · x shows the full article, kept from its page"
SUMMARY = "Only a summary from the feed · x fetches the full article"


def version_line(article: Article, *, other_kept: bool) -> str:
    """`other_kept`: the library also holds the story's other text (the feed's, when the
    page's is shown; the page's, when the feed's is)."""
    if article.from_page:
        return FROM_PAGE + (SHOW_FEED_TEXT if other_kept else "")
    if other_kept:
        return FEED_TEXT
    return SUMMARY if article.summary_only else ""
