"""Large but allowed inputs are read whole: every line of a long text, every paragraph of
a long page, within the parse's time bound (the cost is measured in bench, not here).

Each input is built here with one numbered word per line or paragraph, so what must be
kept is counted from the bytes the test wrote, not from what the parser returned.
"""

from __future__ import annotations

import re

from newsterm.core.model import Article, ListBlock
from newsterm.core.sources import parse_bytes

LINES = 300_000
PARAGRAPHS = 100_000
MARK = re.compile(r"\bw(\d+)x\b")


def marks_in(article: Article) -> set[int]:
    texts = [article.title, article.summary or ""]
    for block in article.blocks:
        texts += block.items if isinstance(block, ListBlock) else [getattr(block, "text", "")]
    return {int(n) for text in texts for n in MARK.findall(text)}


def test_a_long_text_with_short_lines_keeps_every_line() -> None:
    """300,000 short lines in one chunk: each was once tried as a date line (68 s)."""
    lines = [f"Line w{n}x of the story" for n in range(LINES)]
    data = ("Harbour Log\n\nA long record of the harbour.\n\n" + "\n".join(lines)).encode()
    [article] = parse_bytes(data).articles
    assert marks_in(article) == set(range(LINES))


def test_a_long_text_in_many_paragraphs_keeps_every_line() -> None:
    paragraphs = [
        "\n".join(f"Line w{n}x of the story goes on." for n in range(start, start + 5))
        for start in range(0, LINES, 5)
    ]
    data = ("Harbour Log\n\nA long record of the harbour.\n\n" + "\n\n".join(paragraphs)).encode()
    [article] = parse_bytes(data).articles
    assert marks_in(article) == set(range(LINES))


def test_a_page_of_100k_paragraphs_keeps_every_paragraph() -> None:
    paragraphs = "".join(
        f"<p>Paragraph w{n}x says a few words about the story.</p>" for n in range(PARAGRAPHS)
    )
    page = (
        "<html><head><title>Harbour log</title></head><body><article><h1>Harbour log</h1>"
        f"{paragraphs}</article></body></html>"
    ).encode()
    [article] = parse_bytes(page).articles
    assert marks_in(article) == set(range(PARAGRAPHS))
