"""Section counts moved by one story's marks, so marking a story does not recount the library.

A recount runs two COUNT queries per smart view and a pass over every section;
after one mark only the views and sections that list the story change, each by
one. A full recount still follows a refresh, which can change any of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from newsterm.core.library import TODAY, SectionEntry, View
from newsterm.core.model import Headline


def lists(view: View, story: Headline, counted_at: datetime) -> bool:
    """Whether `view` lists `story`, decided as the view's query decides it in the store."""
    if view.kind == "unread":
        return not story.read
    if view.kind == "starred":
        return story.starred
    if view.kind == "today":
        # A date no datetime can hold reads as undated here: such a story is not counted.
        since = (counted_at - TODAY).timestamp()
        return story.published is not None and story.published.timestamp() >= since
    if view.kind == "section":  # the section and everything below it
        return story.sections[: len(view.section)] == view.section
    return True


def after_mark(
    entries: Iterable[SectionEntry],
    story: Headline,
    counted_at: datetime,
    *,
    read: bool | None = None,
    starred: bool | None = None,
) -> list[SectionEntry]:
    """The entries as a recount would give them once one mark of `story` changed.

    `story` gives its sections and date; `read` or `starred` is the mark that changed,
    with its new value (so it had the other before); `counted_at` is the "now" the
    entries were counted for.
    """
    after = replace(
        story,
        read=story.read if read is None else read,
        starred=story.starred if starred is None else starred,
    )
    before = replace(
        after,
        read=after.read if read is None else not read,
        starred=after.starred if starred is None else not starred,
    )
    moved: list[SectionEntry] = []
    for entry in entries:
        was, now = lists(entry.view, before, counted_at), lists(entry.view, after, counted_at)
        total = entry.total + now - was
        unread = entry.unread + (now and not after.read) - (was and not before.read)
        if (total, unread) != (entry.total, entry.unread):
            entry = replace(entry, total=total, unread=unread)
        moved.append(entry)
    return moved
