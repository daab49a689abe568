"""Article -> Rich renderables, shared by `newsterm cat` and the reader pane.

Every piece of source text becomes a `Text` built from a plain string, never
from markup, so `[bold]` or `[link=file:///etc/passwd]` in a feed shows
literally. Styles are attributes (bold, italic, dim) rather than colours, so
they read well in every theme and in a pipe.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime

from rich import box
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from newsterm.core.library.snippet import HIT_END, HIT_START
from newsterm.core.model import (
    Article,
    Block,
    Code,
    Figure,
    Heading,
    Link,
    ListBlock,
    Paragraph,
    Quote,
)
from newsterm.core.text.credits import credit_line
from newsterm.link_targets import Target, link_targets

BREADCRUMB_SEPARATOR = " › "
# Longer paragraphs are shown as consecutive pieces of at most this many characters.
PIECE_CHARS = 10_000


def format_date(when: datetime | None) -> str:
    if when is None:
        return ""
    return when.astimezone(UTC).strftime("%-d %B %Y, %H:%M UTC").replace(", 00:00 UTC", "")


def byline(article: Article) -> Text:
    """`By A and B · 14 March 2024 · 4 min read · Source`, from plain strings."""
    parts: list[str] = []
    if article.authors:
        parts.append("By " + " and ".join(article.authors))
    if article.published:
        parts.append(format_date(article.published))
    parts.append(f"{article.reading_minutes} min read")
    if article.source:
        parts.append(article.source)
    return Text(" · ".join(parts), style="dim")


def header(article: Article) -> Group:
    """Breadcrumb, title, byline and standfirst."""
    parts: list[RenderableType] = []
    if article.sections:
        parts.append(Text(BREADCRUMB_SEPARATOR.join(article.sections), style="dim"))
    parts.append(Text(article.title, style="bold"))
    parts.append(byline(article))
    if article.summary:
        parts.append(Padding(Text(article.summary, style="italic"), (1, 0, 0, 0)))
    return Group(*parts)


def figure_panel(figure: Figure, number: int, picture: RenderableType | None = None) -> Panel:
    """A captioned panel: the picture when there is one to show, what the image shows,
    its caption, and its credit."""
    lines: list[RenderableType] = [picture] if picture is not None else []
    if figure.caption:
        lines.append(Text(figure.caption, style="italic"))
    if figure.alt and figure.alt != figure.caption:
        lines.append(Text(figure.alt, style="dim"))
    if not lines:
        lines.append(Text("(image)", style="dim"))  # stored before a figure needed words
    credit = Text(credit_line(figure.credit), style="dim") if figure.credit else None
    return Panel(
        Group(*lines),
        title=Text(f"Figure {number}", style="bold"),
        title_align="left",
        subtitle=credit,
        subtitle_align="right",
        box=box.ROUNDED,
        padding=(0, 1),
    )


def block_renderable(
    block: Block, figure_number: int, picture: RenderableType | None = None
) -> RenderableType:
    if isinstance(block, Heading):
        return Padding(Text(block.text, style="bold underline"), (1, 0, 0, 0))
    if isinstance(block, Quote):
        return Padding(Text.assemble(("▌ ", "dim"), (block.text, "italic")), (1, 0, 0, 2))
    if isinstance(block, ListBlock):
        items = [
            Text.assemble((f"{n}. " if block.ordered else "• ", "bold"), item)
            for n, item in enumerate(block.items, 1)
        ]
        return Padding(Group(*items), (1, 0, 0, 2))
    if isinstance(block, Code):
        return Padding(
            Text(block.text, style="dim", no_wrap=True, overflow="ellipsis"), (1, 0, 0, 4)
        )
    if isinstance(block, Figure):
        return Padding(figure_panel(block, figure_number, picture), (1, 0, 0, 0))
    assert isinstance(block, Paragraph)
    return Padding(Text(block.text), (1, 0, 0, 0))


def body(
    article: Article, pictures: Mapping[str, RenderableType] | None = None
) -> Iterator[RenderableType]:
    """The story's blocks as renderables; `pictures` (by image address) go in their figures."""
    figures = 0
    for block in article.blocks:
        picture = None
        if isinstance(block, Figure):
            figures += 1
            picture = pictures.get(block.image) if pictures and block.image else None
        if isinstance(block, Paragraph) and len(block.text) > PIECE_CHARS:
            yield from paragraph_pieces(block.text)
        else:
            yield block_renderable(block, figures, picture)


def paragraph_pieces(text: str) -> Iterator[Padding]:
    """A very long paragraph as consecutive pieces cut at spaces, the first one spaced.

    Rich wraps and renders a `Text` whole, so one endless paragraph would be rendered
    whole for every line of it shown; pieces let the reader render only those on screen.
    """
    start, top = 0, 1
    while start < len(text):
        end = (
            len(text)
            if len(text) - start <= PIECE_CHARS
            else text.rfind(" ", start, start + PIECE_CHARS)
        )
        if end <= start:
            end = start + PIECE_CHARS  # no space to cut at: cut inside the word
        yield Padding(Text(text[start:end]), (top, 0, 0, 0))
        start, top = end + (text[end : end + 1] == " "), 0


def numbered_links(heading: str, links: list[Link]) -> Group:
    """Related stories as `newsterm cat` lists them, numbered like newsboat's `[1]: url`."""
    lines: list[RenderableType] = [_rule(heading)]
    for number, link in enumerate(links, 1):
        line = Text.assemble((f"[{number}] ", "bold"), link.text or link.url or "")
        if link.url and link.url != link.text:
            line.append(f"  {link.url}", style="dim")
        if not link.url:
            line.append("  (by title)", style="dim")
        lines.append(line)
    return Group(*lines)


def link_list(targets: list[Target], *, keyed: bool) -> Group:
    """The story's links, then its attachments (type, size, length), in one numbering:
    `[3]` in `newsterm cat`, `l3` in the reader, where `l` then `3` opens it."""
    lines: list[RenderableType] = []
    heading = ""
    for target in targets:
        kind = "Attachments" if target.is_attachment else "Links"
        if kind != heading:
            heading = kind
            lines.append(_rule(f"{kind} · l opens, y copies" if keyed else kind))
        marker = f"l{target.number} " if keyed else f"[{target.number}] "
        line = Text.assemble((marker, "bold"), target.text)
        if target.details:
            line.append(f"  {target.details}", style="dim")
        if target.url != target.text:
            line.append(f"  ({target.url})", style="dim")
        lines.append(line)
    return Group(*lines)


def _rule(heading: str) -> Rule:
    return Rule(Text(heading, style="bold"), align="left", style="dim")


def article_renderable(article: Article) -> Group:
    """The whole article as `newsterm cat` prints it."""
    parts: list[RenderableType] = [header(article), *body(article)]
    if article.related:
        parts.append(Padding(numbered_links("Related stories", article.related), (1, 0, 0, 0)))
    if targets := link_targets(article):
        parts.append(Padding(link_list(targets, keyed=False), (1, 0, 0, 0)))
    return Group(*parts)


def highlighted(snippet: str, style: str = "reverse bold") -> Text:
    """A search passage with its matching words highlighted, built without markup."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for number, part in enumerate(snippet.replace(HIT_END, HIT_START).split(HIT_START)):
        text.append(part, style=style if number % 2 else "")
    return text
