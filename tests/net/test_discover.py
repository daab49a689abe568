"""Feed discovery: a real page fetched from the fault server, then edge cases offline."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from newsterm.core.net.discover import discover_feeds, looks_like_html
from newsterm.core.net.fetch import Fetcher
from tests.support.faultserver import RSS, FaultServer, running_fault_server


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


async def test_feeds_found_on_a_fetched_page(server: FaultServer) -> None:
    async with Fetcher() as fetcher:
        page = await fetcher.fetch(server.url("/html-with-feeds"))
    assert page.body is not None
    assert looks_like_html(page.body, page.content_type)
    assert discover_feeds(page.body, page.final_url) == [
        server.url("/feed"),
        server.url("/atom.xml"),
    ]


def test_rel_lists_types_and_order() -> None:
    page = b"""<html><head>
    <link rel="alternate" type="application/atom+xml" href="b.xml">
    <link rel="ALTERNATE home" type="application/rss+xml; charset=utf-8" href="/a.rss">
    <link rel="alternate" type="application/feed+json" href="https://other.example/feed.json">
    <link rel="alternate" type="application/json" href="/feed.json">
    <link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/7">
    <link rel="alternate" type="application/json+oembed" href="/oembed">
    <link rel="alternate stylesheet" type="text/css" href="/dark.css">
    <link rel="feed" type="application/rss+xml" href="/not-alternate.rss">
    <link rel="alternate" type="application/rss+xml">
    <link rel="alternate" type="application/rss+xml" href="data:text/xml,<rss/>">
    <link rel="alternate" type="application/rss+xml" href="  /a.rss ">
    </head><body></body></html>"""
    assert discover_feeds(page, "https://news.example/section/index.html") == [
        "https://news.example/section/b.xml",
        "https://news.example/a.rss",
        "https://other.example/feed.json",
        "https://news.example/feed.json",
    ]


def test_base_element_and_control_characters() -> None:
    page = (
        b'<html><head><base href="https://cdn.example/feeds/">'
        b'<link rel="alternate" type="application/rss+xml" href="main\x1b[31m.xml">'
        b"</head></html>"
    )
    assert discover_feeds(page, "https://news.example/") == ["https://cdn.example/feeds/main.xml"]


@pytest.mark.parametrize("junk", [b"", b"   ", b"\x00\x01\x02", b"<", b"not html at all"])
def test_junk_finds_nothing(junk: bytes) -> None:
    assert discover_feeds(junk, "https://news.example/") == []


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        (b"<!doctype html><html><body>Hi</body></html>", "text/html", True),
        (b"<html><body>Hi</body></html>", "application/octet-stream", True),
        (RSS, "text/html; charset=utf-8", False),
        (RSS, "application/rss+xml", False),
        (
            json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": []}).encode(),
            "text/html",
            False,
        ),
        (b"Just some words.", "text/html", True),
        (b"Just some words.", "text/plain", False),
        (b"\x89PNG\r\n\x1a\n....", "text/html", False),
        (b"", "text/html", False),
    ],
)
def test_looks_like_html(data: bytes, content_type: str, expected: bool) -> None:
    assert looks_like_html(data, content_type) is expected
