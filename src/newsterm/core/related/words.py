"""A story's words as the matcher compares them: one form for a word however an outlet
writes it (case, accents, plurals and tenses, British or American spelling, numbers
in words or digits), and which of them name someone or something.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]  # ships no type hints

from newsterm.core.related.spelling import american

_TOKEN = re.compile(r"([\W_]*)(\d+(?:[.,]\d+)*|[^\W\d_]+)")
"""A word or number, after what separates it from the one before."""
_SENTENCE_END = frozenset(".!?:;\"“”‘'([—–-")
LONGEST_WORD = 30
"""Longer "words" are noise (a URL, a hostile run of letters), not what a story is about."""

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905
_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
NUMBER_WORDS: dict[str, int] = (
    {word: value for value, word in enumerate(_UNITS)}
    | {word: 20 + 10 * index for index, word in enumerate(_TENS)}
    | {word: value for value, word in enumerate(_ORDINALS) if value > 2}  # "first", "second"
)  # are more often words than numbers ("the first time", "a second bridge")
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_SHORT_SCALES = {"m": "million", "bn": "billion", "k": "thousand"}  # £3m, 2bn

STOPWORDS = frozenset(
    """
    a about above after again against ago all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves
    said says say told tells according added adds also yet still however since per
    mr mrs ms dr st th nd rd s t d ll re ve
    week weeks day days today yesterday tomorrow monday tuesday wednesday thursday friday
    saturday sunday morning evening night year years month months last next new
    """.split()  # noqa: SIM905
)
"""Words every story has: they say nothing about which event a story reports."""

_local = threading.local()  # a stemmer keeps state while it works: one per thread


def _stemmer() -> snowballstemmer.stemmer:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("english")
    return stemmer


@lru_cache(maxsize=65536)
def folded(word: str) -> str:
    """One form for a word: accents off, American spelling, stemmed (closes, closed and
    closing are one word; so are harbours and harbor)."""
    if not word.isascii():
        decomposed = unicodedata.normalize("NFKD", word)
        word = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return str(_stemmer().stemWord(american(word)))


NAMES = 2
"""A term's mark when it names someone or something (a person, a place, a number)."""


def mark_terms(text: str, marks: dict[str, int], mark: int, *, names: bool = True) -> None:
    """Add every word of `text` that says what it is about to `marks` (term → marks), in
    order, with `mark`, and with NAMES where the word names something.

    A word capitalised inside a sentence names someone or something (a place, a person,
    a company); so does a number. `names=False` for a headline in Title Case, where
    capitals say nothing. (A refresh signs every story it stores: the text is split at
    spaces in C and each piece read once per spelling, see `_piece`.)
    """
    text = text.replace("per cent", "percent").replace("%", " percent")
    pending: int | None = None  # a number being spelt out ("twenty three", "five hundred")
    first = True
    stop = ""  # the last mark between the previous word and this one ("." or "“")
    for piece in text.split():
        words, after = _piece(piece) if len(piece) <= LONGEST_PIECE else _read(piece)
        for before, upper, value, scale, term, numeric in words:
            if before:
                stop = before
            if term is None:
                pass  # noise: it names nothing and leaves a number being spelt alone
            elif value is None and not scale and pending is None:  # most words: no number
                if term:
                    starts = stop in _SENTENCE_END if stop else first
                    naming = numeric or (names and upper and not starts)
                    marks[term] = marks.get(term, 0) | mark | (NAMES if naming else 0)
            elif scale and pending is not None:
                pending *= scale  # five hundred, 3 million, £3m
            elif value is not None and pending is not None and _joins(pending, value):
                pending += value  # twenty-three
            else:
                if pending is not None:
                    marks[str(pending)] = marks.get(str(pending), 0) | mark | NAMES
                    pending = None
                if value is not None:
                    pending = value
                elif term:
                    starts = stop in _SENTENCE_END if stop else first
                    naming = numeric or (names and upper and not starts)
                    marks[term] = marks.get(term, 0) | mark | (NAMES if naming else 0)
            first = False
            stop = ""
        if after:
            stop = after
    if pending is not None:
        marks[str(pending)] = marks.get(str(pending), 0) | mark | NAMES


_Word = tuple[str, bool, int | None, int, str | None, bool]
"""A word as `mark_terms` reads it: the last mark before it within its piece ("" when
none), whether it is capitalised, then what `_word` makes of it (its term None for a
word past LONGEST_WORD)."""


LONGEST_PIECE = 64
"""Longer pieces are read each time, not remembered: a hostile feed's megabyte "word"
must not stay in memory."""


def _read(piece: str) -> tuple[tuple[_Word, ...], str]:
    """The words of a piece of text between spaces ("(Reuters)", "£3m,", "U.S."), and the
    last mark after its last word."""
    words: list[_Word] = []
    for gap, raw in _TOKEN.findall(piece):
        if len(raw) > LONGEST_WORD:
            words.append((gap[-1:], False, None, 0, None, False))
        else:
            words.append((gap[-1:], raw[0].isupper(), *_word(raw)))
    return tuple(words), "" if piece[-1].isalnum() else piece[-1]  # a word's last letter


_piece = lru_cache(maxsize=16384)(_read)
"""A piece is read once per spelling."""


@lru_cache(maxsize=65536)
def _word(raw: str) -> tuple[int | None, int, str, bool]:
    """(its value if a number, its scale if "hundred" or "m", its term or "" when it says
    nothing, whether it is a figure), worked out once per spelling."""
    word = raw.casefold()
    value = _number(word)
    scale = _SCALES.get(_SHORT_SCALES.get(word, word), 0)
    if value is not None:
        return value, scale, "", True
    if word[0].isdecimal():
        return None, scale, word, True  # a decimal ("3.5") stays as written
    if word in STOPWORDS or len(word) < 2:
        return None, scale, "", False
    return None, scale, folded(word), False


def _joins(tens: int, unit: int) -> bool:
    """Twenty and three make twenty-three; three and four stay two numbers."""
    return 20 <= tens < 100 and tens % 10 == 0 and 0 < unit < 10


def _number(word: str) -> int | None:
    if word[0].isdecimal():
        plain = word.replace(",", "")
        if plain.isdecimal() and len(plain) <= 15:
            return int(plain)
        return None
    return NUMBER_WORDS.get(word)


def is_title_case(title: str) -> bool:
    """Most longer words capitalised: a headline whose capitals name nothing."""
    words = [w for _, w in _TOKEN.findall(title) if len(w) > 3 and not w[0].isdecimal()]
    return bool(words) and sum(w[0].isupper() for w in words) * 2 > len(words)
