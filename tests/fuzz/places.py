"""Where in a capture a mutation lands: inside a story, on text, on a tag.

Damage in a feed's channel header or a page's navigation tells little; damage
inside an item or the page body is what costs a reader its stories. These scans
are plain regular expressions over bytes, independent of the code under test.
"""

from __future__ import annotations

import random
import re

from tests.fuzz.corpus import Sample

_ITEM_START = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
_BODY_START = re.compile(rb"<body[^>]*>", re.I)
_BODY_END = re.compile(rb"</body\s*>", re.I)
_TEXT_AFTER_TAG = re.compile(rb">(?=[^<\s])")
_JSON_STRING_START = re.compile(rb'":\s*"(?=[^"\\])')
_WORD_GAP = re.compile(rb"\s")
_END_TAG = re.compile(rb"</[A-Za-z][\w:.-]*\s*>")
_START_TAG = re.compile(rb"<[A-Za-z][\w:.-]*(?:\s[^<>]*)?>")
_QUOTED_ATTRIBUTE = re.compile(rb'="[^"<>]*"')
_ANGLE = re.compile(rb"[<>]")


def item_spans(data: bytes) -> list[tuple[int, int]]:
    """Each item or entry from its start tag to the end tag that follows it."""
    spans: list[tuple[int, int]] = []
    for start in _ITEM_START.finditer(data):
        end = _ITEM_END.search(data, start.end())
        spans.append((start.start(), end.end() if end else len(data)))
    return spans


def story_region(sample: Sample, data: bytes, rng: random.Random) -> tuple[int, int]:
    """A span holding a story: one random item of a feed, a page's body, else the whole."""
    if sample.kind == "feed" and (spans := item_spans(data)):
        return rng.choice(spans)
    if sample.kind == "page" and (body := _BODY_START.search(data)):
        end = _BODY_END.search(data, body.end())
        return body.end(), end.start() if end else len(data)
    return 0, len(data)


def pick(
    pattern: re.Pattern[bytes], data: bytes, span: tuple[int, int], rng: random.Random
) -> re.Match[bytes] | None:
    """One random match of `pattern` inside `span`, or None when there is none."""
    matches = list(pattern.finditer(data, *span))
    return rng.choice(matches) if matches else None


def text_offset(sample: Sample, data: bytes, rng: random.Random) -> int | None:
    """An offset inside readable text of a story: after a tag, in a JSON string, at a space."""
    span = story_region(sample, data, rng)
    if sample.kind == "json":
        found = pick(_JSON_STRING_START, data, span, rng)
    elif sample.kind == "text":
        found = pick(_WORD_GAP, data, span, rng)
    else:
        found = pick(_TEXT_AFTER_TAG, data, span, rng)
    return found.end() if found else None


def end_tag(data: bytes, span: tuple[int, int], rng: random.Random) -> re.Match[bytes] | None:
    return pick(_END_TAG, data, span, rng)


def start_tag(data: bytes, span: tuple[int, int], rng: random.Random) -> re.Match[bytes] | None:
    return pick(_START_TAG, data, span, rng)


def quoted_attribute(
    data: bytes, span: tuple[int, int], rng: random.Random
) -> re.Match[bytes] | None:
    return pick(_QUOTED_ATTRIBUTE, data, span, rng)


def angle(data: bytes, span: tuple[int, int], rng: random.Random) -> re.Match[bytes] | None:
    return pick(_ANGLE, data, span, rng)
