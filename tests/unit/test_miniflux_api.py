"""The Miniflux API's parts that need no server (none installs here: it needs a newer
Go than this machine has): how the account is sent, the pages asked for, what is taken
from its entries and feeds, and its errors as one line. The examples follow the shapes
in Miniflux's API documentation, written out by hand."""

from __future__ import annotations

import base64

from newsterm.core.sync.miniflux import (
    auth_headers,
    entries_query,
    entry_of,
    feed_of,
    status_line,
)


def test_the_account_goes_as_basic_auth_or_an_api_key() -> None:
    basic = auth_headers("ana", "hunter22")["Authorization"]
    assert base64.b64decode(basic.removeprefix("Basic ")) == b"ana:hunter22"
    assert auth_headers("token", "KEY123") == {"X-Auth-Token": "KEY123"}


def test_pages_go_in_id_order_after_the_last_one_kept() -> None:
    query = entries_query(41)
    assert query["after_entry_id"] == "41" and query["order"] == "id"
    assert query["direction"] == "asc" and int(query["limit"]) > 0
    assert entries_query(0, status="unread")["status"] == "unread"
    assert entries_query(0, starred=True)["starred"] == "true"


def test_an_entry_gives_its_story_and_marks() -> None:
    entry = entry_of(
        {
            "id": 888, "feed_id": 42, "status": "read", "starred": True,
            "title": "Bridge closed after the storm", "url": "https://news.example/bridge",
            "author": "Ana Silva", "content": "<p>The bridge is closed.</p>",
            "published_at": "2023-02-05T10:25:00Z",
        }
    )  # fmt: skip
    assert entry is not None
    assert (entry.id, entry.feed_id, entry.read, entry.starred) == ("888", "42", True, True)
    assert entry.published == 1675592700.0
    assert entry_of({"id": 1, "feed_id": 2, "status": "removed"}) is None
    odd = entry_of({"id": "3", "feed_id": 2, "status": "unread", "starred": "yes",
                    "published_at": "last Tuesday", "url": "ftp://x"})  # fmt: skip
    assert odd is not None and not odd.read and not odd.starred
    assert odd.published is None and odd.url is None


def test_a_feed_gives_its_category_as_folder() -> None:
    feed = feed_of({"id": 42, "title": "News", "feed_url": "https://news.example/feed.xml",
                    "category": {"id": 1, "title": "Local"}})  # fmt: skip
    assert feed is not None and (feed.id, feed.folder) == ("42", "Local")
    assert feed_of({"id": 43, "feed_url": "javascript:x"}) is None


def test_errors_are_one_line_each() -> None:
    assert "check the user and password" in status_line(401, None, "rss.example")
    said = status_line(400, {"error_message": "Invalid\nstatus"}, "rss.example")
    assert said == "rss.example answered HTTP 400: Invalid status"
    assert status_line(502, None, "rss.example") == "rss.example answered HTTP 502"
