"""An OPML list opened in the reader: the stories its feeds brought into the library.

A list names feeds, not stories. The feeds of it that are subscribed show
what the refresh stored for them (filed under their folders and title), with
their read and starred marks; for the others, one line says how to subscribe.
"""

from __future__ import annotations

import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsterm.core.library.store import Query, Store
from newsterm.core.model import Article, Subscription
from newsterm.core.text.urls import absolute_url


@dataclass(slots=True)
class ListedStories:
    listed: int
    subscribed: int
    articles: list[Article] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    starred: set[str] = field(default_factory=set)

    def problem(self, shown: str) -> str | None:
        """One line when some of the list cannot be shown, saying what to run."""
        subscribe = f"subscribe with `newsterm import {shlex.quote(shown)}`"
        if not self.subscribed:
            return f"{shown}: none of its {self.listed} feeds is subscribed: {subscribe}"
        if not self.articles:
            return f"{shown}: its feeds have no stories yet: run `newsterm refresh`"
        missing = self.listed - self.subscribed
        if missing:
            return f"{shown}: {missing} of its {self.listed} feeds are not subscribed: {subscribe}"
        return None


def listed_stories(
    listed: Sequence[Subscription], subscribed: Sequence[Subscription], library_file: Path
) -> ListedStories:
    """The stored stories of the list's feeds that are subscribed (`subscribed` is config's)."""
    mine = {feed.url: feed for feed in subscribed}
    urls = dict.fromkeys(absolute_url(s.url, None) or s.url for s in listed)
    wanted = [mine[url] for url in urls if url in mine]
    found = ListedStories(listed=len(urls), subscribed=len(wanted))
    if not wanted or not library_file.exists():
        return found
    store = Store(library_file)
    try:
        for feed in wanted:
            for headline in store.headlines(Query(feed=feed.url)):
                article = store.article(headline.id)
                if article is None:
                    continue
                article.sections = headline.sections  # the folders and feed it is filed under
                found.articles.append(article)
                if headline.read:
                    found.read.add(article.id)
                if headline.starred:
                    found.starred.add(article.id)
    finally:
        store.close()
    return found
