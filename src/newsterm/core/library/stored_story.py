"""A stored story read back: with its words (for the search index), or opened for reading.

A story a refresh kept as HTML is stored without its blocks and without its
words; both come from the HTML, and each parse of it costs more than the rest of
reading the story. So each use parses it once, for what that use needs: the
search index and its snippets need the words, the reader needs the blocks.
"""

from __future__ import annotations

from newsterm.core.library.story_rows import decode_doc
from newsterm.core.model import Article


def with_words(doc: bytes) -> Article | None:
    """The story with the words of its kept HTML (None when unreadable): exactly the words
    the search index was given, so it can be told what to forget."""
    article = decode_doc(doc)
    if article is None:
        return None
    if article.html is not None:
        # Kept HTML: its text is derived again rather than stored twice.
        from newsterm.core.sources.html.kept import plain_text  # lxml loads on first use

        article.plain = plain_text(article.html)
    return article


def opened(doc: bytes, story_id: str) -> Article | None:
    """The story as the reader shows it (None when unreadable): decoded once, and a story
    kept as HTML given its blocks now, from one parse of its HTML.

    Its words are not derived first: building the blocks needs them only when it gives
    up (a parse past its time bound), and then derives them itself.
    """
    article = decode_doc(doc)
    if article is None:
        return None
    article.id = story_id
    if article.html is not None:  # kept as HTML at refresh: build its blocks now
        from newsterm.core.sources.html.kept import complete_article

        article = complete_article(article)
    return article
