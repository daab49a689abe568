"""Counts moved by one mark equal a recount, and the headline pages keep up without a query.

Run over the bundled demo library (nested sections; one story exactly 24 hours old):
every story is marked read or unread, starred or unstarred in turn, and what
`after_mark` gives is compared with `Library.sections` counting the library again.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsterm.core.library import Library, View
from newsterm.core.library.counts import after_mark
from newsterm.core.library.window import PAGE

# The demo's stories are dated in November 2026: "now" puts some in Today, not all.
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("mark", ["read", "starred"])
def test_a_mark_moves_the_counts_as_a_recount_would(mark: str) -> None:
    library = Library.demo()
    stories = list(library.headlines(View("all")))
    assert len(stories) > 10
    assert 0 < len(list(library.headlines(View("today"), NOW))) < len(stories)
    entries = library.sections(NOW)
    for story in stories:
        for _ in range(2):  # on, then off again
            pages = library.headlines(View("all"))
            pages[0]  # a kept page holds the story (the demo fits in one)
            listed = pages.listed(story.id)
            assert listed is not None
            if mark == "read":
                value = library.toggle_read(story.id)
                entries = after_mark(entries, listed, NOW, read=value)
            else:
                value = library.toggle_star(story.id)
                entries = after_mark(entries, listed, NOW, starred=value)
            assert entries == library.sections(NOW), (story.title, mark, value)


def test_a_mark_changes_the_kept_row_and_reads_no_page_again() -> None:
    library = Library.demo()
    window = library.headlines(View("all"))
    first, second = window[0], window[1]
    assert len(window) <= PAGE and not first.read and not first.starred
    seen: list[str] = []
    library.store.db.set_trace_callback(seen.append)
    window.mark(first.id, read=True)
    window.mark(second.id, starred=True)
    assert window[0].read and not window[0].starred
    assert window[1].starred and not window[1].read
    assert window.listed(first.id) == window[0]
    assert [window[i] for i in range(2, len(window))] == list(window[2:])
    assert seen == []  # neither marking nor reading the rows asked the store anything
    assert window.listed("no such story") is None
    assert seen == []


def test_a_story_not_in_a_kept_page_is_not_listed_and_marking_it_changes_nothing() -> None:
    library = Library.demo()
    window = library.headlines(View("all"))
    story_id = library.headlines(View("all"))[0].id
    assert window.listed(story_id) is None  # no page read yet: nothing at hand
    window.mark(story_id, read=True)
    assert not window[0].read  # read from the store, as it is there
