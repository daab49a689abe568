"""A list of headlines that loads only the pages someone looks at.

The headline pane asks for row N; this fetches the page holding N from the
store (and keeps a few pages), so opening a library of 100,000 stories costs
one count and one page, not 100,000 rows.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import replace
from typing import overload

from newsterm.core.library.store import Query, Store
from newsterm.core.model import Headline

PAGE = 256
KEPT_PAGES = 8


class HeadlineWindow(Sequence[Headline]):
    def __init__(self, store: Store, query: Query) -> None:
        self.store = store
        self.query = query
        self._ids: list[str] | None = None
        """Unread first: every id as listed, so reading a story (which moves it in that
        order) shifts no later page; the list is as it was until it is listed again."""
        if query.order == "unread":
            self._ids = store.listed_ids(query)
            self._rows = {story_id: row for row, story_id in enumerate(self._ids)}
        self._length = len(self._ids) if self._ids is not None else store.count(query)
        self._pages: OrderedDict[int, list[Headline]] = OrderedDict()

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> Headline: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Headline]: ...
    def __getitem__(self, index: int | slice) -> Headline | Sequence[Headline]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        page = self._page(index // PAGE)
        offset = index % PAGE
        if offset >= len(page):  # the library shrank under us (pruned by another process)
            raise IndexError(index)
        return page[offset]

    def _page(self, number: int) -> list[Headline]:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        if self._ids is not None:
            page = self.store.headlines_of(self._ids[number * PAGE : (number + 1) * PAGE])
        else:
            page = self.store.headlines(self.query, limit=PAGE, offset=number * PAGE)
        self._pages[number] = page
        if len(self._pages) > KEPT_PAGES:
            self._pages.popitem(last=False)
        return page

    def position(self, story_id: str) -> int | None:
        if self._ids is not None:
            return self._rows.get(story_id)
        for number, page in self._pages.items():
            for offset, headline in enumerate(page):
                if headline.id == story_id:
                    return number * PAGE + offset
        return self.store.position(self.query, story_id)

    def nearest_unread(self, row: int, step: int) -> int | None:
        """The row of the first unread story past `row`, going down (step +1) or up (-1)."""
        if not self.query.grouped and self.query.order == "newest":  # one query, however far
            found = self.store.nearest_unread(self.query, self[row].id, step)
            return self.position(found) if found else None
        # One row per event (which story stands for it depends on the marks), or an order
        # the marks change (unread first) or that has no index: rows, then, as listed.
        end = len(self) if step > 0 else -1
        return next((i for i in range(row + step, end, step) if not self[i].read), None)

    def listed(self, story_id: str) -> Headline | None:
        """The story as a kept page lists it, or None when no kept page holds it (no query)."""
        for page in self._pages.values():
            for headline in page:
                if headline.id == story_id:
                    return headline
        return None

    def mark(self, story_id: str, *, read: bool | None = None, starred: bool | None = None) -> None:
        """One story's marks changed: its row in the kept pages shows them now.

        No page is dropped, so the next paint queries nothing; the story stays where it
        is listed (in Unread too, until the view is listed again), and a page not kept
        is read from the store when it is next shown, marks and all.
        """
        for page in self._pages.values():
            for offset, headline in enumerate(page):
                if headline.id == story_id:
                    page[offset] = replace(
                        headline,
                        read=headline.read if read is None else read,
                        starred=headline.starred if starred is None else starred,
                    )
                    return
