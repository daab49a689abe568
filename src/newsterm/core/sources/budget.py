"""The time bound every parse of untrusted bytes runs under.

A parse that would not end (an item with 200,000 attributes, a page of a
million paragraphs) must give up in one line rather than stall a refresh or
freeze the reader. The parsers' own loops (elements, items, lines, blocks)
call `check()`; lxml's C parsers are linear in their input, so the time
between two checks is bounded too.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Every parse of one source (a feed, a page, a text, one story's kept HTML) gives up
# after this long. The slowest real capture in the corpus takes well under a second.
PARSE_SECONDS = 10.0

_deadline: ContextVar[float | None] = ContextVar("newsterm_parse_deadline", default=None)


class ParseTooSlow(ValueError):
    """The parse passed its time bound; the message is one line, fit to show a person."""


@contextmanager
def parse_deadline(seconds: float = PARSE_SECONDS) -> Iterator[None]:
    """Bound the parse inside; a nested bound never extends the one around it."""
    now = time.monotonic()
    outer = _deadline.get()
    mine = now + seconds
    token = _deadline.set(mine if outer is None else min(outer, mine))
    try:
        yield
    finally:
        _deadline.reset(token)


def check(*_traced: object) -> None:
    """Raise ParseTooSlow once the current parse has run past its bound (cheap: call often).

    It also serves as a trace function (which is given a frame, an event and an argument).
    """
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise ParseTooSlow(f"took longer than {PARSE_SECONDS:g} s to read; gave up")


@contextmanager
def checked_on_every_call() -> Iterator[None]:
    """Check the bound each time Python code inside calls a function: for libraries, like
    feedparser, whose loops we cannot reach (its SAX handler looks every attribute up by
    name again, which is quadratic). Only calls are traced, never lines: cheap enough for
    the rare feed the fast path leaves to feedparser.
    """
    before = sys.gettrace()
    sys.settrace(check)
    try:
        yield
    finally:
        sys.settrace(before)
