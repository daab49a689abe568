"""`newsterm add | import | refresh` on the subscription list, run as a person runs them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.benchkit import free_port, newsterm, read_config
from tests.support.faultserver import FaultServer, running_fault_server


@pytest.fixture
def faults() -> Iterator[FaultServer]:
    with running_fault_server() as server:
        yield server


def _feeds(home: Path) -> list[dict[str, str]]:
    feeds: list[dict[str, str]] = read_config(home).get("feed", [])
    return feeds


def test_add_writes_the_feed_with_its_section(isolated_home: Path) -> None:
    url = "https://news.example/local.xml"
    done = newsterm(isolated_home, "add", url, "--no-check", "--section", "News/Local")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"added {url}")
    assert _feeds(isolated_home) == [{"url": url, "section": "News/Local"}]

    moved = newsterm(isolated_home, "add", url, "--no-check", "--section", "Sport")
    assert moved.returncode == 0, moved.stderr
    assert "already subscribed" in moved.stdout
    assert _feeds(isolated_home) == [{"url": url, "section": "Sport"}]  # moved, not doubled
    listed = newsterm(isolated_home, "list").stdout
    assert f"Sport: <{url}> [never fetched]" in listed.splitlines()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd"])
def test_add_refuses_what_is_not_http(url: str, isolated_home: Path) -> None:
    done = newsterm(isolated_home, "add", url)
    assert done.returncode == 2
    assert "only http and https feeds can be added" in done.stderr
    assert done.stdout == ""
    assert not (isolated_home / "config" / "config.toml").exists()


def test_add_of_a_page_subscribes_to_the_feed_it_links(
    faults: FaultServer, isolated_home: Path
) -> None:
    page = faults.url("/html-with-feeds")
    done = newsterm(isolated_home, "add", page, "--section", "Blogs")
    assert done.returncode == 0, done.stderr
    assert f"found the feed {faults.url('/feed')} on that page" in done.stdout
    (feed,) = _feeds(isolated_home)
    assert feed["url"] == faults.url("/feed")
    assert feed["section"] == "Blogs"
    assert faults.hits["/html-with-feeds"] == 1


def test_add_while_offline_adds_as_given_with_a_note(isolated_home: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/feed.xml"  # nothing listens there
    done = newsterm(isolated_home, "add", url)
    assert done.returncode == 0, done.stderr
    assert "could not check it now" in done.stdout
    assert "added as given" in done.stdout
    assert [f["url"] for f in _feeds(isolated_home)] == [url]


def test_import_never_runs_a_shell_on_urls(isolated_home: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned-XYZ"
    port = free_port()  # closed: the refresh fails fast, but does try each URL
    opml = tmp_path / "evil.opml"
    opml.write_text(
        f"""<?xml version="1.0"?>
<opml version="2.0"><head><title>evil</title></head><body>
<outline text="Evil" title="Evil">
<outline type="rss" text="a" xmlUrl="http://127.0.0.1:{port}/a$(touch {marker})"/>
<outline type="rss" text="b" xmlUrl="http://127.0.0.1:{port}/b`touch {marker}`"/>
<outline type="rss" text="c" xmlUrl="http://127.0.0.1:{port}/c;touch {marker}"/>
</outline>
</body></opml>
""",
        encoding="utf-8",
    )
    done = newsterm(isolated_home, "import", str(opml))
    assert done.returncode == 0, done.stderr
    assert "imported 3 new feeds" in done.stdout
    assert all("touch" in f["url"] for f in _feeds(isolated_home))  # kept as text, not run
    for command in (["refresh"], ["list"], ["export"]):
        newsterm(isolated_home, *command)
    assert not marker.exists()


def test_refresh_without_subscriptions_prints_a_hint(isolated_home: Path) -> None:
    done = newsterm(isolated_home, "refresh")
    assert done.returncode == 0
    assert "no subscriptions yet" in done.stderr
    assert "newsterm add URL" in done.stderr
    assert not (isolated_home / "config" / "config.toml").exists()


def test_import_refuses_what_is_not_an_opml_list_of_feeds(
    isolated_home: Path, tmp_path: Path
) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        "<item><title>A story</title></item></channel></rss>",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.opml"
    empty.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Empty</title></head>'
        '<body><outline text="A folder with nothing in it"/></body></opml>',
        encoding="utf-8",
    )
    refusals = {
        "/etc/passwd": "/etc/passwd: a plain-text article, not an OPML subscription list",
        str(feed): f"{feed}: an RSS feed, not an OPML subscription list",
        "/nonexistent.opml": "/nonexistent.opml: No such file or directory",
        str(empty): f"{empty}: the OPML list has no feeds in it",
        str(tmp_path): f"{tmp_path}: a folder, not an OPML subscription list",
    }
    for source, line in refusals.items():
        done = newsterm(isolated_home, "import", source)
        assert done.returncode == 1, (source, done.stdout)
        assert done.stdout == "", source  # no "imported 0 new feeds"
        assert done.stderr == f"newsterm: {line}\n"
    assert not (isolated_home / "config" / "config.toml").exists()


def test_counts_in_import_and_refresh_agree_with_their_nouns(
    faults: FaultServer, isolated_home: Path, tmp_path: Path
) -> None:
    opml = tmp_path / "one.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline type="rss" text="Fault" xmlUrl="{faults.url("/feed")}"/></body></opml>',
        encoding="utf-8",
    )
    imported = newsterm(isolated_home, "import", str(opml))
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == "imported 1 new feed (1 subscription in all)\n"
    again = newsterm(isolated_home, "import", str(opml))
    assert again.stdout == "imported 0 new feeds (1 already subscribed; 1 subscription in all)\n"

    config = isolated_home / "config" / "config.toml"
    config.write_text(config.read_text(encoding="utf-8").replace("}", ", limit = 1 }"))
    refreshed = newsterm(isolated_home, "refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    assert refreshed.stdout.splitlines()[-1] == (
        "1 feed: 1 new story, 0 not modified, 0 not due, 0 failed"
    )


def test_list_json_has_the_shape_of_refresh_json(
    faults: FaultServer, isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:

    never = "http://127.0.0.1:9/never.xml"
    for url, section in ((faults.url("/feed"), "News/Local"), (never, "")):
        added = newsterm(isolated_home, "add", "--no-check", url, "--section", section)
        assert added.returncode == 0, added.stderr
    assert newsterm(isolated_home, "refresh", "--force").returncode == 0  # one of two worked
    done = newsterm(isolated_home, "list", "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    good, bad = listed["feeds"]
    assert good["url"] == faults.url("/feed") and good["title"] == "Fault server"
    assert good["sections"] == ["News", "Local"]
    assert good["status"] == "ok" and good["error"] is None
    assert good["checked"].endswith("+00:00")
    assert bad["url"] == never and bad["sections"] == [] and bad["status"] == "error"
    assert (good["state"], bad["state"]) == ("ok", "failing")
    assert bad["failing_since"].endswith("+00:00") and never in bad["line"]
    assert "connect" in bad["error"].lower() or "refused" in bad["error"].lower()
    assert listed["total"] == {"feeds": 2, "never_refreshed": 0, "failing": 1}
    lines = newsterm(isolated_home, "list").stdout.splitlines()
    assert [line for line in lines if line.startswith(f"<{never}> [failing since ")] != []
