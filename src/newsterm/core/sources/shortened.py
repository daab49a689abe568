"""The most of one story's body a reader shows, and the line that says when there was more.

Any feed under the 16 MB fetch cap may hold a single 12 MB item. Building its
blocks costs time in proportion to its HTML, and the reader measures every
line it may scroll to, so a story that size froze the reader for seconds (a
single endless paragraph, for minutes). The bounds, for every feed item (both
feed paths, when built at once or when a refreshed story is opened):

- at most `MAX_STORY_HTML` characters of an item's HTML become blocks (the cut
  falls before a tag, so the parse sees whole elements);
- at most `MAX_STORY_CHARS` characters of text are kept in its blocks (a block
  that crosses the line is cut at a space);
- a story shortened by either ends with the paragraph `SHORTENED`, so nobody
  takes it for the whole of it. The item's full words stay stored for search.
"""

from __future__ import annotations

from dataclasses import replace

from newsterm.core.model import Block, Figure, ListBlock, Paragraph

MAX_STORY_CHARS = 500_000  # about 80,000 words: hours of reading
MAX_STORY_HTML = 4 * MAX_STORY_CHARS
SHORTENED = (
    f"Story shortened: newsterm shows the first {MAX_STORY_CHARS:,} characters of a story. "
    "Open its link to read the rest."
)


def bounded_html(html: str) -> str:
    """The start of `html` that becomes blocks: all of it, or up to a tag before the bound."""
    if len(html) <= MAX_STORY_HTML:
        return html
    cut = html.rfind("<", 0, MAX_STORY_HTML)
    return html[: cut if cut > 0 else MAX_STORY_HTML]


def shortened(blocks: list[Block], *, html_cut: bool = False) -> list[Block]:
    """`blocks` within `MAX_STORY_CHARS`, ending with `SHORTENED` if anything was left out."""
    kept: list[Block] = []
    room = MAX_STORY_CHARS
    for block in blocks:
        size = _size(block)
        if size > room:
            if room > 0 and (head := _head(block, room)) is not None:
                kept.append(head)
            return [*kept, Paragraph(SHORTENED)]
        kept.append(block)
        room -= size
    return [*kept, Paragraph(SHORTENED)] if html_cut else kept


def _size(block: Block) -> int:
    if isinstance(block, ListBlock):
        return sum(len(item) for item in block.items)
    if isinstance(block, Figure):
        return len(block.caption) + len(block.alt) + len(block.credit)
    return len(block.text)


def _head(block: Block, room: int) -> Block | None:
    """The start of a block that fits in `room` characters, cut between words."""
    if isinstance(block, Figure):
        return None
    if isinstance(block, ListBlock):
        items: list[str] = []
        for item in block.items:
            if len(item) > room:
                break
            items.append(item)
            room -= len(item)
        return replace(block, items=tuple(items)) if items else None
    text = block.text[:room]
    space = text.rfind(" ")
    text = (text[:space] if space > 0 else text).rstrip()
    return replace(block, text=text) if text else None
