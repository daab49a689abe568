"""JSON Feed 1 and 1.1, RSS serialised as JSON, and the broken JSON the corpus holds."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from newsterm.core.model import Document, Enclosure, Figure, Link, Paragraph
from newsterm.core.sources import SourceError, parse_bytes
from tests.conftest import CORPUS

FEEDS = CORPUS / "feeds"
V1 = "https://jsonfeed.org/version/1"
V11 = "https://jsonfeed.org/version/1.1"


def feed(items: list[dict[str, Any]], version: str = V11, **top: Any) -> bytes:
    body: dict[str, Any] = {"version": version, "title": "Harbour JSON", **top, "items": items}
    return json.dumps(body).encode()


def parse(data: bytes, url: str | None = None) -> Document:
    return parse_bytes(data, url=url, name="feed.json")


def corpus(name: str) -> Document:
    return parse_bytes((FEEDS / name).read_bytes(), name=name)


def one_line_error(data: bytes) -> str:
    with pytest.raises(SourceError) as caught:
        parse(data)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 300
    return message


# --- JSON Feed 1.1 -----------------------------------------------------------------------

ITEM_11: dict[str, Any] = {
    "id": "post-17",
    "url": "https://harbour.example/posts/17",
    "external_url": "https://other.example/original-story",
    "title": "Night ferry returns",
    "content_html": "<p>The ferry is back.</p><p>See <a href='/timetable'>times</a>.</p>",
    "summary": "Service resumes on Friday.",
    "image": "https://harbour.example/img/ferry.jpg",
    "date_published": "2024-02-10T18:30:00+01:00",
    "authors": [{"name": "Rita Quay"}, {"name": "Ola Pier"}, {"url": "https://x.example"}],
    "tags": ["Transport", "Harbour", "Transport"],
    "attachments": [
        {
            "url": "https://harbour.example/audio/17.mp3",
            "mime_type": "audio/mpeg",
            "size_in_bytes": 4_200_000,
            "duration_in_seconds": 1830,
        },
        {"url": "/files/timetable.pdf", "mime_type": "application/pdf"},
    ],
}


def test_json_feed_11_item() -> None:
    document = parse(feed([ITEM_11], feed_url="https://harbour.example/feed.json"))
    assert document.source.kind == "jsonfeed"
    assert document.source.title == "Harbour JSON"
    assert document.source.url == "https://harbour.example/feed.json"
    [article] = document.articles
    assert article.title == "Night ferry returns"
    assert article.url == "https://harbour.example/posts/17"
    assert article.guid == "post-17"
    assert article.summary == "Service resumes on Friday."
    assert article.published == datetime(2024, 2, 10, 17, 30, tzinfo=UTC)
    assert article.published is not None and article.published.tzinfo is not None


def test_json_feed_11_authors_array() -> None:
    [article] = parse(feed([ITEM_11])).articles
    assert article.authors == ("Rita Quay", "Ola Pier")


def test_json_feed_tags_become_sections() -> None:
    [article] = parse(feed([ITEM_11])).articles
    assert article.sections == ("Transport", "Harbour")


def test_json_feed_attachments_become_enclosures() -> None:
    [article] = parse(feed([ITEM_11]), url="https://harbour.example/feed.json").articles
    assert article.enclosures == [
        Enclosure("https://harbour.example/audio/17.mp3", "audio/mpeg", 4_200_000, 1830),
        Enclosure("https://harbour.example/files/timetable.pdf", "application/pdf", 0, 0),
    ]


def test_json_feed_image_becomes_lead_figure() -> None:
    [article] = parse(feed([ITEM_11])).articles
    assert article.blocks[0] == Figure(image="https://harbour.example/img/ferry.jpg")
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == [
        "The ferry is back.",
        "See times.",
    ]


def test_json_feed_image_already_in_body_is_not_shown_twice() -> None:
    item = {
        "id": "1",
        "title": "Pic",
        "image": "https://h.example/a.jpg",
        "content_html": "<p>Text</p><img src='https://h.example/a.jpg' alt='A'>",
    }
    [article] = parse(feed([item])).articles
    assert [f.image for f in article.figures] == ["https://h.example/a.jpg"]


def test_json_feed_external_url_is_a_related_link() -> None:
    [article] = parse(feed([ITEM_11])).articles
    assert article.related == [Link("Night ferry returns", "https://other.example/original-story")]
    only_external = {
        "id": "2",
        "title": "Linked",
        "external_url": "https://o.example/x",
        "content_text": "A link post.",
    }
    [linked] = parse(feed([only_external])).articles
    assert linked.url == "https://o.example/x"


def test_json_feed_relative_links_resolve_against_home_page() -> None:
    [article] = parse(feed([ITEM_11], home_page_url="https://harbour.example/")).articles
    assert [lnk.url for lnk in article.links] == ["https://harbour.example/timetable"]


def test_json_feed_content_text_keeps_paragraphs() -> None:
    item = {"id": "3", "title": "Plain", "content_text": "First para.\n\nSecond <b>para</b>."}
    [article] = parse(feed([item])).articles
    assert [b.text for b in article.blocks] == ["First para.", "Second <b>para</b>."]


def test_json_feed_untitled_item_titled_from_text() -> None:
    item = {"id": "4", "content_text": "Short note about the tide tables for this week."}
    [article] = parse(feed([item])).articles
    assert article.title == "Short note about the tide tables for this week."


def test_json_feed_control_characters_in_title_are_removed() -> None:
    item = {"id": "5", "title": "Evil\u001b[2J\u202e title", "content_text": "x"}
    [article] = parse(feed([item])).articles
    assert article.title == "Evil title"


# --- JSON Feed 1 -------------------------------------------------------------------------


def test_json_feed_1_author_object_and_feed_level_author() -> None:
    items = [
        {"id": "a", "title": "Own author", "content_text": "x", "author": {"name": "Ann"}},
        {"id": "b", "title": "Feed author", "content_text": "y"},
    ]
    document = parse(feed(items, version=V1, author={"name": "The Desk"}))
    assert [a.authors for a in document.articles] == [("Ann",), ("The Desk",)]


def test_json_feed_1_dates_without_offset_are_utc_aware() -> None:
    item = {"id": "a", "title": "T", "content_text": "x", "date_published": "2023-05-01T08:00:00"}
    [article] = parse(feed([item], version=V1)).articles
    assert article.published == datetime(2023, 5, 1, 8, 0, tzinfo=UTC)


def test_daring_fireball_json_feed_1() -> None:
    document = corpus("rsp-DaringFireball.json")
    assert document.source.kind == "jsonfeed"
    assert len(document.articles) == 48
    first = document.articles[0]
    assert first.title == "The Talk Show: ‘I Do Like Throwing a Baby’"
    assert first.authors == ("John Gruber",)
    assert first.related == [
        Link(first.title, "https://daringfireball.net/thetalkshow/2017/06/26/ep-195")
    ]
    assert all(a.published and a.published.tzinfo for a in document.articles)


def test_3960_json_feed_11_corpus() -> None:
    document = corpus("rsp-3960.json")
    assert len(document.articles) == 20
    first = document.articles[0]
    assert first.title == "Lecker, lecker"
    assert first.authors == ("Frank Boës",)
    assert first.sections == ("Lustiges",)
    assert first.figures[0].image == "https://cdn.3960.org/favicon-192x192.png"
    assert first.published == datetime(2020, 2, 21, 18, 8, 6, tzinfo=timezone(timedelta(hours=1)))


def test_rose_comma_separated_tags_string_becomes_sections() -> None:
    # rose.json writes "tags": "workflow,omnifocus" (a string, not the array the spec says).
    first = corpus("rsp-rose.json").articles[0]
    assert first.sections == ("workflow", "omnifocus")


# --- RSS in JSON -------------------------------------------------------------------------


def test_scripting_news_rss_in_json() -> None:
    document = corpus("rsp-ScriptingNews.json")
    assert document.source.kind == "jsonfeed"
    assert document.source.title == "Scripting News"
    assert len(document.articles) == 50
    first = document.articles[0]
    # The first item has no title: it is shown by the start of its text.
    assert first.title == "Good morning students and teachers! 🍏"
    assert first.url == "http://scripting.com/2017/06/26.html#a080605"
    assert first.published == datetime(2017, 6, 26, 12, 20, 5, tzinfo=UTC)
    assert all(a.url and a.url.startswith("http://scripting.com/") for a in document.articles)


def test_rss_in_json_handwritten_single_item_object() -> None:
    data = json.dumps(
        {
            "rss": {
                "version": "2.0",
                "channel": {
                    "title": "Wire",
                    "link": "https://wire.example/",
                    "item": {
                        "title": "Lone item",
                        "link": "/one",
                        "description": "<p>Body</p>",
                        "pubDate": "Wed, 03 Jan 2024 09:00:00 +0100",
                        "guid": {"#value": "g-1"},
                    },
                },
            }
        }
    ).encode()
    [article] = parse(data).articles
    assert article.title == "Lone item"
    assert article.url == "https://wire.example/one"
    assert article.guid == "g-1"
    assert article.published == datetime(2024, 1, 3, 8, 0, tzinfo=UTC)


# --- Errors ------------------------------------------------------------------------------


def test_truncated_json_feed_is_one_line_error() -> None:
    data = (FEEDS / "rsp-allthis-partial.json").read_bytes()
    with pytest.raises(SourceError) as caught:
        parse_bytes(data, name="rsp-allthis-partial.json")
    message = str(caught.value)
    assert "\n" not in message
    assert "JSON" in message


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000 + b"]" * 100_000,
        b"[" * 100_000,
        b'{"version": "https://jsonfeed.org/version/1.1", "items": '
        + b"[" * 100_000
        + b"]" * 100_000
        + b"}",
        b'{"items": ' + b'{"a": ' * 100_000 + b"1" + b"}" * 100_000 + b"}",
    ],
    ids=["array", "unclosed", "jsonfeed-items", "objects"],
)
def test_json_nested_100000_deep_is_a_one_line_error(data: bytes) -> None:
    one_line_error(data)


def test_deeply_nested_feed_says_so() -> None:
    data = b'{"title": "x", "items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    assert "nested too deeply" in one_line_error(data)


@pytest.mark.parametrize(
    "data",
    [
        b'{"name": "package", "version": "1.0.0", "dependencies": {}}',
        b"[1, 2, 3]",
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "No items"}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": "not a list"}',
        b'{"version": "https://jsonfeed.org/version/1.1", "title": "Empty", "items": []}',
        b'{"version": "https://jsonfeed.org/version/1.1", "items": [1, "two", null]}',
    ],
    ids=["package-json", "array", "no-items", "items-string", "no-stories", "junk-items"],
)
def test_json_that_is_not_a_feed_is_an_error(data: bytes) -> None:
    one_line_error(data)


def test_json_feed_with_hostile_field_types_still_reads() -> None:
    item = {
        "id": 7,
        "title": ["not", "a", "string"],
        "content_html": {"x": 1},
        "content_text": "Real text here.",
        "tags": "solo",
        "authors": "nobody",
        "attachments": [{"url": 5}, "x", {"url": "https://a.example/f.mp3", "size_in_bytes": -4}],
        "date_published": "yesterday",
    }
    [article] = parse(feed([item])).articles
    assert article.title == "Real text here."
    assert article.guid == "7"
    assert article.sections == ("solo",)
    assert article.authors == ()
    assert article.published is None
    assert article.enclosures == [Enclosure("https://a.example/f.mp3", "audio/mpeg", 0)]  # by name
