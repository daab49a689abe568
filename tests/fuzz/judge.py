"""Run one case through `parse_bytes` and say what a reader would have seen.

Outcomes, one per case:
- ok: read, and it kept the stories the reference finds (within the tolerance);
- rejected: one line of error, and the reference finds no story either;
- rejection-loss: one line of error, but the reference finds stories in the bytes;
- silent-loss: read, with stories (or most of a page's words) missing and no warning;
- escaped: an exception other than SourceError left `parse_bytes` (a bug);
- over-bound: the parse took longer than its bound (the 10 s parse deadline + grace).

The bound is measured in this process's CPU time, so a busy shared machine cannot
push a case over it; a parse that never returns is stopped by a wall-clock alarm.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from types import FrameType
from typing import Literal

from newsterm.core.model import Document
from newsterm.core.sources import SourceError, parse_bytes
from newsterm.core.sources.budget import PARSE_SECONDS
from tests.fuzz import oracle
from tests.fuzz.cases import Case
from tests.fuzz.corpus import Sample
from tests.support.payloads import UNSAFE

_WORD_JOINER = re.compile(r"(?<=[^\s\u200c\u200d])[\u200c\u200d](?=[^\s\u200c\u200d])")

Outcome = Literal["ok", "rejected", "rejection-loss", "silent-loss", "escaped", "over-bound"]
OUTCOMES: tuple[Outcome, ...] = (
    "ok",
    "rejected",
    "rejection-loss",
    "silent-loss",
    "escaped",
    "over-bound",
)

# The parse deadline, plus the time a parse may run between two of its deadline checks.
BOUND_SECONDS = PARSE_SECONDS + 2.0
# A parse stuck in Python code past this is stopped, so one case cannot hang a run.
_HARD_STOP_SECONDS = 3 * PARSE_SECONDS
# A local mutation may break the one item it lands in; losing more is a loss.
ITEM_TOLERANCE = 1
# A page whose words are still there (this share, by the reference) must keep at
# least KEPT_WORDS of the words newsterm reads from the undamaged page.
PRESENT_WORDS = 0.9
KEPT_WORDS = 0.5
# A page or text with fewer words than this holds no story worth a rejection loss.
MIN_STORY_WORDS = 20


@dataclass(frozen=True, slots=True)
class Result:
    """One case's outcome; `expected` and `got` are stories (feeds) or words (pages).

    `seconds` is CPU time spent in `parse_bytes`.
    """

    case: str
    mutator: str
    outcome: Outcome
    expected: int
    got: int
    seconds: float
    detail: str = ""
    unsafe_text: bool = False
    messy_message: bool = False

    def line(self) -> str:
        """The case on one line, for a failing test or `--show`."""
        return (
            f"{self.outcome}: {self.case}: expected {self.expected}, got {self.got}, "
            f"{self.seconds:.2f} s {self.detail}"
        )


class _HardStop(BaseException):
    """Raised into a parse that ran far past its bound (not an Exception: nothing catches it)."""


def judge(case: Case) -> Result:
    expected = reference(case.sample, case.mutation.data, case.mutation.encoding)
    started = time.process_time()
    try:
        with _hard_stop():
            document = parse_bytes(case.mutation.data, name=case.sample.name)
    except _HardStop:
        return _result(case, "over-bound", expected, 0, _since(started), "never returned")
    except SourceError as error:
        return _rejected(case, expected, _since(started), str(error))
    except Exception as error:  # noqa: BLE001 - what escapes is what the harness counts
        line = f"{type(error).__name__}: {error}"
        return _result(case, "escaped", expected, 0, _since(started), line)
    seconds = _since(started)
    got = _measure(case.sample, document)
    if seconds > BOUND_SECONDS:
        return _result(case, "over-bound", expected, got, seconds)
    lost = _lost(case, expected, got) and not getattr(document, "warnings", None)
    outcome: Outcome = "silent-loss" if lost else "ok"
    return _result(case, outcome, expected, got, seconds, unsafe_text=_unsafe(document))


def _since(started: float) -> float:
    """CPU seconds: what the parse itself cost, however busy the machine is."""
    return time.process_time() - started


def _rejected(case: Case, expected: int, seconds: float, message: str) -> Result:
    has_stories = expected >= (1 if case.sample.kind in ("feed", "json") else MIN_STORY_WORDS)
    outcome: Outcome = (
        "over-bound" if seconds > BOUND_SECONDS else "rejection-loss" if has_stories else "rejected"
    )
    messy = not message.strip() or "\n" in message or "Traceback" in message
    return _result(case, outcome, expected, 0, seconds, message, messy_message=messy)


def reference(sample: Sample, data: bytes, encoding: str | None = None) -> int:
    """Stories (feeds) or words (pages, texts) in the bytes, by the independent reference."""
    if sample.kind == "feed":
        return oracle.feed_items(data, encoding)
    if sample.kind == "json":
        return oracle.json_items(data)
    if sample.kind == "page":
        return oracle.page_words(data, encoding)
    return oracle.text_words(data)


def _measure(sample: Sample, document: Document) -> int:
    if sample.kind in ("feed", "json"):
        return len(document.articles)
    return sum(article.word_count for article in document.articles)


def _lost(case: Case, expected: int, got: int) -> bool:
    if case.sample.kind in ("feed", "json"):
        return expected - got > ITEM_TOLERANCE
    words_there = expected >= PRESENT_WORDS * _undamaged_reference(case.sample)
    return words_there and got < KEPT_WORDS * _undamaged_words(case.sample)


@cache
def _undamaged_words(sample: Sample) -> int:
    """What a reader gets from the undamaged page: the yardstick for a damaged one."""
    return _measure(sample, parse_bytes(sample.data, name=sample.name))


@cache
def _undamaged_reference(sample: Sample) -> int:
    return reference(sample, sample.data)


def _unsafe(document: Document) -> bool:
    """A control, bidi or invisible character reached a story's text (clean.py missed it).

    A single joiner between two visible characters is spelling (Persian, Hindi) or one
    emoji (🤷🏻‍♂️), not a hiding place: it is looked past.
    """
    for article in document.articles:
        texts = (_WORD_JOINER.sub("", text) for text in (article.title, *article.texts()))
        if any(UNSAFE.search(text) for text in texts):
            return True
    return False


def _result(
    case: Case,
    outcome: Outcome,
    expected: int,
    got: int,
    seconds: float,
    detail: str = "",
    *,
    unsafe_text: bool = False,
    messy_message: bool = False,
) -> Result:
    return Result(
        case=case.label,
        mutator=case.mutator,
        outcome=outcome,
        expected=expected,
        got=got,
        seconds=round(seconds, 3),
        detail=" ".join(detail.split())[:200],
        unsafe_text=unsafe_text,
        messy_message=messy_message,
    )


@contextmanager
def _hard_stop() -> Iterator[None]:
    """An alarm that stops a parse stuck in Python code (only possible on the main thread)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise _HardStop

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, _HARD_STOP_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
