"""Deterministic damage, the kinds real feeds and pages arrive with.

Every mutator takes a capture and a seeded `random.Random` and returns the damaged
bytes, or None when the damage does not apply (no `<image>` to mistype, no
declaration to lie with in JSON). The same seed always gives the same bytes.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

import lxml.html
from lxml import etree

from tests.fuzz import places
from tests.fuzz.corpus import Sample


@dataclass(frozen=True, slots=True)
class Mutation:
    """Damaged bytes; `encoding` is what they are really in when their declaration lies."""

    data: bytes
    encoding: str | None = None


Mutator = Callable[[Sample, random.Random], Mutation | None]

NESTING_DEPTH = 10_000
_XML_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*\?>")
_DECLARED = re.compile(rb"""encoding\s*=\s*["'][^"']*["']""")
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?[\w.:-]+["']?""", re.I)
_HEAD = re.compile(rb"<head[^>]*>", re.I)
_IMAGE = re.compile(rb"<image[\s>].*?</image\s*>", re.S)
_FIGURE = re.compile(rb"<figure[\s>].*?</figure\s*>", re.S | re.I)
_ITEM_BODY_START = re.compile(
    rb"<(?:[\w.-]+:)?(?:description|encoded|content|summary)(?:\s[^<>]*)?>"
)
_ITEM_START_TAG = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)(?:\s[^<>]*)?>")
_JSON_HTML_START = re.compile(rb'"content_html"\s*:\s*"')
_STRUCTURED = ("feed", "page")


def cut_in_story(sample: Sample, rng: random.Random) -> Mutation | None:
    """The download stopped inside an item (or a page's body)."""
    start, end = places.story_region(sample, sample.data, rng)
    return Mutation(sample.data[: rng.randrange(start + 1, end)]) if end > start + 1 else None


def cut_anywhere(sample: Sample, rng: random.Random) -> Mutation | None:
    """The download stopped at any byte."""
    return Mutation(sample.data[: rng.randrange(1, len(sample.data))])


def flip_byte(sample: Sample, rng: random.Random) -> Mutation | None:
    """One byte of a story replaced by any other byte."""
    start, end = places.story_region(sample, sample.data, rng)
    where = rng.randrange(start, end)
    new = rng.choice([b for b in range(256) if b != sample.data[where]])
    return _replace(sample.data, where, where + 1, bytes([new]))


def flip_quote(sample: Sample, rng: random.Random) -> Mutation | None:
    """An attribute's quote turned into something else: `href="x"` -> `href='x"`."""
    span = places.story_region(sample, sample.data, rng)
    found = places.quoted_attribute(sample.data, span, rng)
    if found is None:
        return None
    where = found.start() + 1 if rng.random() < 0.5 else found.end() - 1
    return _replace(sample.data, where, where + 1, rng.choice([b"'", b" ", b">", b"x", b"<"]))


def flip_angle(sample: Sample, rng: random.Random) -> Mutation | None:
    """A `<` or `>` of a tag turned into something else."""
    span = places.story_region(sample, sample.data, rng)
    found = places.angle(sample.data, span, rng)
    if found is None:
        return None
    other = b">" if found.group() == b"<" else b"<"
    return _replace(sample.data, found.start(), found.end(), rng.choice([other, b" ", b"x"]))


def _inserted_reference(xml: list[bytes], json: list[bytes]) -> Mutator:
    """A mutator that writes one of these references into a story's text."""

    def mutate(sample: Sample, rng: random.Random) -> Mutation | None:
        reference = rng.choice(json if sample.kind == "json" else xml)
        return _insert_in_text(sample, rng, reference)

    return mutate


reference_to_control = _inserted_reference(
    [b"&#1;", b"&#x1b;", b"&#0;", b"&#7;"], [rb"\u0001", rb"\u001b", rb"\u0000", rb"\u0007"]
)
reference_to_control.__doc__ = "A character reference to a control character: `&#1;`, `&#0;`."
reference_to_surrogates = _inserted_reference([b"&#xD83D;&#xDE00;", b"&#55357;"], [rb"\ud83d"])
reference_to_surrogates.__doc__ = "References to UTF-16 surrogates, which no XML text may hold."
reference_past_unicode = _inserted_reference([b"&#x110000;", b"&#99999999;"], [rb"\udfff"])
reference_past_unicode.__doc__ = "A reference past the last code point (JSON: a lone surrogate)."


def raw_control(sample: Sample, rng: random.Random) -> Mutation | None:
    """A raw ESC, BEL, SOH or NUL byte in a story's text."""
    return _insert_in_text(sample, rng, rng.choice([b"\x1b", b"\x07", b"\x01", b"\x00"]))


def _insert_in_text(sample: Sample, rng: random.Random, inserted: bytes) -> Mutation | None:
    where = places.text_offset(sample, sample.data, rng)
    return None if where is None else _replace(sample.data, where, where, inserted)


def _lying_declaration(label: bytes) -> Mutator:
    """A mutator that declares `label` as the encoding of bytes that are not in it."""

    def mutate(sample: Sample, rng: random.Random) -> Mutation | None:
        if sample.kind == "feed":
            data = _declare_in_xml(sample.data, label)
        elif sample.kind == "page":
            data = _declare_in_meta(sample.data, label)
        else:
            return None
        return Mutation(data, true_encoding(sample))

    return mutate


lie_ebcdic = _lying_declaration(b"IBM037")
lie_ebcdic.__doc__ = "ASCII-compatible bytes declared as EBCDIC."
lie_utf16 = _lying_declaration(b"UTF-16")
lie_utf16.__doc__ = "Bytes declared as UTF-16 with no byte order mark (and not UTF-16 at all)."
lie_shift_jis = _lying_declaration(b"Shift_JIS")
lie_shift_jis.__doc__ = "UTF-8 (or Latin) bytes declared as Shift_JIS."
lie_bad_byte = _lying_declaration(b"UTF\xff-8")
lie_bad_byte.__doc__ = "A byte that is not UTF-8 inside the declaration itself."


def _declare_in_xml(data: bytes, label: bytes) -> bytes:
    declaration = _XML_DECLARATION.match(data)
    if declaration is None:
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        return bom + b'<?xml version="1.0" encoding="' + label + b'"?>\n' + data[len(bom) :]
    text = declaration.group()
    lied = (
        _DECLARED.sub(lambda _: b'encoding="' + label + b'"', text, count=1)
        if _DECLARED.search(text)
        else text[:-2].rstrip() + b' encoding="' + label + b'"?>'
    )
    return lied + data[declaration.end() :]


def _declare_in_meta(data: bytes, label: bytes) -> bytes:
    if _META_CHARSET.search(data):
        return _META_CHARSET.sub(lambda _: b'charset="' + label + b'"', data, count=1)
    head = _HEAD.search(data)
    where = head.end() if head else 0
    return data[:where] + b'<meta charset="' + label + b'">' + data[where:]


@cache
def true_encoding(sample: Sample) -> str | None:
    """The encoding lxml reads the undamaged capture in: what a lie hides."""
    if sample.kind == "page":
        return str(lxml.html.document_fromstring(sample.data).getroottree().docinfo.encoding)
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(sample.data, parser)
    return None if root is None else str(root.getroottree().docinfo.encoding)


def drop_end_tag(sample: Sample, rng: random.Random) -> Mutation | None:
    """One end tag of a story gone: `</title>`, `</item>`, `</p>`."""
    if sample.kind not in _STRUCTURED:
        return None
    span = places.story_region(sample, sample.data, rng)
    found = places.end_tag(sample.data, span, rng)
    return None if found is None else _replace(sample.data, found.start(), found.end(), b"")


def duplicate_start_tag(sample: Sample, rng: random.Random) -> Mutation | None:
    """An item's start tag written twice (a page: any start tag of the body)."""
    if sample.kind not in _STRUCTURED:
        return None
    span = places.story_region(sample, sample.data, rng)
    if sample.kind == "feed":
        found = _ITEM_START_TAG.match(sample.data, span[0])
    else:
        found = places.start_tag(sample.data, span, rng)
    return None if found is None else _replace(sample.data, found.end(), found.end(), found.group())


def mistype_end_tag_in_image(sample: Sample, rng: random.Random) -> Mutation | None:
    """`</url>` as `</ulr>` inside a channel's `<image>` (a page: inside a `<figure>`)."""
    pattern = _IMAGE if sample.kind == "feed" else _FIGURE if sample.kind == "page" else None
    blocks = list(pattern.finditer(sample.data)) if pattern else []
    if not blocks:
        return None
    block = rng.choice(blocks)
    found = places.end_tag(sample.data, block.span(), rng)
    if found is None or len(found.group()) < 5:
        return None
    name = found.group()[2:-1].strip()
    mistyped = name[:-2] + name[-1:] + name[-2:-1]  # the last two letters swapped
    if mistyped == name:
        mistyped = name + b"x"
    return _replace(sample.data, found.start(), found.end(), b"</" + mistyped + b">")


def deep_nesting(sample: Sample, rng: random.Random) -> Mutation | None:
    """Ten thousand nested `<div>` or `<span>`, closed or not, in a story's body."""
    tag = rng.choice([b"div", b"span"])
    opened = b"<" + tag + b">"
    nest = opened * NESTING_DEPTH + b"deep"
    if rng.random() < 0.5:
        nest += (b"</" + tag + b">") * NESTING_DEPTH
    if sample.kind == "page":
        return _insert_in_text(sample, rng, nest)
    if sample.kind == "json":
        found = places.pick(_JSON_HTML_START, sample.data, (0, len(sample.data)), rng)
        return None if found is None else _replace(sample.data, found.end(), found.end(), nest)
    if sample.kind == "feed":
        span = places.story_region(sample, sample.data, rng)
        found = places.pick(_ITEM_BODY_START, sample.data, span, rng)
        wrapped = b"<![CDATA[" + nest + b"]]>"
        return None if found is None else _replace(sample.data, found.end(), found.end(), wrapped)
    return None


def _replace(data: bytes, start: int, end: int, new: bytes) -> Mutation:
    return Mutation(data[:start] + new + data[end:])


MUTATORS: dict[str, Mutator] = {
    "cut-in-story": cut_in_story,
    "cut-anywhere": cut_anywhere,
    "flip-byte": flip_byte,
    "flip-quote": flip_quote,
    "flip-angle": flip_angle,
    "ref-control": reference_to_control,
    "ref-surrogates": reference_to_surrogates,
    "ref-past-unicode": reference_past_unicode,
    "raw-control": raw_control,
    "lie-ebcdic": lie_ebcdic,
    "lie-utf16": lie_utf16,
    "lie-shift-jis": lie_shift_jis,
    "lie-bad-byte": lie_bad_byte,
    "drop-end-tag": drop_end_tag,
    "duplicate-item-start": duplicate_start_tag,
    "mistype-image-end": mistype_end_tag_in_image,
    "deep-nesting": deep_nesting,
}
