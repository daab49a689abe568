"""Search words, and the passage of a story that shows them.

The search index keeps no copy of the text (that would double the library),
so the passage is cut here from the stored story: the first block that holds
a searched word, a window of words around it, and every matching word
wrapped in \\x02 … \\x03 markers that the views turn into a highlight.
"""

from __future__ import annotations

import re
import string
import unicodedata

from newsterm.core.model import Article

HIT_START, HIT_END = "\x02", "\x03"
_NOT_WORD = re.compile(r"\W")
_ASCII_PUNCTUATION = string.punctuation.replace("_", "")  # all \W: `_` is a word character
WINDOW_WORDS = 24
MAX_TERMS = 16


def search_terms(query: str) -> list[str]:
    """Words only: FTS syntax (quotes, NEAR, column:, *, -) never reaches the index."""
    # Folded before splitting: "½" folds to "1⁄2", two words to the index, and a term of
    # two words would be a phrase query, which an index without positions refuses.
    words = "".join(c if c.isalnum() else " " for c in _fold(query)).split()
    return words[:MAX_TERMS]


def _fold(word: str) -> str:
    """Lower case without accents (`Café` -> `cafe`), as the search index compares words."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def snippet(article: Article, terms: list[str]) -> str:
    """The passage with the most matching words (title if nothing else matches)."""
    best, best_hits = "", 0
    for text in article.texts():
        folded = _fold(text)
        if not any(term in folded for term in terms):
            continue  # most blocks hold none of the words: skip them without splitting
        words = text.split()
        hits = _hits(words, folded, terms) if text.isascii() else _slow_hits(words, terms)
        if len(hits) > best_hits:
            best_hits = len(hits)
            start = max(0, hits[0] - WINDOW_WORDS // 3)
            window = words[start : start + WINDOW_WORDS]
            best = ("… " if start else "") + " ".join(_mark(w, terms) for w in window)
            if start + WINDOW_WORDS < len(words):
                best += " …"
    return best or " ".join(_mark(w, terms) for w in article.title.split())


def _hits(words: list[str], folded: str, terms: list[str]) -> list[int]:
    """Which words match, for ASCII text: its folded words line up with its words.

    A word that starts with a term matches; letters and digits between punctuation
    match when they start with one; only words with punctuation inside them (or an
    underscore) take the slow, exact test.
    """
    prefixes = tuple(terms)
    hits = []
    for i, word in enumerate(folded.split()):
        if word.startswith(prefixes):
            hits.append(i)
        elif word.isalnum():
            continue
        elif (core := word.strip(_ASCII_PUNCTUATION)).isalnum():
            if core.startswith(prefixes):
                hits.append(i)
        elif _matches(words[i], terms):
            hits.append(i)
    return hits


def _slow_hits(words: list[str], terms: list[str]) -> list[int]:
    return [i for i, w in enumerate(words) if _matches(w, terms)]


def _matches(word: str, terms: list[str]) -> bool:
    folded = _fold(_NOT_WORD.sub("", word))
    return bool(folded) and folded.startswith(tuple(terms))


_PUNCTUATION_AROUND = re.compile(r"^(\W*)(.*?)(\W*)$", re.S)


def _mark(word: str, terms: list[str]) -> str:
    """`parking.` -> `\x02parking\x03.`: the highlight covers the word, not its punctuation."""
    if not _matches(word, terms):
        return word
    match = _PUNCTUATION_AROUND.match(word)
    assert match is not None
    before, core, after = match.groups()
    return f"{before}{HIT_START}{core}{HIT_END}{after}"
