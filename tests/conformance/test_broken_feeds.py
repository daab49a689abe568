"""Real corpus feeds broken the ways real feeds break keep every story they hold.

Each test damages the bytes of one corpus feed (an emoji written as surrogate
references, a reference past U+10FFFF, a byte in the XML declaration, a
mistyped end tag, a flipped attribute quote, a file cut off inside its last
item) and expects as many stories as lxml's recovering parser finds item and
entry elements, counted here, independently of newsterm's code.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from newsterm.core.model import Document
from newsterm.core.sources import parse_bytes
from tests.conftest import CORPUS

FEEDS = CORPUS / "feeds"
EMOJI = "\N{GRINNING FACE}"


def recovered_count(data: bytes) -> int:
    """How many items lxml's recovering parser finds: what a browser would show."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser)
    return sum(1 for _ in root.iter("{*}item", "{*}entry"))


def first_item_title_at(data: bytes) -> int:
    """Where the text of the first item's title starts in the bytes."""
    return data.index(b"<title>", data.index(b"<item")) + len(b"<title>")


def read(data: bytes) -> Document:
    return parse_bytes(data, name="broken.xml")


def test_an_emoji_written_as_surrogate_references_is_the_emoji() -> None:
    data = (FEEDS / "nfp-wapowellness.xml").read_bytes()
    at = first_item_title_at(data)
    broken = data[:at] + b"&#xD83D;&#xDE00; " + data[at:]
    document = read(broken)
    assert len(document.articles) == recovered_count(broken) == 29
    assert document.articles[0].title.startswith(EMOJI + " ")
    assert document.warnings == []


def test_a_reference_past_unicode_becomes_a_replacement_character() -> None:
    data = (FEEDS / "rssp-guardian.rss").read_bytes()
    at = first_item_title_at(data)
    broken = data[:at] + b"&#x110000;&#xDE00;" + data[at:]
    document = read(broken)
    assert len(document.articles) == recovered_count(broken) == 55
    assert document.articles[0].title.startswith("\N{REPLACEMENT CHARACTER}" * 2)


def test_a_mistyped_end_tag_inside_the_channel_image_costs_nothing() -> None:
    data = (FEEDS / "nfp-wapowellness.xml").read_bytes()
    image = data.index(b"<image>")
    end = data.index(b"</title>", image)
    broken = data[:end] + b"</titel>" + data[end + len(b"</title>") :]
    document = read(broken)
    assert len(document.articles) == recovered_count(broken) == 29
    assert [a.title for a in document.articles] == [a.title for a in read(data).articles]


def test_one_flipped_attribute_quote_keeps_every_story() -> None:
    data = (FEEDS / "rssp-itunes-keywords-astext.rss").read_bytes()
    item = [m.start() for m in re.finditer(rb"<item>", data)][14]
    separator = re.compile(rb'" (?=[\w:]+=")').search(data, item)
    assert separator is not None
    broken = data[: separator.start()] + b"' " + data[separator.end() :]
    document = read(broken)
    assert len(document.articles) == recovered_count(broken) == 32
    assert [a.title for a in document.articles] == [a.title for a in read(data).articles]


def cut_inside_last_item(data: bytes) -> tuple[bytes, bytes]:
    """The feed cut off halfway through its last item's description, and the words that
    are left of that description."""
    last = data.rindex(b"<item>")
    start = data.index(b"<![CDATA[", data.index(b"<description>", last)) + len(b"<![CDATA[")
    end = data.index(b"]]>", start)
    cut = start + (end - start) // 2
    return data[:cut], data[start:cut]


def test_a_feed_cut_off_inside_its_last_item_keeps_that_story_and_says_so() -> None:
    data = (FEEDS / "rsp-kc0011.rss").read_bytes()
    broken, kept_html = cut_inside_last_item(data)
    document = read(broken)
    expected = recovered_count(broken)
    assert len(document.articles) == expected == 20
    last = document.articles[-1]
    opening = kept_html.decode("gb18030").split("<")[0].strip()  # its text before any tag
    shown = " ".join(getattr(block, "text", "") for block in last.blocks)
    assert opening and opening in shown
    [warning] = document.warnings
    assert f"1 of {expected} stories is cut short" in warning and "\n" not in warning


def test_cat_prints_the_warning_as_one_line_and_succeeds(tmp_path: Path) -> None:
    broken, _ = cut_inside_last_item((FEEDS / "rsp-kc0011.rss").read_bytes())
    path = tmp_path / "cut.xml"
    path.write_bytes(broken)
    done = subprocess.run(
        [sys.executable, "-m", "newsterm", "cat", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    [line] = done.stderr.splitlines()
    assert str(path) in line and f"1 of {recovered_count(broken)} stories is cut short" in line
    assert "世博五卷" in done.stdout  # the first story is printed


def test_a_raw_control_character_in_a_json_feed_keeps_every_story() -> None:
    data = (FEEDS / "rsp-ScriptingNews.json").read_bytes()
    at = data.index(b'"title": "') + len(b'"title": "')
    broken = data[:at] + b"\x01" + data[at:]
    document = read(broken)
    items = json.loads(broken, strict=False)["rss"]["channel"]["item"]
    assert document.source.kind != "text"
    assert len(document.articles) == len(items) == 50
    assert all("\x01" not in a.title for a in document.articles)


@pytest.mark.parametrize(
    ("name", "honest", "lie", "stories"),
    [
        # A stray byte inside the declaration stops every parser before the first element.
        ("rsp-dcrainmaker.xml", b'encoding="UTF-8"', b'encoding="UTF-8\xff"', 8),
        # Encodings that cannot write `<?xml` in ASCII, named by a declaration in ASCII.
        ("rssp-encoding.rss", b'encoding="ISO-8859-1"', b'encoding="UTF-16"', 40),
        ("nfp-ongoing.atom", b"encoding='UTF-8'", b"encoding='IBM037'", 20),
        ("rsp-donthitsave.xml", b'encoding="utf-8"', b'encoding="IBM037"', 10),  # behind a BOM
    ],
)
def test_a_declaration_that_lies_costs_no_story(
    name: str, honest: bytes, lie: bytes, stories: int
) -> None:
    data = (FEEDS / name).read_bytes()
    broken = data.replace(honest, lie, 1)
    assert broken != data
    document = read(broken)
    assert len(document.articles) == recovered_count(data) == stories
    assert [a.title for a in document.articles] == [a.title for a in read(data).articles]
