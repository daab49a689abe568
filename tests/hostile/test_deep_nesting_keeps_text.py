"""Markup nested deeper than libxml2 builds keeps every word: the deepest, and what follows.

libxml2 stops at 256 levels (2,048 with huge_tree) and dropped the rest of the page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.benchkit import free_port, newsterm, start_server, write_config

DEEPEST = "Quillwort grows at the bottom of the nest, where the deepest words were lost."
AFTER = "A closing paragraph after the nest, in plain words, as the story ends."
HEADLINE = "A deeply nested page about the harbour"


def nested(levels: int) -> str:
    half = levels // 2
    return "<div><span>" * half + f"<p>{DEEPEST}</p>" + "</span></div>" * half


def page(levels: int) -> str:
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><article><h1>{HEADLINE}</h1>"
        "<p>The opening paragraph of the story comes first, in plain words.</p>"
        f"{nested(levels)}<p>{AFTER}</p></article></body></html>"
    )


def write_feed(path: Path, item_html: str) -> Path:
    escaped = item_html.replace("<", "&lt;").replace(">", "&gt;")
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title>'
        f"<item><title>{HEADLINE}</title><guid>deep-1</guid><description>{escaped}</description>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    return path


def texts(article: dict[str, object]) -> str:
    blocks = article["blocks"]
    assert isinstance(blocks, list)
    return "\n".join(str(block.get("text", "")) for block in blocks)


@pytest.mark.parametrize("levels", [300, 1500, 5000])
def test_a_deeply_nested_page_keeps_its_deepest_text_and_what_follows(
    isolated_home: Path, tmp_path: Path, levels: int
) -> None:
    path = tmp_path / "deep.html"
    path.write_text(page(levels), encoding="utf-8")
    done = newsterm(isolated_home, "cat", str(path), "--json")
    assert done.returncode == 0, done.stderr
    [article] = json.loads(done.stdout)["articles"]
    assert article["title"] == HEADLINE
    body = texts(article)
    assert DEEPEST in body and AFTER in body
    assert body.index(DEEPEST) < body.index(AFTER)


def test_a_deeply_nested_feed_item_keeps_its_deepest_text(
    isolated_home: Path, tmp_path: Path
) -> None:
    path = write_feed(tmp_path / "deep.xml", nested(5000) + f"<p>{AFTER}</p>")
    done = newsterm(isolated_home, "cat", str(path), "--json")
    assert done.returncode == 0, done.stderr
    body = texts(json.loads(done.stdout)["articles"][0])
    assert DEEPEST in body and AFTER in body


def test_search_finds_the_deepest_words_of_a_refreshed_item(
    isolated_home: Path, tmp_path: Path
) -> None:
    """A refresh keeps item HTML for later and indexes its text: all of it."""
    root = tmp_path / "site"
    root.mkdir()
    write_feed(root / "deep.xml", nested(5000))
    server = start_server(root, free_port())
    try:
        write_config(isolated_home, [{"url": server.url("deep.xml")}])
        refreshed = newsterm(isolated_home, "refresh")
        assert refreshed.returncode == 0, refreshed.stderr
    finally:
        server.stop()
    found = newsterm(isolated_home, "search", "quillwort", "--json")
    assert found.returncode == 0, found.stderr
    assert [hit["title"] for hit in json.loads(found.stdout)] == [HEADLINE]
