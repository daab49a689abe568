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

from newsterm.core.model import Article
from newsterm.core.related.signature import signature_of
from newsterm.core.text.clean import normalise_title
from newsterm.core.text.tracking import without_tracking
from newsterm.core.text.url_key import url_key


@dataclass(frozen=True, slots=True)
class StoryRow:
    id: str
    identity: str
    """Who the item is within its feed: its guid, else its URL, else its text (hashed)."""
    legacy_identity: str | None
    """The identity an earlier newsterm gave the same item, where it differs."""
    url_key: str | None
    content_key: str
    url: str | None
    title: str
    source: str
    authors: str
    """Its people's names, one line each (views ask `author:NAME`)."""
    sections: tuple[str, ...]
    """The story's own breadcrumb; a subscription's folder overrides it when saved."""
    published: float | None
    doc: bytes
    title_key: str
    indexed: tuple[str, str, str]
    """What the search index is given (and must be given again to forget the story)."""
    signature: bytes
    """What the story is about, to match it with other outlets' (core/related)."""


def story_row(article: Article) -> StoryRow:
    content_key = text_key(article)
    url = key(url_key(article.url)) if article.url else None
    identity, legacy = _identity(article.guid, url, content_key)
    return StoryRow(
        id=article.id,
        identity=identity,
        legacy_identity=legacy,
        url_key=url,
        content_key=content_key,
        url=article.url,
        title=article.title,
        source=article.source,
        authors=authors_text(article),
        sections=article.sections,
        published=article.published.timestamp() if article.published else None,
        doc=encode_doc(article),
        title_key=title_key(article.title),
        indexed=indexed_text(article),
        signature=signature_of(article),
    )


def authors_text(article: Article) -> str:
    return "\n".join(article.authors)


def _identity(guid: str | None, url: str | None, content: str) -> tuple[str, str | None]:
    """The guid (a permalink guid without its tracking parameters), else URL, else text.

    Each kind has its own prefix, so a guid never equals a URL's key by accident; a bare
    guid key is what earlier versions stored, so those stories keep their identity.
    """
    if guid:
        if guid[:8].lower().startswith(("http://", "https://")):
            plain = without_tracking(guid)
            if plain != guid:
                return key(plain), key(guid)
        return key(guid), None
    if url:
        return "u:" + url, None
    return "c:" + content, None


def text_key(article: Article) -> str:
    """What the story says, as a key: an item whose key changed was edited."""
    return key("\x00".join([article.title, article.summary or "", *article.texts()]))


def key(value: str) -> str:
    """A bounded index key for any string from a feed (guids can be megabytes)."""
    return hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def title_key(title: str) -> str:
    return key(normalise_title(title))


def indexed_text(article: Article) -> tuple[str, str, str]:
    """Title, standfirst and body words, exactly as the search index holds them: every
    word the reader shows, a figure's description and credit too."""
    texts = [text for text in article.texts() if text != article.summary]
    for figure in article.figures:
        texts += (figure.alt, figure.credit)
    return article.title, article.summary or "", "\n".join(texts)


# Stories are small (a few KB), so zlib starts each one knowing nothing; this preset
# dictionary gives it what every stored story repeats (our JSON keys, everyday HTML and
# English) and saves about a tenth of the library. NEVER EDIT IT: stored stories need
# these exact bytes to be read (zlib checks them by checksum). A better dictionary
# would be a new constant, tried by its checksum.
DOC_DICTIONARY = (
    b" the of and to in a is that for on with as was said by at from it has have are were"
    b" will would this which their they but not been more than its who also after about"
    b' <p></p>\\n<p><strong></strong><em></em><br><br/><a href=\\"https://\\"></a>'
    b"<h2></h2><h3></h3><ul><li></li></ul><ol><li></li></ol><blockquote><p></p></blockquote>"
    b'<figure><img src=\\"https://\\" alt=\\"\\" width=\\"\\" height=\\"\\"'
    b' loading=\\"lazy\\"><figcaption><span class=\\"credit\\">Photo: </span>'
    b"</figcaption></figure>&mdash;&ndash;&ldquo;&rdquo;&rsquo;&nbsp;&amp;"
    b'{"kind":"paragraph","text":"'
    b'{"kind":"heading","text":"'
    b'{"kind":"quote","text":"'
    b'{"kind":"list","items":["'
    b'{"kind":"figure","image":"https://","alt":"","caption":"","credit":""}'
    b'"related":[{"title":"","url":"https://"}],"links":[{"text":"","url":"https://"}],'
    b'"enclosures":[{"url":"https://","type":"image/jpeg","length":0}],'
    b'"html":"<p>","html_base":"https://'
    b'{"id":"","title":"","url":"https://www.","source":"","sections":[],"authors":[],'
    b'"published":"2026-01-01T00:00:00+00:00","summary":null,"blocks":[{"kind":"paragraph",'
)


def encode_doc(article: Article) -> bytes:
    doc = json.dumps(article.to_json(), ensure_ascii=False, separators=(",", ":"))
    packer = zlib.compressobj(6, zdict=DOC_DICTIONARY)
    return packer.compress(doc.encode("utf-8", "surrogatepass")) + packer.flush()


def decode_doc(doc: bytes) -> Article | None:
    """A stored story (None when unreadable); older rows were packed without the dictionary,
    and zlib asks for it only when a row was packed with it."""
    try:
        unpacker = zlib.decompressobj(zdict=DOC_DICTIONARY)
        data = unpacker.decompress(doc) + unpacker.flush()
        if not unpacker.eof:
            return None
        return Article.from_json(json.loads(data))
    except (zlib.error, ValueError, KeyError, TypeError):
        return None
