"""Search as a person sees it: where the words are decides the order, and --limit holds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsterm.core.library.snippet import HIT_END, HIT_START
from newsterm.core.library.store import Store
from newsterm.core.model import Article, Paragraph
from tests.support.benchkit import newsterm

FEED = "https://news.example/feed.xml"


def story(title: str, *, summary: str | None = None, body: str = "") -> Article:
    return Article(title=title, guid=title, summary=summary, blocks=[Paragraph(body)])


def titles(store: Store, query: str, limit: int = 200) -> list[str]:
    return [hit.headline.title for hit in store.search(query, limit)]


@pytest.fixture
def store(isolated_home: Path) -> Store:
    return Store(isolated_home / "data" / "library.sqlite")


def test_title_then_standfirst_then_anywhere_whatever_was_stored_later(store: Store) -> None:
    feed = store.ensure_feed(FEED)
    # Stored oldest first: every later story would come first if order were only recency.
    for article in [
        story("Harbour council meets on Monday", body="Agenda attached."),
        story("Agenda", summary="The harbour council meets on Monday.", body="Details."),
        story("Weekly round-up", body="The harbour council met; nothing was decided."),
        story("Harbour dredging starts", body="The council approved it last year."),
        story("Council tax rises", body="No word on the harbour."),
    ]:
        store.save_articles(feed, [article])
    assert titles(store, "harbour council") == [
        "Harbour council meets on Monday",  # both words in the title
        "Agenda",  # both in the standfirst
        "Council tax rises",  # the rest: most recently stored first
        "Harbour dredging starts",
        "Weekly round-up",
    ]


def test_limit_keeps_the_best_and_a_smaller_limit_is_the_same_list_cut_short(
    store: Store,
) -> None:
    feed = store.ensure_feed(FEED)
    store.save_articles(feed, [story("Glacier retreats again", body="Ice.")])
    briefings = [story(f"Briefing {n}", body="The glacier walk is closed.") for n in range(30)]
    store.save_articles(feed, briefings)
    five = titles(store, "glacier", limit=5)
    assert len(five) == 5
    assert five[0] == "Glacier retreats again"
    assert titles(store, "glacier", limit=20)[:5] == five
    assert len(titles(store, "glacier")) == 31
    assert titles(store, "glacier", limit=0) == []


def test_snippet_highlights_every_form_of_the_word_but_not_words_that_only_contain_it(
    store: Store,
) -> None:
    body = (
        "Boats left the (Harbour). The harbour-side cafés opened; harbourmasters smiled, "
        "but the shipharbour plan stalled."
    )
    store.save_articles(store.ensure_feed(FEED), [story("Quay news", body=body)])
    [hit] = store.search("harbour")

    def marked(word: str) -> str:
        return f"{HIT_START}{word}{HIT_END}"

    assert f"({marked('Harbour')})." in hit.snippet
    assert marked("harbour-side") in hit.snippet
    assert f"{marked('harbourmasters')} smiled," in hit.snippet
    assert "the shipharbour plan" in hit.snippet


def _library(home: Path, count: int) -> None:
    store = Store(home / "data" / "library.sqlite")
    feed = store.ensure_feed(FEED)
    store.save_articles(feed, [story("Kelp forest survey", body="Divers counted kelp.")])
    store.save_articles(
        feed, [story(f"Coast notes {n}", body=f"Kelp washed up, day {n}.") for n in range(count)]
    )
    store.close()


def test_cli_search_lists_the_best_stories_up_to_the_limit(isolated_home: Path) -> None:
    _library(isolated_home, 25)
    done = newsterm(isolated_home, "search", "kelp", "--limit", "3")
    assert done.returncode == 0, done.stderr
    numbered = [line for line in done.stdout.splitlines() if line[:1].isdigit()]
    assert len(numbered) == 3
    assert numbered[0].startswith("1. Kelp forest survey")
    assert "kelp" in done.stdout.lower()

    default = newsterm(isolated_home, "search", "kelp")
    assert len([line for line in default.stdout.splitlines() if line[:1].isdigit()]) == 20

    rows = json.loads(newsterm(isolated_home, "search", "kelp", "--json", "--limit", "2").stdout)
    assert [row["title"] for row in rows][:1] == ["Kelp forest survey"] and len(rows) == 2
    assert rows[0]["snippet"] == "Divers counted kelp."  # plain text: no highlight markers


def test_cli_search_with_no_match_says_so(isolated_home: Path) -> None:
    _library(isolated_home, 1)
    done = newsterm(isolated_home, "search", "volcano")
    assert done.returncode == 1
    assert "no stories match volcano" in done.stderr
