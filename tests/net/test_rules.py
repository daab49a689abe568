"""`[[rule]]` in config.toml: after every refresh, on the stories it brought, a rule marks
read, stars or hides what its query picks; a story a person marked unread again is never
re-marked, a hidden one is kept but never listed, and `newsterm list` counts each rule's
hits. Real feeds over HTTP on 127.0.0.1, a real library, the real command line."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.benchkit import free_port, newsterm, refresh_json, start_server, write_config

ITEM = "<item><title>{title}</title><guid>{guid}</guid><description>{body}</description></item>"
FIRST = [
    ("Sponsored: the best ferries", "a", "Paid for."),
    ("Bridge vote delayed", "b", "The council waits."),
    ("Quiz night results", "c", "Answers inside."),
    ("Storm warning for the coast", "d", "Stay in."),
]
LATER = [("Sponsored: quay hotels", "e", "Paid for."), ("Tide tables", "f", "High water.")]
RULES = [
    {"match": "title:sponsored", "action": "read"},
    {"match": "storm OR title:flood", "action": "star"},
    {"match": "title:quiz", "action": "hide"},
]


def write_feed(root: Path, items: list[tuple[str, str, str]]) -> None:
    body = "".join(ITEM.format(title=t, guid=g, body=b) for t, g, b in items)
    (root / "quay.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Daily</title>{body}'
        "</channel></rss>",
        encoding="utf-8",
    )


@dataclass
class Site:
    root: Path
    server: Any
    home: Path

    @property
    def feed(self) -> list[dict[str, str]]:
        return [{"url": self.server.url("quay.xml")}]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """Quay Daily's feed (its FIRST items) served on 127.0.0.1, and an empty home."""
    root = tmp_path / "site"
    root.mkdir()
    write_feed(root, FIRST)
    server = start_server(root, free_port())
    try:
        yield Site(root, server, tmp_path / "home")
    finally:
        server.stop()


def marks(home: Path) -> dict[str, tuple[int, int, int]]:
    with sqlite3.connect(home / "data" / "library.sqlite") as db:
        rows = db.execute("SELECT title, read, starred, hidden FROM articles").fetchall()
    return {title: (read, starred, hidden) for title, read, starred, hidden in rows}


def test_rules_act_on_new_stories_only_and_list_counts_their_hits(site: Site) -> None:
    home = site.home
    write_config(home, site.feed, rule=RULES)
    status, report = refresh_json(home)
    assert status == 0, report
    assert report["total"]["new"] == 4 and report["total"]["ruled"] == 3
    assert marks(home) == {
        "Sponsored: the best ferries": (1, 0, 0),  # read
        "Bridge vote delayed": (0, 0, 0),
        "Quiz night results": (1, 0, 1),  # hidden (and read, so it is pruned in time)
        "Storm warning for the coast": (0, 1, 0),  # starred
    }
    # A person reads the sponsored story after all: marked unread again, it stays so.
    with sqlite3.connect(home / "data" / "library.sqlite") as db:
        db.execute("UPDATE articles SET read = 0 WHERE title LIKE 'Sponsored: the%'")
    write_feed(site.root, FIRST + LATER)
    done = newsterm(home, "refresh")
    assert done.returncode == 0, done.stderr
    assert "rule title:sponsored → read: 1 new story" in done.stdout
    after = marks(home)
    assert after["Sponsored: the best ferries"] == (0, 0, 0)
    assert after["Sponsored: quay hotels"] == (1, 0, 0)
    assert after["Tide tables"] == (0, 0, 0)

    listed = newsterm(home, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    hits = {(r["match"], r["action"]): r["hits"] for r in json.loads(listed.stdout)["rules"]}
    assert hits == {
        ("title:sponsored", "read"): 2,  # what the query picks in the library now
        ("storm OR title:flood", "star"): 1,
        ("title:quiz", "hide"): 1,
    }
    text = newsterm(home, "list").stdout
    assert "rule title:quiz → hide: its match picks 1 story now" in text


def test_a_hidden_story_is_kept_but_never_listed_or_counted(site: Site) -> None:
    from newsterm.core.library import SMART_VIEWS, Library
    from newsterm.core.library.store import Store

    home = site.home
    write_config(home, site.feed, rule=RULES[2:])
    assert refresh_json(home)[0] == 0
    library = Library(Store(home / "data" / "library.sqlite"))
    try:
        titles = [h.title for h in library.headlines(SMART_VIEWS[0])]
        assert len(titles) == 3 and "Quiz night results" not in titles
        counts = {entry.view.label: entry.total for entry in library.sections()}
        assert counts["All"] == 3 and counts["Quay Daily"] == 3
    finally:
        library.close()
    assert len(marks(home)) == 4  # kept: nothing the feed had is lost


def test_a_rule_it_cannot_use_is_one_line_and_the_refresh_goes_on(site: Site) -> None:
    rules = [{"match": "(storm", "action": "read"}, {"match": "x", "action": "delete"}]
    path = write_config(site.home, site.feed, rule=rules)
    done = newsterm(site.home, "refresh")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        f'newsterm: {path}: rule 1: match "(storm": "(" is never closed; ignored',
        f'newsterm: {path}: rule 2: a rule needs a match and an action ("read", "star", '
        '"hide"); ignored',
    ]
    assert all(read == 0 for read, _, _ in marks(site.home).values())
