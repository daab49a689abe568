"""The Google Reader API's parts that need no server (none installs here): its two
spellings of a story's number, the queries and forms it is sent, and what is taken
from its answers. The examples are the API's own forms as its servers document them
(FreshRSS's and Miniflux's Google Reader pages), written out by hand."""

from __future__ import annotations

from newsterm.core.sync.greader import (
    READ,
    STARRED,
    auth_token,
    crawled_at,
    edit_form,
    feed_of,
    ids_query,
    item_of,
    status_line,
    stream_query,
)
from newsterm.core.sync.greader_ids import long_id, short_id


def test_a_storys_number_is_one_in_either_spelling() -> None:
    assert short_id("tag:google.com,2005:reader/item/000000000000001f") == "31"
    assert short_id("31") == "31" and short_id(31) == "31"
    assert long_id("31") == "tag:google.com,2005:reader/item/000000000000001f"
    # Google's short ids are signed 64-bit: a negative one is the same story's high bit.
    assert short_id("-1") == str(2**64 - 1)
    assert long_id(short_id("-1")) == "tag:google.com,2005:reader/item/ffffffffffffffff"
    for junk in ("", "tag:google.com,2005:reader/item/xyz", "12a", True, None, "9" * 30):
        assert short_id(junk) == ""


def test_pages_are_asked_oldest_first_from_the_sync_point_and_the_continuation() -> None:
    first = stream_query(None, None)
    assert first == {"output": "json", "n": "1000", "r": "o"}
    later = stream_query("1748862060", "CgkI")
    assert later["ot"] == "1748862060" and later["c"] == "CgkI" and later["r"] == "o"
    assert "ot" not in stream_query("not-a-time", None)
    unread = ids_query("user/-/state/com.google/reading-list", exclude=READ)
    assert unread["xt"] == READ and unread["s"].endswith("reading-list")


def test_marks_are_tags_added_or_removed_for_each_story() -> None:
    form = edit_form("tok", "read", True, ["31", "32"])
    assert form == [
        ("T", "tok"),
        ("a", READ),
        ("i", "tag:google.com,2005:reader/item/000000000000001f"),
        ("i", "tag:google.com,2005:reader/item/0000000000000020"),
    ]
    assert edit_form("tok", "starred", False, ["31"])[1] == ("r", STARRED)


def test_client_login_gives_the_auth_line() -> None:
    assert auth_token("SID=none\nLSID=none\nAuth=alice/8e6845e0\n") == "alice/8e6845e0"
    assert auth_token("Error=BadAuthentication\n") is None


def test_errors_are_one_line_each() -> None:
    assert "check the user and password" in status_line(401, "rss.example")
    assert "no Google Reader API there" in status_line(404, "rss.example")
    assert status_line(503, "rss.example") == "rss.example answered HTTP 503"


def test_a_stream_item_gives_its_story_and_marks() -> None:
    item = item_of(
        {
            "id": "tag:google.com,2005:reader/item/0000000000000020",
            "title": "Bridge closed after the storm",
            "published": 1748862060,
            "canonical": [{"href": "https://news.example/bridge"}],
            "summary": {"content": "<p>The bridge is closed.</p>"},
            "author": "Ana Silva",
            "origin": {"streamId": "feed/https://news.example/feed.xml", "title": "News"},
            "categories": ["user/-/state/com.google/reading-list", "user/1/state/com.google/read"],
        }
    )
    assert item is not None
    assert (item.id, item.feed_id) == ("32", "feed/https://news.example/feed.xml")
    assert (item.url, item.read, item.starred) == ("https://news.example/bridge", True, False)
    assert item.html == "<p>The bridge is closed.</p>" and item.published == 1748862060.0
    assert item_of({"id": "32", "origin": "not an object"}) is None
    script = [{"href": "javascript:alert(1)"}]
    hostile = item_of(
        {
            "id": "1",
            "origin": {"streamId": "feed/x"},
            "title": 5,
            "alternate": script,
            "categories": [7],
        }
    )
    assert hostile is not None and hostile.title == "" and hostile.url is None


def test_a_subscription_gives_its_feed_and_folder() -> None:
    feed = feed_of(
        {
            "id": "feed/https://news.example/feed.xml",
            "title": "News",
            "categories": [{"id": "user/-/label/Local", "label": "Local"}],
            "url": "https://news.example/feed.xml",
        }
    )
    assert feed is not None and (feed.url, feed.folder) == (
        "https://news.example/feed.xml",
        "Local",
    )
    no_label = feed_of(
        {"id": "feed/https://a.example/f", "categories": [{"id": "user/-/label/Tech"}]}
    )
    assert (
        no_label is not None and no_label.folder == "Tech" and no_label.url == "https://a.example/f"
    )
    assert feed_of({"id": "feed/javascript:x"}) is None


def test_the_sync_point_is_when_the_server_fetched_a_story() -> None:
    assert crawled_at({"crawlTimeMsec": "1748862060123"}) == 1748862060
    assert crawled_at({"timestampUsec": "1748862060123456"}) == 1748862060
    assert crawled_at({"crawlTimeMsec": "soon"}) == 0 and crawled_at({}) == 0
