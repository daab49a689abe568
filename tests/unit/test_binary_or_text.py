"""One stray NUL does not make a feed "binary"; a real binary file is still refused.

A feed with a NUL in its first bytes (a slip in a title, a truncated write repaired)
is text with one bad byte, and every story in it must be read; a picture, an archive,
a program or a file of NULs is refused in one line that says it is binary.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

import pytest

from newsterm.core.sources import SourceError, parse_bytes
from tests.conftest import CORPUS

FEEDS = ("nfp-intertwingly.atom", "rssp-guardian.rss", "nfp-tpm.atom", "rssp-reddit.rss")


def manifest_count(name: str) -> int:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}
    return int(rows[f"feeds/{name}"]["item_count"])


def with_nul_between_tags(data: bytes, near: int) -> bytes:
    """The feed with one NUL put just after the first `>` at or past byte `near`."""
    at = data.index(b">", near) + 1
    return data[:at] + b"\x00" + data[at:]


@pytest.mark.parametrize("name", FEEDS)
def test_a_nul_near_the_start_of_a_feed_keeps_every_item(name: str) -> None:
    data = with_nul_between_tags((CORPUS / "feeds" / name).read_bytes(), 100)
    assert b"\x00" in data[:512]
    assert len(parse_bytes(data).articles) == manifest_count(name)


def test_a_nul_near_the_start_of_a_text_article_keeps_it() -> None:
    text = b"Harbour bridge vote\x00 delayed\n\nThe council put off the vote on the bridge.\n"
    [article] = parse_bytes(text).articles
    assert article.title == "Harbour bridge vote delayed"


def one_line_refusal(data: bytes) -> str:
    with pytest.raises(SourceError) as refused:
        parse_bytes(data)
    message = str(refused.value)
    assert "\n" not in message
    return message


BINARIES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "gzip": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "mostly-nuls-after-a-tag": b"<rss version='2.0'>" + b"\x00" * 4000,
    "nuls": b"\x00" * 4096,
    "random-bytes": random.Random(7).randbytes(8192),
    "utf-32-without-bom": "<rss><channel><title>T</title></channel></rss>".encode("utf-32-le"),
}


@pytest.mark.parametrize("data", BINARIES.values(), ids=BINARIES.keys())
def test_binary_data_is_refused_in_one_line(data: bytes) -> None:
    assert "binary" in one_line_refusal(data)


def test_a_program_is_refused_in_one_line() -> None:
    """A real executable from this machine: the interpreter running the tests."""
    assert "binary" in one_line_refusal(Path(sys.executable).resolve().read_bytes()[:65536])
