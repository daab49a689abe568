"""The real captures the harness damages: every corpus feed, article page and seed text."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from tests.conftest import CORPUS, SHARED

SampleKind = Literal["feed", "json", "page", "text"]


@dataclass(frozen=True, slots=True)
class Sample:
    """One capture, named as its file is, with the kind of source it is."""

    name: str
    kind: SampleKind
    data: bytes


@cache
def samples() -> tuple[Sample, ...]:
    """Read once: the cases of a run all draw from the same bytes, in a fixed order."""
    found: list[Sample] = []
    for path in sorted((CORPUS / "feeds").iterdir()):
        kind: SampleKind = "json" if path.suffix == ".json" else "feed"
        found.append(Sample(path.name, kind, path.read_bytes()))
    for path in sorted((CORPUS / "articles").glob("*.source.html")):
        found.append(Sample(path.name, "page", path.read_bytes()))
    for path in sorted((SHARED / "seed").glob("*.txt")):
        found.append(Sample(path.name, "text", path.read_bytes()))
    return tuple(found)
