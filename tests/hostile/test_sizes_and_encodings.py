"""XML tricks, encodings and sizes: each input reads correctly or gives one clear line,
within 10 s and 200 MB above the baseline, measured in a fresh process per input.

Existing tests this does not repeat: tests/unit/test_feed_source.py proves billion laughs
(nested entities), XXE by file:// entity and external-DTD-by-file on their output;
test_sniff_and_directory.py and test_cli_cat.py prove the messages for zero-byte and PNG
files; test_json_feed_source.py the message for 100,000-deep JSON. Here every one of
those shapes is also measured for time and memory, and the network-reaching XML cases
point at a real local server that must see no request at all.
"""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsterm.core.sources import SourceError, parse_bytes
from tests.conftest import REPO
from tests.support.faultserver import FaultServer, running_fault_server
from tests.support.payloads import assert_clean

MAX_SECONDS = 10.0
MAX_GROWTH_MB = 200.0


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with running_fault_server() as fault_server:
        yield fault_server


def measure(path: Path, *, content: bool = True) -> dict[str, object]:
    """Parse in a fresh process; assert the bounds, and one clean line or some content."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.hostile.measure", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, object] = json.loads(done.stdout)
    print(f"\n{path.name}: {report['seconds']:.2f} s, +{report['peak_mb']:.0f} MB, {report}"[:300])
    assert isinstance(report["seconds"], float) and report["seconds"] < MAX_SECONDS
    assert isinstance(report["peak_mb"], float) and report["peak_mb"] < MAX_GROWTH_MB
    error = report["error"]
    if error is not None:
        assert isinstance(error, str) and error and "\n" not in error and len(error) <= 200
        assert_clean(error)
    elif content:
        assert report["articles"] or report["subscriptions"]
    return report


def item(n: int, body: str = "A short body.") -> str:
    return f"<item><title>Story {n}</title><link>http://example.org/{n}</link><guid>g{n}</guid><description>{body}</description></item>"  # noqa: E501


def rss(items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return f'{head}\n<rss version="2.0"><channel><title>Feed</title>{items}</channel></rss>'


# ---- XML: nothing external is ever fetched or read; nothing expands --------------------


def test_external_entities_and_dtds_never_reach_the_network(
    server: FaultServer, tmp_path: Path
) -> None:
    url = server.url
    data = rss(
        item(1, "&remote; &passwd;")
        + f'<item><title>X &remote;</title><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url("/xinclude")}" parse="text"/></item>',  # noqa: E501
        head=f"""<?xml version="1.0"?>
<?xml-stylesheet type="text/xsl" href="{url("/style.xsl")}"?>
<!DOCTYPE rss SYSTEM "{url("/external.dtd")}" [
  <!ENTITY % param SYSTEM "{url("/param.dtd")}"> %param;
  <!ENTITY remote SYSTEM "{url("/entity")}">
  <!ENTITY passwd SYSTEM "file:///etc/passwd">
]>""",
    )
    path = tmp_path / "xxe.xml"
    path.write_text(data, encoding="utf-8")
    report = measure(path)
    document = parse_bytes(path.read_bytes())
    text = json.dumps(document.to_json())
    assert "root:" not in text and "nologin" not in text
    assert report["articles"] == 2
    opml = tmp_path / "xxe.opml"
    opml.write_text(
        f'<?xml version="1.0"?><!DOCTYPE opml SYSTEM "{url("/opml.dtd")}" '
        f'[<!ENTITY e SYSTEM "{url("/opml-entity")}">]><opml version="2.0"><head/><body>'
        f'<outline text="&e;" xmlUrl="http://example.org/f"/>'
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{url("/opml-inc")}"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    measure(opml)
    assert server.total_requests == 0, dict(server.hits)


def test_xinclude_of_a_local_file_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("XINCLUDE-SECRET-41c9\n", encoding="utf-8")
    data = rss(
        '<item><title>T</title><description xmlns:xi="http://www.w3.org/2001/XInclude">'
        f'<xi:include href="file://{secret}" parse="text"/> body</description></item>'
    ).encode()
    assert "XINCLUDE-SECRET" not in json.dumps(parse_bytes(data).to_json())


def test_one_large_entity_referenced_thousands_of_times(tmp_path: Path) -> None:
    big = "laugh " * 12_000  # 72 KB entity
    refs = "&big;" * 6_000  # 30 KB of references: 430 MB if ever expanded
    data = rss(
        f"<item><title>Harmless &big; headline {refs[:5000]}</title>"
        f"<description>{refs}</description></item>",
        head=f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "{big}">]>',
    )
    path = tmp_path / "big-entity.xml"
    path.write_text(data, encoding="utf-8")
    assert 90_000 < path.stat().st_size < 130_000
    report = measure(path)
    # Read as the feed it is (the subset once hid the <rss> root from the sniffer), and
    # &big; stays a literal, unexpanded reference.
    assert str(report["title"]).startswith("Harmless &big; headline &big;&big;")
    assert isinstance(report["longest_title"], int) and report["longest_title"] < 10_000
    assert isinstance(report["json_chars"], int) and report["json_chars"] < 2 * len(data)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        # Each once took exponential or quadratic time in xmlsafe.py's regexes (fixed).
        ("doctype-brackets", lambda: b'<?xml version="1.0"?><!DOCTYPE a [' + b"][" * 50_000),
        ("doctype-closers", lambda: b"<!DOCTYPE rss [" + b"]" * 200_000 + b"<rss/>"),
        ("nested-item-opens", lambda: rss("").encode()[:-20] + b"<item" * 60_000 + b">"),
        ("many-doctypes", lambda: b"<rss>" + b"<!DOCTYPE x [<!ENTITY y 'z'>" * 30_000),
    ],
)
def test_pathological_declarations_take_linear_time(
    tmp_path: Path, name: str, make: Callable[[], bytes]
) -> None:
    path = tmp_path / f"{name}.xml"
    path.write_bytes(make())
    measure(path, content=False)  # an empty feed or the text shown as it is: both fine


# ---- encodings ---------------------------------------------------------------------------

CYRILLIC = "Новости дня: мэр открыл мост"
LATIN = "Café crème à la façon de Noël — déjà vu"
CHINESE = "今日新闻：市长开通新桥"
ENCODED = [
    ("windows-1251", CYRILLIC),
    ("iso-8859-1", LATIN.replace("—", "-")),
    ("gb2312", CHINESE),
]


@pytest.mark.parametrize(("encoding", "title"), ENCODED)
def test_legacy_encodings_declared_read_correctly(encoding: str, title: str) -> None:
    feed = rss(item(1).replace("Story 1", title), f'<?xml version="1.0" encoding="{encoding}"?>')
    assert parse_bytes(feed.encode(encoding)).articles[0].title == title
    page = (
        f'<html><head><meta charset="{encoding}"><title>{title}</title></head><body><article>'
        f"<h1>{title}</h1><p>{title}. {'Words of the body. ' * 20}</p></article></body></html>"
    )
    assert parse_bytes(page.encode(encoding)).articles[0].title == title


@pytest.mark.parametrize(("encoding", "title"), ENCODED)
def test_legacy_encodings_undeclared_read_or_fail_in_one_line(encoding: str, title: str) -> None:
    for data in (
        rss(item(1).replace("Story 1", title), '<?xml version="1.0"?>').encode(encoding),
        f"{title}\n\n{title}. Words of the body.\n".encode(encoding),
    ):
        try:
            document = parse_bytes(data)
        except SourceError as error:
            assert "\n" not in str(error)
        else:
            assert document.articles and document.articles[0].title
            assert_clean(document.to_json())
            if encoding == "iso-8859-1":  # undeclared legacy bytes are read as windows-1252
                assert document.articles[0].title == title


def test_wrong_declared_encoding_and_invalid_utf8(tmp_path: Path) -> None:
    lying = rss(item(1).replace("Story 1", CYRILLIC), '<?xml version="1.0" encoding="ascii"?>')
    assert parse_bytes(lying.encode("utf-8")).articles[0].title == CYRILLIC
    invalid = rss(
        item(1).replace("Story 1", "Bad \xff\xfe\xc3( bytes"),
        '<?xml version="1.0" encoding="utf-8"?>',
    )  # noqa: E501
    broken = invalid.encode("latin-1") + b"\xed\xa0\x80 \xc0\xaf \xf8\x88\x80\x80\x80"
    path = tmp_path / "invalid-utf8.xml"
    path.write_bytes(broken)
    report = measure(path)
    assert report["error"] is not None or "Bad" in str(report["title"])
    text_path = tmp_path / "invalid-utf8.txt"
    text_path.write_bytes(b"Title \xff\xfe here\n\nBody \xed\xa0\x80 \xc0\xaf text.\n")
    assert measure(text_path)["title"]


def test_utf8_bom_text_and_json_feed() -> None:
    bom = codecs.BOM_UTF8
    text = parse_bytes(bom + "Ünïcode Title\n\nBody text here.\n".encode())
    assert text.articles[0].title == "Ünïcode Title"
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "F",
            "items": [{"id": "1", "title": "Ünïcode", "content_text": "x"}]}  # fmt: skip
    assert parse_bytes(bom + json.dumps(feed).encode()).articles[0].title == "Ünïcode"


def test_utf16_declared_without_bom_is_not_trusted() -> None:
    data = b"Plain Title\n\nA body paragraph.\n<?xml encoding='utf-16'?>"
    assert parse_bytes(data).articles[0].title == "Plain Title"


# ---- sizes ---------------------------------------------------------------------------------


def test_zero_byte_file(tmp_path: Path) -> None:
    (tmp_path / "empty.xml").write_bytes(b"")
    assert measure(tmp_path / "empty.xml")["error"] == "empty file"


def test_png_named_xml(tmp_path: Path) -> None:
    path = tmp_path / "picture.xml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    assert "binary" in str(measure(path)["error"])


def test_20_mb_single_item_feed(tmp_path: Path) -> None:
    paragraph = "&lt;p&gt;" + "All work and no play makes a long feed. " * 50 + "&lt;/p&gt;\n"
    body = paragraph * (20 * 2**20 // len(paragraph))
    path = tmp_path / "huge-item.xml"
    path.write_text(rss(item(1, body)), encoding="utf-8")
    assert path.stat().st_size > 20 * 10**6
    report = measure(path)
    assert report["error"] is not None or report["articles"] == 1


def test_10000_item_feed(tmp_path: Path) -> None:
    path = tmp_path / "many-items.xml"
    path.write_text(rss("".join(item(n) for n in range(10_000))), encoding="utf-8")
    assert measure(path)["articles"] == 10_000


def test_html_nested_5000_levels(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    words = "Deep text of the story, in a paragraph long enough to keep. " * 5
    path.write_text(
        "<html><head><title>Deep Page</title></head><body><article><h1>Deep Page</h1>"
        + "<div><span>" * 2500 + f"<p>{words}</p>" + "</span></div>" * 2500
        + f"<p>{words}</p></article></body></html>",
        encoding="utf-8",
    )  # fmt: skip
    measure(path)


def test_html_in_a_feed_body_nested_5000_levels(tmp_path: Path) -> None:
    body = "&lt;div&gt;" * 5000 + "Deep words." + "&lt;/div&gt;" * 5000
    path = tmp_path / "deep-item.xml"
    path.write_text(rss(item(1, body)), encoding="utf-8")
    assert measure(path)["articles"] == 1


def test_one_megabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    path.write_text("Word " * (2**20 // 5) + "\n", encoding="utf-8")
    report = measure(path)  # one line is a headline with no story: refused, in one line
    assert report["articles"] == 0 and "needs both" in str(report["error"])
    xml = tmp_path / "one-line.xml"
    xml.write_text(rss("".join(item(n) for n in range(3000))).replace("\n", ""), encoding="utf-8")
    assert measure(xml)["articles"] == 3000


def test_json_nested_100000_deep(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b'{"version":"https://jsonfeed.org/version/1.1","items":' + b"[" * 100_000)
    assert measure(path)["error"]
    path.write_bytes(b'{"items":[{"title":' + b'{"a":' * 100_000 + b"1" + b"}" * 100_000 + b"}]}")
    measure(path)


def test_absurd_dates_and_numbers(tmp_path: Path) -> None:
    dates = ["Mon, 01 Jan 99999 00:00:00 GMT", "0000-00-00T00:00:00Z", "-2024-01-01",
             "Sat, 32 Foo 2024 99:99:99 +9999", "9" * 500, "1e308", "NaN"]  # fmt: skip
    items = "".join(
        f"<item><title>D{n}</title><pubDate>{d}</pubDate><guid>{'9' * 5000}{n}</guid>"
        f'<enclosure url="http://example.org/{n}.mp3" type="audio/mpeg" length="{"9" * 400}"/>'
        "</item>"
        for n, d in enumerate(dates)
    )
    path = tmp_path / "absurd.xml"
    path.write_text(rss(items), encoding="utf-8")
    assert measure(path)["articles"] == len(dates)
    document = parse_bytes(path.read_bytes())
    assert all(a.published is None or 1900 < a.published.year < 2200 for a in document.articles)
    assert all(e.length == 0 for a in document.articles for e in a.enclosures)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "items": [
            {"id": 10**300, "title": "Big", "date_published": "+275760-09-13T00:00:00Z",
             "attachments": [{"url": "http://example.org/a", "size_in_bytes": 10**30}]},
            {"id": -1.5e308, "title": "Float", "date_published": 1e308, "content_text": 7},
        ],
    }  # fmt: skip
    json_path = tmp_path / "absurd.json"
    json_path.write_text(json.dumps(feed), encoding="utf-8")
    assert measure(json_path)["articles"] == 2
    huge = tmp_path / "huge-int.json"
    huge.write_text('{"version":"https://jsonfeed.org/version/1","items":[{"id":'
                    + "9" * 6000 + ',"title":"x"}]}', encoding="utf-8")  # fmt: skip
    measure(huge)


def test_cat_bounds_its_work_on_hostile_files(tmp_path: Path) -> None:
    """The command a person runs: one clear line per bad file, the good one printed."""
    (tmp_path / "empty.xml").write_bytes(b"")
    (tmp_path / "image.xml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "deep.json").write_bytes(b'{"items":' + b"[" * 100_000)
    (tmp_path / "brackets.xml").write_bytes(b"<?xml version='1.0'?><!DOCTYPE a [" + b"][" * 40)
    (tmp_path / "good.txt").write_text("A Good Title\n\nA body paragraph.\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "newsterm", "cat", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    errors = done.stderr.strip().splitlines()
    assert len(errors) == 4, errors  # brackets.xml: one line of text, not a story
    assert all(line.startswith("newsterm: ") for line in errors)
    assert "A Good Title" in done.stdout
    assert_clean(done.stdout + done.stderr)
