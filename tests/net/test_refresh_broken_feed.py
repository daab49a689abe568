"""`newsterm refresh` of a feed cut off inside its last story: every story stored, and
the feed's summary says, in one line, what it lost."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tests.conftest import CORPUS
from tests.support.benchkit import free_port, newsterm, refresh_json, start_server, write_config


def test_refresh_stores_every_story_of_a_cut_off_feed_and_warns(
    tmp_path: Path, isolated_home: Path
) -> None:
    data = (CORPUS / "feeds" / "rsp-kc0011.rss").read_bytes()
    last = data.rindex(b"<description>")
    broken = data[: last + 200]  # cut inside the last item's description
    root = etree.fromstring(broken, etree.XMLParser(recover=True, resolve_entities=False))
    expected = sum(1 for _ in root.iter("item"))
    site = tmp_path / "site"
    (site / "feeds").mkdir(parents=True)
    (site / "feeds" / "cut.xml").write_bytes(broken)
    port = free_port()
    server = start_server(site, port)
    try:
        url = server.url("feeds/cut.xml")
        write_config(isolated_home, [{"url": url}])
        status, report = refresh_json(isolated_home)
        assert status == 0
        [feed] = report["feeds"]
        assert feed["outcome"] == "new" and feed["new"] == expected == 20
        assert f"1 of {expected} stories is cut short" in feed["warning"]
        other_home = tmp_path / "other-home"  # a first refresh again, as a person reads it
        write_config(other_home, [{"url": url}])
        printed = newsterm(other_home, "refresh")
    finally:
        server.stop()
    [line] = [line for line in printed.stdout.splitlines() if "cut short" in line]
    assert f"{expected} new; not well-formed XML: 1 of {expected} stories" in line
