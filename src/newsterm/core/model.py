"""The one document model every source produces and every view consumes.

Every string held here has already been through `core.text.clean`: block text is
plain text with no markup, no HTML and no control characters.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

SourceKind = Literal["rss", "atom", "rdf", "jsonfeed", "html", "text", "opml", "dir"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    kind: Literal["paragraph"] = "paragraph"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    kind: Literal["heading"] = "heading"


@dataclass(frozen=True, slots=True)
class Figure:
    """An image block: what it shows (alt), what it says (caption), who made it (credit)."""

    image: str | None = None
    alt: str = ""
    caption: str = ""
    credit: str = ""
    kind: Literal["figure"] = "figure"


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True, slots=True)
class ListBlock:
    items: tuple[str, ...]
    ordered: bool = False
    kind: Literal["list"] = "list"


@dataclass(frozen=True, slots=True)
class Code:
    text: str
    kind: Literal["code"] = "code"


Block = Paragraph | Heading | Figure | Quote | ListBlock | Code


@dataclass(frozen=True, slots=True)
class Link:
    """A link in the body, or a related story (which may have no URL, only a title)."""

    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Enclosure:
    """A podcast episode, video or file attached to a story."""

    url: str
    type: str = ""
    length: int = 0
    """Bytes, as the feed gives them (0: not given)."""
    duration: int = 0
    """Seconds of audio or video, as the feed gives them (0: not given)."""


SUMMARY_ONLY_WORDS = 250
"""A feed item this short is a teaser, not the story."""


@dataclass(slots=True)
class Article:
    title: str
    url: str | None = None
    source: str = ""
    sections: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    published: datetime | None = None
    summary: str | None = None
    blocks: list[Block] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    enclosures: list[Enclosure] = field(default_factory=list)
    guid: str | None = None
    id: str = ""
    html: str | None = None
    """A feed item's HTML, kept as it came when blocks are built on opening (refresh is
    faster that way); `plain` is its text, for search and word counts until then."""
    html_base: str | None = None
    plain: str = ""
    from_page: bool = False
    """The body is the story's page, fetched for it (`x`, starring, `full_text = true`),
    not the text its feed gave."""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id(self.guid or self.url or f"{self.source}\x00{self.title}")

    @property
    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    @property
    def picture_urls(self) -> list[str]:
        """The addresses of the story's pictures, in order, each once."""
        return list(dict.fromkeys(f.image for f in self.figures if f.image))

    def texts(self) -> Iterator[str]:
        """Every piece of prose a reader sees: standfirst, blocks, list items, captions."""
        if self.summary:
            yield self.summary
        if self.html is not None:
            yield self.plain
        for block in self.blocks:
            if isinstance(block, ListBlock):
                yield from block.items
            elif isinstance(block, Figure):
                yield block.caption
            else:
                yield block.text

    @property
    def word_count(self) -> int:
        return sum(len(text.split()) for text in self.texts())

    @property
    def summary_only(self) -> bool:
        """A teaser with a page to fetch, not the story (SUMMARY_ONLY_WORDS)."""
        return bool(self.url) and not self.from_page and self.word_count < SUMMARY_ONLY_WORDS

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at an adult's 230 words a minute, never zero."""
        return max(1, round(self.word_count / 230))

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "sections": list(self.sections),
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "summary": self.summary,
            "blocks": [block_to_json(b) for b in self.blocks],
            "related": [{"title": r.text, "url": r.url} for r in self.related],
            "links": [{"text": lnk.text, "url": lnk.url} for lnk in self.links],
            "enclosures": [
                {"url": e.url, "type": e.type, "length": e.length, "duration": e.duration}
                for e in self.enclosures
            ],
        }
        if self.html is not None:
            doc |= {"html": self.html, "html_base": self.html_base}
        if self.guid:
            doc["guid"] = self.guid  # so a stored story still says it (newsterm related)
        if self.from_page:
            doc["from_page"] = True
        return doc

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Article:
        published = data.get("published")
        return cls(
            id=data.get("id", ""),
            guid=data.get("guid"),
            title=data["title"],
            url=data.get("url"),
            source=data.get("source", ""),
            sections=tuple(data.get("sections", ())),
            authors=tuple(data.get("authors", ())),
            published=datetime.fromisoformat(published) if published else None,
            summary=data.get("summary"),
            blocks=[block_from_json(b) for b in data.get("blocks", ())],
            related=[Link(r["title"], r.get("url")) for r in data.get("related", ())],
            links=[Link(lnk["text"], lnk.get("url")) for lnk in data.get("links", ())],
            enclosures=[
                Enclosure(
                    e["url"],
                    e.get("type", ""),
                    int(e.get("length") or 0),
                    int(e.get("duration") or 0),
                )
                for e in data.get("enclosures", ())
            ],
            html=data.get("html"),
            html_base=data.get("html_base"),
            from_page=data.get("from_page") is True,
        )


def block_to_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Figure):
        return {
            "kind": "figure",
            "image": block.image,
            "alt": block.alt,
            "caption": block.caption,
            "credit": block.credit,
        }
    if isinstance(block, ListBlock):
        return {"kind": "list", "items": list(block.items), "ordered": block.ordered}
    return {"kind": block.kind, "text": block.text}


def block_from_json(data: dict[str, Any]) -> Block:
    kind = data["kind"]
    if kind == "figure":
        return Figure(
            data.get("image"), data.get("alt", ""), data.get("caption", ""), data.get("credit", "")
        )
    if kind == "list":
        return ListBlock(tuple(data.get("items", ())), bool(data.get("ordered", False)))
    text = data.get("text", "")
    by_kind: dict[str, type[Paragraph | Heading | Quote | Code]] = {
        "paragraph": Paragraph,
        "heading": Heading,
        "quote": Quote,
        "code": Code,
    }
    return by_kind.get(kind, Paragraph)(text)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where a batch of articles came from."""

    kind: SourceKind
    title: str = ""
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed: its URL, the sections (folders) it sits in, and what it overrides."""

    url: str
    title: str = ""
    sections: tuple[str, ...] = ()
    html_url: str | None = None
    refresh_minutes: int | None = None
    limit: int | None = None
    full_text: bool = False
    images: bool = True
    """False: this feed's stories are read without their pictures (`images = false`)."""


@dataclass(slots=True)
class Document:
    """What one source yields: its description, its articles, its subscriptions.

    `warnings` are one-line notes on stories the source lost on the way (a feed
    that is not well-formed XML, cut off, ...): what was read is still here.
    """

    source: SourceInfo
    articles: list[Article] = field(default_factory=list)
    subscriptions: list[Subscription] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": {
                "kind": self.source.kind,
                "title": self.source.title,
                "url": self.source.url,
            },
            "articles": [a.to_json() for a in self.articles],
        }
        if self.warnings:
            out["warnings"] = list(self.warnings)
        if self.subscriptions:
            out["subscriptions"] = [
                {
                    "url": s.url,
                    "title": s.title,
                    "sections": list(s.sections),
                    "html_url": s.html_url,
                }
                for s in self.subscriptions
            ]
        return out


def stable_id(key: str) -> str:
    """A short id that is the same for the same story on every run."""
    return hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


@dataclass(frozen=True, slots=True)
class Headline:
    """What the headline pane needs of a story, without loading its body."""

    id: str
    title: str
    source: str
    published: datetime | None
    url: str | None
    sections: tuple[str, ...]
    read: bool = False
    starred: bool = False
    coverage: int = 0
    """How many other stories in the library report the same event."""


@dataclass(frozen=True, slots=True)
class FeedRow:
    id: int
    url: str
    title: str
    sections: tuple[str, ...]
    etag: str | None
    last_modified: str | None
    last_status: str | None
    last_error: str | None
    checked_at: float | None
    next_check_at: float | None
    failing_since: float | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    headline: Headline
    snippet: str
    """Matching words wrapped in \x02…\x03 markers (never markup); the view styles them."""


Health = Literal["never", "ok", "failing"]
Mark = Literal["read", "starred"]
"""The two marks a person gives a story."""


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    title: str
    """The subscription's own title, else the feed's, else empty."""
    sections: tuple[str, ...]
    checked_at: float | None = None
    last_status: str | None = None
    error: str | None = None
    failing_since: float | None = None

    @classmethod
    def of(cls, feed: Subscription, stored: FeedRow | None) -> FeedState:
        if stored is None:
            return cls(feed.url, feed.title, feed.sections)
        return cls(
            feed.url,
            feed.title or stored.title,
            feed.sections,
            stored.checked_at,
            stored.last_status,
            stored.last_error,
            stored.failing_since,
        )

    @property
    def name(self) -> str:
        return self.title or self.url

    @property
    def path(self) -> tuple[str, ...]:
        """The section its stories are filed under: its folder, then the feed itself."""
        return (*self.sections, self.name)

    @property
    def health(self) -> Health:
        if self.last_status == "error":
            return "failing"
        return "ok" if self.checked_at is not None else "never"

    def line(self, now: datetime | None = None) -> str:
        """`never fetched`, `OK at 09:12`, `failing since 2 Dec 09:12: HTTP 404 … for URL`."""
        if self.health == "never":
            return "never fetched"
        if self.health == "failing":
            since = self.failing_since or self.checked_at
            reason = self.error or "unknown error"
            if self.url not in reason:  # say which address, as an HTTP status line does
                reason += f" ({self.url})"
            return f"failing since {_when(since, now)}: {reason}"
        return f"OK at {_when(self.checked_at, now)}"


def _when(timestamp: float | None, now: datetime | None) -> str:
    """Local time: the time today, the day and time this year, the full date before."""
    if timestamp is None:
        return "an unknown time"
    moment = datetime.fromtimestamp(timestamp).astimezone()
    today = (now or datetime.now()).astimezone()
    if moment.date() == today.date():
        return moment.strftime("%H:%M")
    if moment.year == today.year:
        return f"{moment.day} {moment:%b %H:%M}"
    return f"{moment.day} {moment:%b %Y %H:%M}"
