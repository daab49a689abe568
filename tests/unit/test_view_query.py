"""The query language of views: each term against a real library whose stories were
labelled by hand (which story each query must list is written here, not computed), its
errors as one line each, and no input that escapes as anything but a QueryError."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from newsterm.core.library.query import Query
from newsterm.core.library.store import Store
from newsterm.core.library.view_query import QueryError, condition, parse
from newsterm.core.model import Article, Paragraph

NOW = datetime.now(UTC)
HOUR = timedelta(hours=1)
# name: (title, source, sections, authors, age, read, starred, body); None: undated
STORIES = {
    "s1": ("Bridge vote delayed", "Harbour Gazette", ("News", "Local"), ("Ann Lee",), 2 * HOUR,
           False, False, "The council bridge vote waits."),
    "s2": ("Sponsored: best ferries", "Tide Post", ("News",), (), 48 * HOUR,
           True, False, "Ferries for every budget."),
    "s3": ("Comet seen over the bay", "", ("Science",), ("Raj Patel",), 72 * HOUR,
           False, True, "A bright comet."),
    "s4": ("Telescope funding cut", "", ("Science", "Space"), ("Ann Lee", "Bo Ng"), 240 * HOUR,
           False, False, "The observatory loses money."),
    "s5": ("Storm warning", "Harbour Gazette", ("News", "Local"), (), None,
           True, False, "Storm on the coast, 100% sure_ly."),
}  # fmt: skip
SKY = {"s3", "s4"}  # stored under the feed titled "Sky Weekly" (their source is empty)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    store = Store()
    sky = store.ensure_feed("https://sky.example/feed.xml", "Sky Weekly")
    ids = {}
    for name, (title, source, sections, authors, age, _, _, body) in STORIES.items():
        article = Article(
            title=title,
            url=f"https://x.example/{name}",
            source=source,
            sections=sections,
            authors=authors,
            published=NOW - age if age is not None else None,
            blocks=[Paragraph(body)],
        )
        feed = sky if name in SKY else None
        store.save_articles(feed, [article], scope="" if feed else "local", sections=sections)
        ids[article.id] = name
    store.set_flags(
        {(i, "read"): True for i, n in ids.items() if STORIES[n][5]}
        | {(i, "starred"): True for i, n in ids.items() if STORIES[n][6]}
    )
    store.names = ids  # type: ignore[attr-defined]
    yield store
    store.close()


def listed(store: Store, text: str) -> set[str]:
    query = Query(custom=condition(parse(text), NOW.timestamp()))
    return {store.names[h.id] for h in store.headlines(query)}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unread", {"s1", "s3", "s4"}),
        ("unread section:Science newer:7d", {"s3"}),  # "unread from Science this week"
        ("section:science", {"s3", "s4"}),  # any case, and the sections below it
        ("section:News/Local", {"s1", "s5"}),
        ("section:New", set()),  # a section's whole name, never part of it
        ("feed:gazette", {"s1", "s5"}),  # the source the story names
        ('feed:"sky weekly"', {"s3", "s4"}),  # the subscription's title
        ("author:lee", {"s1", "s4"}),
        ("title:storm", {"s5"}),
        ("-title:sponsored", {"s1", "s3", "s4", "s5"}),
        ("starred OR title:storm", {"s3", "s5"}),
        ("(feed:sky OR feed:tide) -read", {"s3", "s4"}),
        ("bridge", {"s1"}),  # free words: the search index
        ("bridge OR comet", {"s1", "s3"}),
        ('"bright comet"', {"s3"}),
        ("NOT unread", {"s2", "s5"}),
        ("older:5d", {"s4"}),  # the undated story counts from when it was stored: now
        ("today", {"s1"}),
        ("unread AND author:lee AND -section:Science", {"s1"}),
        ("title:%", set()),  # LIKE's wildcards are letters here
        ("title:_", set()),
        ("read or", set()),  # lower-case "or" is a word to look for, with "read"
    ],
)
def test_each_term_lists_the_stories_labelled_for_it(
    store: Store, text: str, expected: set[str]
) -> None:
    assert listed(store, text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "an empty query"),
        ("auther:lee", 'unknown field "auther:" (there are feed, section, title, author'),
        ("newer:soon", '"newer:" needs an age such as 12h, 7d or 2w, not "soon"'),
        ("feed:", '"feed:" needs a value, such as feed:Gazette'),
        ("(unread", '"(" is never closed'),
        ("unread)", '")" has no "(" before it'),
        ("OR unread", '"OR" needs a term on each side'),
        ("unread OR", "the query ends where a term should follow"),
        ('"comet', 'a quote (") is never closed'),
        ("---", '"-" has no word to look for'),
        ("x" * 1001, "a query of at most 1000 characters"),
    ],
)
def test_a_query_that_cannot_be_read_says_why_in_one_line(text: str, message: str) -> None:
    with pytest.raises(QueryError) as raised:
        parse(text)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)


def test_no_input_escapes_as_anything_but_a_one_line_error(store: Store) -> None:
    """Random queries from the language's own pieces: each is read and runs as valid SQL,
    or is refused with one line."""
    pieces = ["unread", "starred", "(", ")", "-", "OR", "AND", "NOT", '"', "feed:", "x:"]
    pieces += ["newer:3d", "older:", "title:a", "author:'", "section:/", "%", "ö", "\\", " "]
    rng = random.Random(7)
    readable = 0
    for _ in range(2000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8)))
        try:
            found = listed(store, text)
        except QueryError as error:
            assert "\n" not in str(error)
        else:
            readable += 1
            assert found <= set(STORIES)
    assert readable > 200  # the pieces do make queries, not only errors


@pytest.mark.parametrize("text", ["-" * 40 + "a", "(" * 340 + "a" + ")" * 340, "NOT " * 30 + "a"])
def test_a_query_nested_too_deep_is_one_line_not_a_crash(store: Store, text: str) -> None:
    with pytest.raises(QueryError, match="parentheses or negations"):
        listed(store, text)


def test_an_address_is_words_to_look_for_and_an_empty_section_is_refused(store: Store) -> None:
    assert listed(store, "https://x.example/s1") <= set(STORIES)  # read, not "unknown field"
    with pytest.raises(QueryError, match='"section:" needs a value'):
        parse("section:/")
