"""Build a library file of N synthetic stories (for start-up, search and size benchmarks).

Stories look like real ones (a headline, a standfirst, six paragraphs, a figure,
related links, spread over 40 feeds in 8 sections and a year of dates), so the
store holds what it would after refreshing real feeds. With `--kept-html` each
story is stored as a refresh stores a feed item: its HTML, with blocks built on
opening (what an upgrade that re-reads every story's words has to parse).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsterm.core.library.store import Store
from newsterm.core.model import Article, Figure, Heading, Link, Paragraph
from newsterm.core.sources.html.kept import plain_text

WORDS = [
    "council",
    "harbour",
    "bridge",
    "tram",
    "fare",
    "budget",
    "school",
    "festival",
    "library",
    "museum",
    "ferry",
    "storm",
    "river",
    "market",
    "station",
    "hospital",
    "college",
    "stadium",
    "election",
    "minister",
    "report",
    "survey",
    "climate",
    "energy",
    "turbine",
    "kelp",
    "coast",
    "island",
    "winter",
    "summer",
    "record",
    "crowd",
    "vote",
    "plan",
    "road",
    "housing",
    "rent",
    "jobs",
    "wages",
    "river",
    "port",
    "airport",
    "flight",
    "rail",
    "strike",
    "court",
    "judge",
    "police",
    "fire",
    "water",
    "power",
]
SECTIONS = ["News", "World", "Business", "Science", "Culture", "Sport", "Climate", "Technology"]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


SYLLABLES = ["al", "bre", "cor", "dun", "el", "fen", "gar", "hol", "ith", "kel", "lor", "mar"]
SYLLABLES += ["nor", "ost", "pen", "quil", "ros", "sten", "tor", "ul", "ven", "wick", "yar"]
OUTLETS_PER_EVENT = 4


def event_names(number: int) -> str:
    """The place, person and figure of the event story `number` reports: each event is
    told by OUTLETS_PER_EVENT consecutive stories (in as many feeds, minutes apart)."""
    rng = random.Random(number // OUTLETS_PER_EVENT)
    place = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
    person = "".join(rng.choice(SYLLABLES) for _ in range(2)).title()
    return f"{place} {person} {rng.randrange(100, 100_000)}"


def story(rng: random.Random, number: int, start: datetime, *, events: bool = False) -> Article:
    title = " ".join(rng.choice(WORDS) for _ in range(8)).title()
    blocks = [Paragraph(" ".join(sentence(rng, 18) for _ in range(4))) for _ in range(6)]
    if events:  # the same event in other outlets: its names in the headline and the lead
        names = event_names(number)
        title = f"{title}: {names}"
        blocks[0] = Paragraph(f"In {names}, {blocks[0].text}")
    blocks.insert(3, Heading(" ".join(rng.choice(WORDS) for _ in range(4)).title()))
    blocks.insert(
        2,
        Figure(
            f"https://img.example/{number}.jpg", "A photograph", sentence(rng, 12), "Photo: Staff"
        ),
    )
    return Article(
        title=f"{title} {number}",
        url=f"https://news.example/{number}",
        guid=f"urn:story:{number}",
        source=f"Feed {number % 40}",
        published=start - timedelta(minutes=number * 7),
        summary=sentence(rng, 25),
        blocks=blocks,
        related=[Link(f"Story {number - 1}", f"https://news.example/{number - 1}")],
    )


def kept_as_html(article: Article) -> Article:
    """The same story as a refresh keeps a feed item: HTML, its words, no blocks yet."""
    parts = []
    for block in article.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h2>{block.text}</h2>")
        elif isinstance(block, Figure):
            parts.append(
                f'<figure><img src="{block.image}" alt="{block.alt}"><figcaption>'
                f"{block.caption} <span>{block.credit}</span></figcaption></figure>"
            )
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{block.text}</p>")
    html = "\n".join(parts)
    article.blocks = []
    article.html, article.html_base, article.plain = html, article.url, plain_text(html)
    return article


def build(
    path: Path, count: int, seed: int = 42, *, kept_html: bool = False, events: bool = False
) -> float:
    """Write `count` stories to a fresh library file; returns seconds taken."""
    began = time.monotonic()
    path.unlink(missing_ok=True)
    store = Store(path)
    rng = random.Random(seed)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for feed in range(40):
        section = SECTIONS[feed % len(SECTIONS)]
        feed_id = store.ensure_feed(
            f"https://news.example/feed/{feed}.xml", f"Feed {feed}", (section,)
        )
        stories = [story(rng, n, start, events=events) for n in range(feed, count, 40)]
        if kept_html:
            stories = [kept_as_html(article) for article in stories]
        store.save_articles(feed_id, stories, sections=(section, f"Feed {feed}"))
    store.optimize()
    store.close()
    return time.monotonic() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--stories", type=int, default=25_000)
    parser.add_argument(
        "--kept-html", action="store_true", help="store stories as HTML, as a refresh does"
    )
    parser.add_argument(
        "--events",
        action="store_true",
        help=f"each event told by {OUTLETS_PER_EVENT} feeds (for related stories)",
    )
    options = parser.parse_args()
    seconds = build(
        options.path, options.stories, kept_html=options.kept_html, events=options.events
    )
    print(f"{options.stories} stories in {seconds:.1f} s -> {options.path}")


if __name__ == "__main__":
    main()
