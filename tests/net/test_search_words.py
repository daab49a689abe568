"""`newsterm search WORD` finds every word the reader shows, on feeds refreshed over HTTP.

The reference is the reader: each stored story is opened the way the reader opens
it (its blocks built from the HTML the refresh kept), and every word of its text
must find it. Words are counted here with a plain regular expression, not with the
code that feeds the search index. A library written by the release before this
change (checked out from git and run as its own process) finds them after the upgrade.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsterm.core.library.store import Store
from newsterm.core.model import Article, Code, Figure, Heading, ListBlock, Paragraph, Quote
from tests.conftest import CORPUS, REPO
from tests.support.benchkit import (
    BenchServer,
    free_port,
    newsterm,
    refresh_json,
    start_server,
    write_config,
)

# Corpus feeds with HTML bodies of many kinds: headings, lists, tables, figures, credits.
FEEDS = [
    "rssp-guardian.rss",
    "rsp-lanacion.xml",
    "rsp-dcrainmaker.xml",
    "ffp-gamersnexus.xml",
    "ffp-vintagehomeplans.xml",
    "rsp-OneFootTsunami.atom",
    "rssp-content-encoded.rss",
    "nfp-tpm.atom",
]
WORD = re.compile(r"[^\W_]+")  # letters and digits, as the index's tokenizer parts them
RELEASE_BEFORE = "c9280d2"  # the release whose kept-HTML words glued blocks together


def shown_text(article: Article) -> str:
    """Every piece of text the reader shows for an opened story (see render.py)."""
    parts = [article.title, article.summary or ""]
    for block in article.blocks:
        if isinstance(block, ListBlock):
            parts += block.items
        elif isinstance(block, Figure):
            parts += [block.caption, block.credit]
        elif isinstance(block, (Paragraph, Heading, Quote, Code)):
            parts.append(block.text)
    return "\n".join(parts)


def stories_missing_words(library: Path) -> dict[str, list[str]]:
    """For each stored story, the words the reader shows that its search does not find."""
    store = Store(library)
    try:
        opened = {h.id: store.article(h.id) for h in store.headlines()}
        rowids = dict(store.db.execute("SELECT id, rowid FROM articles"))
        words: dict[str, set[str]] = {}
        for story_id, article in opened.items():
            assert article is not None and article.html is None  # opened as the reader does
            for word in WORD.findall(shown_text(article).lower()):
                words.setdefault(word, set()).add(story_id)
        missing: dict[str, list[str]] = {}
        for word, having in words.items():
            found = {
                row[0]
                for row in store.db.execute(
                    "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", (f'"{word}"*',)
                )
            }
            for story_id in having:
                if rowids[story_id] not in found:
                    missing.setdefault(story_id, []).append(word)
        return missing
    finally:
        store.close()


def boundary_words(library: Path, stories: int) -> list[str]:
    """The first word after a block boundary, in a few stories: where blocks used to glue."""
    store = Store(library)
    try:
        chosen: list[str] = []
        for headline in store.headlines():
            article = store.article(headline.id)
            assert article is not None
            texts = [b.text for b in article.blocks if isinstance(b, (Paragraph, Heading))]
            first_words = [WORD.findall(text.lower())[:1] for text in texts[1:]]
            if first_words and first_words[0]:
                chosen.append(first_words[0][0])
            if len(chosen) == stories:
                break
        return chosen
    finally:
        store.close()


def test_every_word_the_reader_shows_finds_its_story(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "feeds").mkdir(parents=True)
    for name in FEEDS:
        shutil.copy(CORPUS / "feeds" / name, root / "feeds" / name)
    server = start_server(root, free_port())
    home = tmp_path / "home"
    try:
        write_config(home, [{"url": server.url(f"feeds/{name}")} for name in FEEDS])
        status, report = refresh_json(home)
        assert status == 0, report
    finally:
        server.stop()
    library = home / "data" / "library.sqlite"
    with sqlite3.connect(library) as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] > 200

    assert stories_missing_words(library) == {}

    for word in boundary_words(library, stories=6):
        done = newsterm(home, "search", word, "--json", "--limit", "1000")
        assert done.returncode == 0, (word, done.stderr)
        assert json.loads(done.stdout), word


def old_release(tmp_path: Path) -> Path:
    """The source tree of the release before this change, from the repository's history."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.fail("this test needs git and the repository's history")
    tree = tmp_path / "old"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", RELEASE_BEFORE, "src"],
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True, timeout=60)
    return tree / "src"


def old_newsterm(source: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEWSTERM_HOME": str(home), "TZ": "UTC", "PYTHONPATH": str(source)}
    return subprocess.run(
        [sys.executable, "-m", "newsterm", *args],
        cwd=source, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


ISSUE_FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour News</title>
<lastBuildDate>{built}</lastBuildDate>
<item><title>Council budget</title><guid>budget-1</guid><description>
&lt;h2&gt;Budget&lt;/h2&gt;&lt;p&gt;Trams will run later.&lt;/p&gt;
&lt;h2&gt;Harbour&lt;/h2&gt;&lt;p&gt;Lighthouse keepers stay.&lt;/p&gt;</description></item>
<item><title>Ferry notes</title><description>
&lt;p&gt;Timetable&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Quayside&lt;/li&gt;&lt;li&gt;Slipway&lt;/li&gt;&lt;/ul&gt;
</description></item>
</channel></rss>
"""


def written_by_old_release(tmp_path: Path) -> tuple[Path, BenchServer, Path]:
    """A home whose library the earlier release refreshed from the feed (still served)."""
    source = old_release(tmp_path)
    root = tmp_path / "site"
    (root / "feeds").mkdir(parents=True)
    feed_file = root / "feeds" / "harbour.xml"
    feed_file.write_text(ISSUE_FEED.format(built="Mon, 01 Dec 2025 08:00:00 GMT"))
    server = start_server(root, free_port())
    home = tmp_path / "home"
    try:
        write_config(home, [{"url": server.url("feeds/harbour.xml")}])
        written = old_newsterm(source, home, "refresh", "--json")
        assert written.returncode == 0, written.stderr
        assert old_newsterm(source, home, "search", "trams").returncode == 1  # the defect
    except BaseException:
        server.stop()
        raise
    return home, server, feed_file


def test_a_library_written_before_the_fix_finds_trams_after_the_upgrade(tmp_path: Path) -> None:
    """The earlier release refreshes the feed into its library; this one upgrades it once
    (saying so on stderr), finds the words, and the next refresh finds nothing new or
    edited: the story known only by its text is not stored a second time."""
    home, server, feed_file = written_by_old_release(tmp_path)
    try:
        found = newsterm(home, "search", "trams", "--json")
        assert found.returncode == 0, found.stderr
        assert [hit["title"] for hit in json.loads(found.stdout)] == ["Council budget"]
        assert "newsterm: re-indexing search: 2 of 2 stories" in found.stderr.splitlines()
        for word in ("lighthouse", "quayside", "slipway"):
            assert newsterm(home, "search", word).returncode == 0, word

        feed_file.write_text(ISSUE_FEED.format(built="Tue, 02 Dec 2025 08:00:00 GMT"))
        status, report = refresh_json(home)
    finally:
        server.stop()
    assert status == 0, report
    [feed] = report["feeds"]
    assert (feed["new"], feed["updated"]) == (0, 0), feed
    with sqlite3.connect(home / "data" / "library.sqlite") as db:
        assert db.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_the_reader_shows_the_upgrade_before_it_opens_the_library(tmp_path: Path) -> None:
    """Started on a library the earlier release wrote, the reader's terminal says what it is
    doing while it re-indexes, then shows the stories."""
    from tests.support.pty import run_in_pty

    home, server, _ = written_by_old_release(tmp_path)
    server.stop()
    raw, code = run_in_pty(
        [sys.executable, "-m", "newsterm"], home, quit_after_paint=b"Council budget"
    )
    assert code == 0, raw[-400:]
    shown = raw.decode("utf-8", "replace")
    assert "newsterm: re-indexing search: 2 of 2 stories" in shown
    assert shown.index("re-indexing search") < shown.index("Council budget")
    found = newsterm(home, "search", "trams")
    assert found.returncode == 0 and "re-indexing" not in found.stderr  # once, not again
