"""Every feed parse is linear and bounded: a hostile feed gives up in one line, a big one
keeps every story, and a parser process cannot take the machine's memory.

Bounds are shown by what a person sees ("gives up with one line", "finishes and keeps
every story"), never by timing: a subprocess's timeout only guards against a hang.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsterm.core.refresh.workers import LazyProcessPool
from newsterm.core.sources import SourceError, parse_bytes
from newsterm.core.sources.budget import parse_deadline
from tests.conftest import CORPUS, REPO

HANG_GUARD_SECONDS = 120  # far past the 10 s parse bound: only a stalled parse meets it
ATTRIBUTES = 200_000


def rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>'
    )


def item(title: str, attributes: str = "", body: str = "Body words.") -> str:
    return (
        f"<item {attributes}><title>{title}</title><link>http://example.org/{title}</link>"
        f"<description>{body}</description></item>"
    )


def many_attributes() -> str:
    return " ".join(f'a{n}="v{n}"' for n in range(ATTRIBUTES))


def cat(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsterm", "cat", *options, str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        check=False,
    )


def test_an_item_with_200000_attributes_keeps_every_story(tmp_path: Path) -> None:
    titles = ["First", "Crowded", "Last"]
    feed = rss(item(titles[0]) + item(titles[1], many_attributes()) + item(titles[2]))
    path = tmp_path / "attributes.xml"
    path.write_text(feed, encoding="utf-8")
    assert path.read_bytes().count(b'="v') == ATTRIBUTES  # the input is what it says
    done = cat(path, "--json")
    assert done.returncode == 0, done.stderr
    assert [a["title"] for a in json.loads(done.stdout)["articles"]] == titles


def test_an_ill_formed_feed_with_200000_attributes_keeps_its_story(tmp_path: Path) -> None:
    """Ill-formed: feedparser's loose parser, quadratic in attributes, gives up at its bound,
    and the recovering reading (linear) still keeps the story."""
    feed = rss(item("Crowded", many_attributes())).replace("</channel>", "</chanel>")
    path = tmp_path / "attributes-broken.xml"
    path.write_text(feed, encoding="utf-8")
    done = cat(path, "--json")
    assert done.returncode == 0, done.stderr
    assert [a["title"] for a in json.loads(done.stdout)["articles"]] == ["Crowded"]


FEEDS = CORPUS / "feeds"


@pytest.mark.parametrize(
    "name",
    [
        "nfp-intertwingly.atom",  # the lxml fast path
        "nfp-illegally-nested.xml",  # feedparser (items inside items)
        "rsp-DaringFireball.json",  # a JSON feed
    ],
)
def test_every_feed_parser_gives_up_once_past_its_bound(name: str) -> None:
    """A bound already passed: each parser's loop notices, and the feed costs one line."""
    data = (FEEDS / name).read_bytes()
    assert parse_bytes(data).articles  # it reads, given the time
    with parse_deadline(0), pytest.raises(SourceError) as raised:
        parse_bytes(data)
    assert str(raised.value) == "took longer than 10 s to read; gave up"


def test_one_endless_12_mb_paragraph_prints_its_start_and_says_it_was_shortened(
    tmp_path: Path,
) -> None:
    sentence = "One endless paragraph of words that never stops. "
    body = "&lt;p&gt;" + sentence * (12 * 2**20 // len(sentence)) + "&lt;/p&gt;"
    path = tmp_path / "endless.xml"
    path.write_text(rss(item("Endless", body=body)), encoding="utf-8")
    assert path.stat().st_size > 12 * 2**20
    done = cat(path, "--width", "100")
    assert done.returncode == 0, done.stderr[-500:]
    lines = done.stdout.splitlines()
    assert lines[0] == "Endless"
    assert lines[3].startswith(sentence.strip())
    assert " ".join(lines[-2:]).startswith("Story shortened: newsterm shows the first")
    shown = " ".join(lines[3:-3]).split()
    assert len(shown) > 50_000  # hours of reading before the line that says there was more
    assert set(shown) == set(sentence.split())


def allocated(size: int) -> int:
    """Allocate `size` bytes in the process this runs in; how many it got."""
    return len(bytearray(size))


def test_a_parser_process_cannot_take_more_memory_than_its_bound() -> None:
    pool = LazyProcessPool(2)
    try:
        assert pool.submit(allocated, 64 * 2**20).result() == 64 * 2**20  # parsing-sized: fine
        with pytest.raises(MemoryError):
            pool.submit(allocated, 3 * 2**30).result()  # past the 1 GiB bound
        assert pool.submit(allocated, 64 * 2**20).result() == 64 * 2**20  # and it goes on
    finally:
        pool.shutdown()


@pytest.mark.parametrize("kind", ["rss", "json"])
def test_a_huge_item_is_shortened_alike_in_rss_and_in_a_json_feed(kind: str) -> None:
    """The story bound holds for every feed item, whichever format brought it."""
    sentence = "One endless paragraph of words that never stops. "
    html = "<p>" + sentence * (3_500_000 // len(sentence)) + "</p>"
    if kind == "rss":
        data = rss(item("Endless", body=html.replace("<", "&lt;").replace(">", "&gt;")))
    else:
        item_json = {"id": "1", "title": "Endless", "content_html": html}
        data = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [item_json]})
    [story] = parse_bytes(data.encode("utf-8")).articles
    words = sum(len(getattr(block, "text", "")) for block in story.blocks)
    assert words <= 500_000 + 1_000  # the bound, and the line that says so
    assert getattr(story.blocks[-1], "text", "").startswith("Story shortened: newsterm shows")
