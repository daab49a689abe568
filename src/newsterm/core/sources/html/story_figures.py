"""The page's captioned figures, put back into the story where the page shows them.

trafilatura keeps a figure's image but drops its caption and credit, so every captioned
<figure> of the story is read from the page itself (`figures`), the extractor's copy of
it (its bare image, its caption kept as a paragraph) taken out, and the figure placed
after the body block that precedes it on the page.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsterm.core.model import Block, Figure, ListBlock, Paragraph
from newsterm.core.sources.html.boilerplate import in_boilerplate
from newsterm.core.sources.html.elements import Element, label_text, tag_name
from newsterm.core.sources.html.figures import (
    figure_from_element,
    split_credit,
    strip_credit_label,
)

__all__ = ["fold_loose_captions", "merge_figures", "story_figures", "text_key"]

# The elements a body block is matched to, to find where on the page a figure falls.
_TEXT_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "dd")


def story_figures(root: Element, base: str | None) -> list[tuple[Element, Figure]]:
    """Every captioned <figure> that belongs to the story, once each."""
    found: list[tuple[Element, Figure]] = []
    seen: set[tuple[str, ...]] = set()
    for caption in root.iter("figcaption"):
        figure = next((a for a in caption.iterancestors() if tag_name(a) == "figure"), None)
        if figure is None:  # a loose caption: its figure is the nearest block with an image
            figure = next(
                (
                    a
                    for a in list(caption.iterancestors())[:3]
                    if next(a.iter("img"), None) is not None
                ),
                caption,
            )
        if in_boilerplate(figure) or any(f is figure for f, _ in found):
            continue
        fig = (
            figure_from_element(figure, base)
            if figure is not caption
            else Figure(caption=label_text(caption))
        )
        if fig is None or not (fig.caption or fig.credit):
            continue
        key = (fig.caption, fig.credit, fig.alt or fig.image or "")
        if key in seen:
            continue
        seen.add(key)
        found.append((figure, fig))
    return found


def text_key(text: str) -> str:
    """Its first words, casefolded, punctuation gone: a block and its element match by it."""
    return " ".join(re.findall(r"\w+", text.casefold()))[:80]


def _block_text(block: Block) -> str:
    """The words a block matches an element by (a figure has none of its own)."""
    if isinstance(block, ListBlock):
        return " ".join(block.items)
    if isinstance(block, Figure):
        return ""
    return block.text


def merge_figures(
    body: list[Block], figures: list[tuple[Element, Figure]], root: Element
) -> list[Block]:
    """Put each story figure after the body block that precedes it on the page."""
    if not figures:
        return body
    fig_images = {f.image for _, f in figures if f.image}
    fig_alts = {f.alt for _, f in figures if f.alt}
    captions = {text_key(f.caption) for _, f in figures if f.caption}
    captions |= {text_key(f"{f.caption} {f.credit}") for _, f in figures if f.caption}
    kept: list[Block] = []
    for block in body:
        if isinstance(block, Figure) and (
            block.image in fig_images or (block.alt and block.alt in fig_alts)
        ):
            continue  # the same image, now with its caption
        if isinstance(block, Paragraph) and text_key(block.text) in captions:
            continue  # the caption, already kept as text by the extractor
        kept.append(block)
    index: dict[str, int] = {}
    for i, block in enumerate(kept):
        key = text_key(_block_text(block))
        if len(key) >= 12:
            index.setdefault(key, i)
    figure_elements = {id(el): fig for el, fig in figures}
    placed: dict[int, list[Figure]] = {}
    last = -1
    for el in root.iter(*_TEXT_TAGS, "figure", "figcaption"):
        fig = figure_elements.pop(id(el), None)
        if fig is not None:
            placed.setdefault(last, []).append(fig)
            continue
        if tag_name(el) in ("figure", "figcaption"):
            continue
        key = text_key(el.text_content()[:400]) if tag_name(el) != "li" else ""
        if len(key) >= 12 and key in index:
            last = max(last, index[key])
    for fig in figure_elements.values():
        placed.setdefault(last, []).append(fig)
    out: list[Block] = list(placed.get(-1, []))
    for i, block in enumerate(kept):
        out.append(block)
        out.extend(placed.get(i, []))
    return out


def fold_loose_captions(blocks: list[Block]) -> list[Block]:
    """A figure's caption or credit set as a paragraph beside it goes back into it.

    Pages print a caption under an image as a paragraph of its own ("Declan Rice after
    the win. | Foto: Reuters" under an image whose alt is the first sentence) and repeat
    a credit below a figure that already has it ("(Bild: Hersteller)"): read as body
    text, the caption shows twice and the credit leaks into the story.
    """
    out: list[Block] = []
    for block in blocks:
        previous = out[-1] if out else None
        if isinstance(block, Paragraph) and isinstance(previous, Figure):
            if previous.credit and _same(strip_credit_label(block.text), previous.credit):
                continue
            if captioned := _captioned(previous, block):
                out[-1] = captioned
                continue
        if (
            isinstance(block, Figure)
            and isinstance(previous, Paragraph)
            and (captioned := _captioned(block, previous))
        ):
            out[-1] = captioned
            continue
        out.append(block)
    return out


# An alt text of this many words describes the picture; a shorter one may be a name
# that the paragraph beside it also opens with ("Boris Johnson said on Tuesday…").
_MIN_ALT_WORDS = 3


def _captioned(figure: Figure, paragraph: Paragraph) -> Figure | None:
    """The figure with the paragraph as its caption, when the paragraph is its caption:
    it opens with the figure's alt text and is about as short as a caption."""
    alt = text_key(figure.alt)
    text = paragraph.text
    if figure.caption or len(alt.split()) < _MIN_ALT_WORDS or len(text) > 2 * len(figure.alt) + 80:
        return None
    if not text_key(text).startswith(alt):
        return None
    caption, credit = split_credit(text)
    return replace(figure, caption=caption, credit=figure.credit or credit)


def _same(a: str, b: str) -> bool:
    return text_key(a) == text_key(b) != ""
