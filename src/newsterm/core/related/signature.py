"""What a story is about, in a few dozen bytes: its headline's and lead's words, folded.

An event is told in the headline and the first paragraphs; the rest of a story
is background that other events share. So a signature holds the headline's
terms and the lead's, each marked when it is in the headline and when it names
someone or something, at most MAX_TERMS of them, three bytes each. It is built
once, beside the story's row, and stored: matching never reads a story again.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from functools import lru_cache

from newsterm.core.model import Article
from newsterm.core.related.words import NAMES, is_title_case, mark_terms

IN_TITLE = 1
"""A term's mark when it is in the headline (and NAMES when it names something)."""
MAX_TERMS = 24
LEAD_WORDS = 90
"""How much of the story after the headline tells which event it is: the standfirst
and the first paragraphs, about this many words."""
_HASH_BITS = 22  # with the two marks, three bytes a term; a false shared term between two
_HASH_MASK = (1 << _HASH_BITS) - 1  # stories of 24 terms is a 1-in-7,300 chance


def signature_of(article: Article) -> bytes:
    """The stored signature of a story."""
    marks: dict[str, int] = {}
    mark_terms(article.title, marks, IN_TITLE, names=not is_title_case(article.title))
    mark_terms(_lead(article), marks, 0)
    return pack(_chosen(marks))


def _lead(article: Article) -> str:
    """The standfirst and the opening of the body, about LEAD_WORDS words."""
    kept: list[str] = []
    words = 0
    for text in article.texts():
        if words >= LEAD_WORDS:
            break
        if words + text.count(" ") > LEAD_WORDS * 2:  # a long text: only its opening
            text = " ".join(text.split(" ", LEAD_WORDS - words + 1)[: LEAD_WORDS - words])
        kept.append(text)
        words += text.count(" ") + 1
    return "\n".join(kept)


def _chosen(marks: dict[str, int]) -> dict[int, int]:
    """At most MAX_TERMS: the headline's first, then names, then the lead's in order."""
    ranks: list[list[str]] = [[], [], [], []]
    for term, term_marks in marks.items():
        ranks[_PRECEDENCE[term_marks]].append(term)
    chosen: dict[int, int] = {}
    for term in [*ranks[0], *ranks[1], *ranks[2], *ranks[3]][:MAX_TERMS]:
        hashed = _hashed(term)
        chosen[hashed] = chosen.get(hashed, 0) | marks[term]
    return chosen


_PRECEDENCE = {IN_TITLE | NAMES: 0, IN_TITLE: 1, NAMES: 2, 0: 3}


@lru_cache(maxsize=65536)
def _hashed(term: str) -> int:
    return zlib.crc32(term.encode("utf-8", "surrogatepass")) & _HASH_MASK


def pack(marked: dict[int, int]) -> bytes:
    """Three bytes a term, little-endian: its low 16 bits, then its high 8."""
    values = [(term << 2) | marks for term, marks in marked.items()]
    halves = [half for value in values for half in (value & 0xFFFF, value >> 16)]
    return struct.pack(f"<{'HB' * len(values)}", *halves)


def packed_values(data: bytes) -> array[int]:
    """The signature's terms as they are packed, term << 2 | marks: four bytes a term in
    memory, where a dict would take fifty."""
    count = len(data) // 3
    halves = struct.unpack_from(f"<{'HB' * count}", data)
    return array(
        "I", [low | high << 16 for low, high in zip(halves[::2], halves[1::2], strict=True)]
    )
