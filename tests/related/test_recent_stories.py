"""The index new stories are matched against: bounded in memory, blind to look-alikes
from long ago, and never calling one feed's two stories the same story elsewhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsterm.core.model import Article, Paragraph
from newsterm.core.related.likeness import Kind
from newsterm.core.related.recent import RecentStories, Told
from newsterm.core.related.signature import signature_of

DAY = 86400.0
START = datetime(2026, 3, 2, 9, tzinfo=UTC)


NAMES = {"Ashby": ("Kettlewell", "Idris Pellow", 40), "Corbin": ("Marlowe", "Ada Quint", 25)}


def _report(town: str, feed: int, rowid: int, days: float) -> Told:
    """One outlet's report of a timber yard fire in `town` (the same words for every
    town, and that town's names)."""
    yard, person, crews = NAMES[town]
    article = Article(
        title=f"Fire at {town} timber yard: {crews} firefighters called",
        url=f"https://outlet{feed}.example/{rowid}",
        source=f"Outlet {feed}",
        blocks=[
            Paragraph(
                f"{crews} firefighters fought a blaze at the {yard} timber yard in {town} "
                f"overnight. Station manager {person} said the fire in {town} was under "
                "control by dawn and no one was hurt."
            )
        ],
    )
    at = (START + timedelta(days=days)).timestamp()
    return Told(rowid, at, feed, signature_of(article))


def _filler(count: int) -> list[Told]:
    """Other news, so that words are as rare as in a library: forty words each, drawn
    from a few hundred."""
    vocabulary = [f"{a}{b}" for a in ("bor", "cal", "dem", "fir", "gal") for b in "aeiou"]
    vocabulary = [f"{word}{c}" for word in vocabulary for c in "klmnprst"]
    at = (START - timedelta(days=1)).timestamp()
    stories = []
    for n in range(count):
        words = " ".join(vocabulary[(n * 7 + k * 13) % len(vocabulary)] for k in range(40))
        article = Article(title=words[:60], url=f"https://f.example/{n}", source="F")
        article.blocks = [Paragraph(words)]
        stories.append(Told(1000 + n, at, 99, signature_of(article)))
    return stories


def _recent(stories: list[Told]) -> RecentStories:
    recent = RecentStories()
    for told in stories:
        recent.file(told)
    return recent


def test_another_feeds_report_is_the_same_event_and_the_same_feeds_is_not() -> None:
    recent = _recent([*_filler(200), _report("Ashby", 1, 1, 0)])
    elsewhere = recent.file(_report("Ashby", 2, 2, 0.2))
    assert [(p.other, p.kind) for p in elsewhere.pairs if p.kind != Kind.SIMILAR] == [
        (1, Kind.COPY)
    ]
    same_feed = recent.file(_report("Ashby", 1, 3, 0.3))
    assert 1 not in {p.other for p in same_feed.pairs if p.kind != Kind.SIMILAR}
    assert 1 in {p.other for p in same_feed.pairs}  # only similar


def test_look_alikes_from_months_ago_do_not_crowd_out_this_weeks_report() -> None:
    old = [_report("Ashby", 10 + n, 100 + n, -90) for n in range(30)]  # a fire last winter,
    # stored after this week's report (a feed's archive arriving late)
    recent = _recent([*_filler(200), _report("Ashby", 1, 1, 0), *old])
    today = recent.file(_report("Ashby", 2, 2, 0.2))
    assert [p.other for p in today.pairs] == [1]


def test_trimming_keeps_the_latest_stories_and_their_events() -> None:
    recent = _recent([*_filler(200), _report("Ashby", 1, 1, 0), _report("Ashby", 2, 2, 0.1)])
    event = recent.event_of[1]
    assert recent.event_of[2] == event
    numbers = set(recent.event_of.values())
    recent.trim(2)
    assert set(recent.stories) == {1, 2} and len(recent) == 2
    later = recent.file(_report("Ashby", 3, 3, 0.5))
    assert later.event == event  # the kept event is joined after trimming
    assert {p.other for p in later.pairs} == {1, 2}
    fresh = recent.file(_report("Corbin", 4, 4, 0.5))
    assert fresh.event not in numbers  # a new event's number is never an old one's
