"""`newsterm related --json` on the bundled demo library: the shape scripts rely on, and
the coverage the demo's README records (its "Coverage across outlets", written by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.support.benchkit import newsterm

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "newsterm" / "samples"
STORY_FILES = sorted(str(p) for p in SAMPLES.iterdir() if p.suffix in {".txt", ".html", ".xml"})

# From the README's "Coverage across outlets": the Evening Post's items and the Courier's
# (or the wire's) report of the same event; the look-alikes are different events.
SAME_EVENT = {
    ("Second Crossing Over the Harbour Wins a Narrow Council Vote",
     "Aldery Council Backs a Second Harbour Bridge After Nine-Hour Debate"),
    ("No Rise in Tram Fares Before 2028, Transport Board Confirms",
     "Tram Fares Frozen Until 2028 as Ridership Climbs Past Pre-Pandemic Levels"),
    ("Islanders Get Their Overnight Boat Back From December",
     "Night Ferry to the Outer Isles Returns After a Four-Year Gap"),
    ("Ponchos, Puddles and a Paper Whale: Lantern Trail Breaks Its Record",
     "After a Wet Summer, Lantern Festival Draws Record Crowds"),
    ("Market hall reopens with forty new stalls", "Market Hall Reopens With Forty New Stalls"),
}  # fmt: skip
LOOK_ALIKES = {
    ("Ravelsford Votes to Study a Second Bridge Over the Ambry",
     "Aldery Council Backs a Second Harbour Bridge After Nine-Hour Debate"),
    ("Amber Wind Warning for the Marrowby Isles as a Second Storm Closes In",
     "Storm Warning Issued for the Outer Isles This Weekend"),
}  # fmt: skip


def _related(home: Path) -> list[dict[str, Any]]:
    done = newsterm(home, "related", *STORY_FILES, "--json")
    assert done.returncode == 0, done.stderr
    stories: list[dict[str, Any]] = json.loads(done.stdout)["stories"]
    return stories


def test_related_json_has_its_shape_for_every_demo_story(isolated_home: Path) -> None:
    stories = _related(isolated_home)
    assert len(stories) == 25  # 11 text files, 2 pages, 5 wire items, 7 Evening Post items
    ids = {story["id"] for story in stories}
    for story in stories:
        assert set(story) == {"id", "guid", "url", "title", "same_event", "similar"}
        assert story["guid"] is None or isinstance(story["guid"], str)
        for entry in story["same_event"] + story["similar"]:
            assert set(entry) == {"id", "score"} and entry["id"] in ids
            assert entry["id"] != story["id"] and 0 < entry["score"] <= 1
    feed_items = [s for s in stories if "evening-post" in (s["url"] or "")]
    assert feed_items and all(s["guid"] for s in feed_items)  # the feed's own guids


def test_the_demo_events_told_by_two_outlets_are_found_and_look_alikes_are_not(
    isolated_home: Path,
) -> None:
    stories = _related(isolated_home)
    by_title = {story["title"]: story for story in stories}

    def paired(a: str, b: str, part: str) -> bool:
        return any(entry["id"] == by_title[b]["id"] for entry in by_title[a][part])

    for a, b in SAME_EVENT:
        assert paired(a, b, "same_event") and paired(b, a, "same_event"), (a, b)
    for a, b in LOOK_ALIKES:
        assert not paired(a, b, "same_event"), (a, b)
        assert paired(a, b, "similar"), (a, b)  # the same subject, labelled as different
    events = sum(1 for story in stories if story["same_event"])
    assert events == 2 * len(SAME_EVENT)  # no other demo story claims coverage elsewhere


def test_related_without_stories_says_so_and_fails(isolated_home: Path) -> None:
    done = newsterm(isolated_home, "related")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["newsterm: no stories in the library"]
