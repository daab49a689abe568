"""The format comes from the bytes, never the file name; a folder costs one line per bad file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from newsterm.core.sources import SourceError, load_paths, parse_bytes
from newsterm.core.sources.sniff import detect_format
from tests.conftest import CORPUS, SEED

FEEDS = CORPUS / "feeds"

RSS = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Sniffed</title>'
    b"<item><title>Bytes decide</title><description>Body.</description></item>"
    b"</channel></rss>"
)
ARTICLE_TEXT = (
    b"Harbour bridge vote delayed\n\n"
    b"The council met on Tuesday evening to debate the plan, which has been under "
    b"discussion for more than two years. Members heard from residents and engineers.\n\n"
    b"A final decision is now expected next month.\n"
)
HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Comet seen | Observer</title></head><body>"
    b"<article><h1>Comet seen over the hill</h1>"
    + b"<p>Astronomers at the hill observatory watched the comet for an hour. </p>" * 5
    + b"</article></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def one_line_error(data: bytes, name: str) -> str:
    with pytest.raises(SourceError) as caught:
        parse_bytes(data, name=name)
    message = str(caught.value)
    assert message and "\n" not in message and len(message) < 300
    return message


# --- format from bytes -------------------------------------------------------------------


def test_rss_named_txt_is_a_feed() -> None:
    document = parse_bytes(RSS, name="notes.txt")
    assert document.source.kind == "rss"
    assert [a.title for a in document.articles] == ["Bytes decide"]


def test_text_article_named_xml_is_a_text_article() -> None:
    document = parse_bytes(ARTICLE_TEXT, name="story.xml")
    assert document.source.kind == "text"
    [article] = document.articles
    assert article.title == "Harbour bridge vote delayed"
    shown = [article.summary or "", *(getattr(b, "text", "") for b in article.blocks)]
    assert any("council met on Tuesday" in text for text in shown)
    assert any("final decision is now expected" in text for text in shown)
    assert not any("<" in text for text in shown)


def test_seed_article_named_rss_is_still_text() -> None:
    document = parse_bytes(SEED.read_bytes(), name="seed.rss")
    assert document.source.kind == "text"
    assert document.articles[0].title == "Biden Urged Putin to De-escalate Tensions in Ukraine"


def test_html_named_rss_is_an_html_page() -> None:
    document = parse_bytes(HTML_PAGE, name="feed.rss")
    assert document.source.kind == "html"
    [article] = document.articles
    assert article.title == "Comet seen over the hill"


def test_corpus_feed_under_a_misleading_name() -> None:
    data = (FEEDS / "nfp-ongoing.atom").read_bytes()
    document = parse_bytes(data, name="ongoing.html")
    assert document.source.kind == "atom"
    assert len(document.articles) == 20


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (RSS, "feed"),
        (b"\xef\xbb\xbf  \n" + RSS, "feed"),
        (b'<?xml version="1.0"?>\n<!-- c -->\n<feed xmlns="http://www.w3.org/2005/Atom"/>', "feed"),
        (b"<rdf:RDF xmlns:rdf='x'/>", "feed"),
        (b'<?xml version="1.0"?><opml version="2.0"><body/></opml>', "opml"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "jsonfeed"),
        (b'{"rss": {"channel": {"item": []}}}', "jsonfeed"),
        (HTML_PAGE, "html"),
        (ARTICLE_TEXT, "text"),
        (b"[Updated] Council news\n\nText of the story.", "text"),
        (b"\xff\xfe" + '<rss version="2.0"/>'.encode("utf-16-le"), "feed"),
    ],
    ids=[
        "rss",
        "bom-rss",
        "atom-after-comment",
        "rdf",
        "opml",
        "jsonfeed",
        "rss-json",
        "html",
        "text",
        "text-starting-with-bracket",
        "utf16-rss",
    ],
)
def test_detect_format_from_bytes(data: bytes, kind: str) -> None:
    assert detect_format(data) == kind


# --- unreadable bytes --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (PNG, "picture.xml"),
        (b"", "empty.xml"),
        (b"\x00" * 4096, "zeros.rss"),
        (b" \n\t \n", "blank.txt"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "paper.xml"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "feed.xml"),
    ],
    ids=["png", "zero-bytes", "nul-bytes", "whitespace", "pdf", "gzip"],
)
def test_non_story_bytes_give_one_line_error(data: bytes, name: str) -> None:
    one_line_error(data, name)


def test_png_error_says_binary() -> None:
    assert "binary" in one_line_error(PNG, "picture.xml")


def test_zero_byte_error_says_empty() -> None:
    assert "empty" in one_line_error(b"", "empty.xml")


# --- directories -------------------------------------------------------------------------


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def test_directory_load_good_files_and_one_error_per_bad_file(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(FEEDS / "nfp-itunes_podcast_ios11.xml", folder / "podcast.xml")
    shutil.copy(FEEDS / "rsp-DaringFireball.json", folder / "sub" / "df.json")
    (folder / "story.txt").write_bytes(ARTICLE_TEXT)
    garbage = folder / "garbage.xml"
    garbage.write_bytes(PNG)
    locked = folder / "locked.rss"
    locked.write_bytes(RSS)
    locked.chmod(0)
    hidden_dir = folder / ".cache"
    hidden_dir.mkdir()
    (hidden_dir / "stale.xml").write_bytes(RSS)
    (folder / ".hidden.xml").write_bytes(b"\x00" * 100)
    try:
        loaded = load_paths([folder])
    finally:
        locked.chmod(0o644)

    by_name = {Path(where).name: doc for where, doc in loaded.documents}
    assert {"podcast.xml", "df.json", "story.txt"} <= set(by_name)
    assert by_name["podcast.xml"].source.kind == "rss"
    assert len(by_name["podcast.xml"].articles) == 6
    assert by_name["df.json"].source.kind == "jsonfeed"
    assert by_name["story.txt"].articles[0].title == "Harbour bridge vote delayed"

    # Hidden files and folders are never read: no document, no error.
    everything = [where for where, _ in loaded.documents] + loaded.errors
    assert not any(".hidden.xml" in line or "stale.xml" in line for line in everything)

    garbage_errors = [e for e in loaded.errors if "garbage.xml" in e]
    assert len(garbage_errors) == 1
    assert str(garbage) in garbage_errors[0] and "binary" in garbage_errors[0]
    for line in loaded.errors:
        assert "\n" not in line

    if running_as_root():
        # root can read a chmod-000 file; then it must simply load like the others.
        assert "locked.rss" in by_name
        assert len(loaded.errors) == 1
    else:
        locked_errors = [e for e in loaded.errors if "locked.rss" in e]
        assert len(locked_errors) == 1 and str(locked) in locked_errors[0]
        assert "locked.rss" not in by_name
        assert len(loaded.errors) == 2
    assert len(loaded.documents) == (4 if running_as_root() else 3)


def test_empty_directory_is_one_error(tmp_path: Path) -> None:
    (tmp_path / ".only-hidden").write_bytes(RSS)
    loaded = load_paths([tmp_path])
    assert loaded.documents == []
    assert len(loaded.errors) == 1 and str(tmp_path) in loaded.errors[0]


def test_missing_file_is_one_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xml"
    good = tmp_path / "good.xml"
    good.write_bytes(RSS)
    loaded = load_paths([missing, good])
    assert [Path(w).name for w, _ in loaded.documents] == ["good.xml"]
    [error] = loaded.errors
    assert str(missing) in error and "\n" not in error


def test_file_name_with_control_characters_is_shown_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "evil\x1b[31mname.xml"
    bad.write_bytes(b"")
    loaded = load_paths([bad])
    [error] = loaded.errors
    assert "\x1b" not in error
    assert "evil" in error and "name.xml" in error and "empty" in error
