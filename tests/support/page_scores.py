"""How a saved page reads: its body's word F1 against Readability, and what a person sees wrong.

One scorer for the conformance test (floors) and `bench/page_fidelity.py` (the per-page
table): the expected words come from Readability's own output beside each page, never
from newsterm's.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.html

from newsterm.core.model import Article, Figure, ListBlock

# Chinese and Japanese are written without spaces: each character is a word of its own, or
# one differing character would cost the whole clause around it.
_CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")


def words(text: str) -> list[str]:
    return [w for w in re.split(r"\W+", _CJK.sub(r" \1 ", text.lower())) if w]


def f1(got: list[str], want: list[str]) -> float:
    """Bag-of-words F1: precision and recall over multiset counts."""
    common = sum((Counter(got) & Counter(want)).values())
    if not common:
        return 0.0
    precision, recall = common / len(got), common / len(want)
    return 2 * precision * recall / (precision + recall)


def body_text(article: Article) -> str:
    """Everything the reader shows as the body, captions and credits included."""
    parts: list[str] = []
    for block in article.blocks:
        if isinstance(block, Figure):
            parts += [block.caption, block.credit]
        elif isinstance(block, ListBlock):
            parts += block.items
        else:
            parts.append(block.text)
    return "\n".join(parts)


def expected_text(expected_html: Path) -> str:
    root = lxml.html.fromstring(expected_html.read_bytes().decode("utf-8"))
    return " ".join(str(t) for t in root.itertext())


def body_f1(article: Article, expected_html: Path) -> float:
    return f1(words(body_text(article)), words(expected_text(expected_html)))


def empty_figures(article: Article) -> list[Figure]:
    """Figures that would show as a bare "(image)": no caption, no credit, no alt to read."""
    return [f for f in article.figures if not (f.caption or f.credit or f.alt)]


def prose_text(article: Article) -> str:
    """The body without its figures: what Readability's output is compared with."""
    parts: list[str] = []
    for block in article.blocks:
        if isinstance(block, ListBlock):
            parts += block.items
        elif not isinstance(block, Figure):
            parts.append(block.text)
    return "\n".join(parts)


def expected_prose(expected_html: Path) -> str:
    """Readability's text minus its figures: it keeps some pages' captions and drops others'."""
    root = lxml.html.fromstring(expected_html.read_bytes().decode("utf-8"))
    for figure in root.xpath("//figure | //figcaption"):
        figure.drop_tree()
    return " ".join(str(t) for t in root.itertext())


def prose_f1(article: Article, expected_html: Path) -> float:
    return f1(words(prose_text(article)), words(expected_prose(expected_html)))


def without_lines(text: str, lines: tuple[str, ...]) -> str:
    """The text with each line taken out once ("start … end" takes out that whole span).

    A line that is not there fails loudly: the list describes Readability's output, and
    a list that no longer matches it would silently stop meaning anything.
    """
    text = " ".join(text.split())
    for line in lines:
        start, _, end = line.partition(" … ")
        at = text.find(start)
        stop = text.find(end, at + len(start)) + len(end) if end else at + len(start)
        if at < 0 or (end and stop < len(end) + at):
            raise AssertionError(f"not in Readability's text: {line!r}")
        text = f"{text[:at]} {text[stop:]}"
    return text
