"""The whole story for a summary-only feed item: fetch its page and extract the article.

Used when a person asks for it (`x`), stars a story (so it reads offline in full) and,
per feed, automatically. The feed's own title, sections and related links are kept; the
page contributes the body, figures, byline and any related links of its own.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from newsterm.core.model import Article
from newsterm.core.net.fetch import Fetcher
from newsterm.core.sources.html.kept import complete_article
from newsterm.core.sources.html.page import parse_html_page


async def full_text(fetcher: Fetcher, article: Article) -> Article | None:
    """The article with its page's body, or None when the page gives nothing better.

    Raises FetchError when the page cannot be fetched.
    """
    url = article.url
    if not url:
        return None
    article = complete_article(article)  # a refreshed item may still hold only its HTML
    fetched = await fetcher.fetch(url, accept="text/html, application/xhtml+xml")
    if not fetched.body:
        return None
    document = await asyncio.to_thread(parse_html_page, fetched.body, fetched.final_url)
    if not document.articles:
        return None
    page = document.articles[0]
    if page.word_count <= article.word_count:
        return None
    related = article.related + [r for r in page.related if r not in article.related]
    return replace(
        article,
        blocks=page.blocks,
        links=page.links or article.links,
        related=related,
        authors=article.authors or page.authors,
        summary=article.summary or page.summary,
        from_page=True,
    )
