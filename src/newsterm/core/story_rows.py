"""A story as the library stores it: keys, searchable words and the compressed document.

Building a row (JSON, compression, hashing, collecting words) is pure CPU work
that needs no database, so a refresh does it in the parser processes, next to
the parsing, and the process that owns the library only writes rows.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass

from newsterm.core.clean import normalise_title
from newsterm.core.model import Article
from newsterm.core.related import url_key


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    guid_key: str | None
    url_key: str | None
    content_key: str
    url: str | None
    title: str
    source: str
    sections: tuple[str, ...]
    """The story's own breadcrumb; a subscription's folder overrides it when saved."""
    published: float | None
    doc: bytes
    title_key: str
    indexed: tuple[str, str, str]
    """What the search index is given (and must be given again to forget the story)."""


def story_row(article: Article) -> StoryRow:
    return StoryRow(
        id=article.id,
        guid_key=key(article.guid) if article.guid else None,
        url_key=key(url_key(article.url)) if article.url else None,
        content_key=key("\x00".join([article.title, article.summary or "", *article.texts()])),
        url=article.url,
        title=article.title,
        source=article.source,
        sections=article.sections,
        published=article.published.timestamp() if article.published else None,
        doc=encode_doc(article),
        title_key=title_key(article.title),
        indexed=indexed_text(article),
    )


def key(value: str) -> str:
    """A bounded index key for any string from a feed (guids can be megabytes)."""
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def title_key(title: str) -> str:
    return key(normalise_title(title))


def indexed_text(article: Article) -> tuple[str, str, str]:
    """Title, standfirst and body words, exactly as the search index holds them."""
    body = "\n".join(text for text in article.texts() if text != article.summary)
    return article.title, article.summary or "", body


def encode_doc(article: Article) -> bytes:
    doc = json.dumps(article.to_json(), ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(doc.encode("utf-8", "surrogatepass"), 6)
