"""Related stories on the real-world corpus: its feeds captured more than once (one feed
as RSS and as JSON Feed, say) carry the same items, and nothing else in it is one
event told twice. Counted by title, independently of the matcher."""

from __future__ import annotations

from collections import defaultdict

from newsterm.core.library.store import Store
from newsterm.core.related.likeness import Kind
from tests.support.labelled import corpus_feeds


def test_corpus_stories_told_in_another_feed_show_it_and_nothing_else_merges() -> None:
    store = Store()
    for uri, articles in corpus_feeds():
        store.save_articles(store.ensure_feed(uri), articles)
    titles: dict[str, str] = {}
    feeds_of_title: defaultdict[str, set[int]] = defaultdict(set)
    for story_id, title, feed in store.db.execute("SELECT id, title, feed_id FROM articles"):
        titles[story_id] = " ".join(title.casefold().split())
        feeds_of_title[titles[story_id]].add(feed)
    twinned = {i for i, t in titles.items() if len(t) > 8 and len(feeds_of_title[t]) > 1}
    assert len(twinned) > 100  # the corpus does hold such captures

    shown = {}
    for story_id in titles:
        shown[story_id] = [e for e in store.covered(story_id) if e.kind != Kind.SIMILAR]
    covered = {i for i, entries in shown.items() if entries}
    assert len(covered & twinned) >= 0.95 * len(twinned)
    strangers = [
        (titles[i], titles[e.story.id])
        for i, entries in shown.items()
        for e in entries
        if titles.get(e.story.id) != titles[i]
    ]
    assert len(strangers) <= 2, strangers[:5]  # e.g. one feed's weather for ten towns
    store.close()
