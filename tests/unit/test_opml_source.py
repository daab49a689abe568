"""OPML subscription lists: folders become sections, and the list is treated as hostile."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from newsterm.core.model import Document, Subscription
from newsterm.core.sources import SourceError, parse_bytes


def opml(body: str, head: str = "<title>My subscriptions</title>", doctype: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<opml version="2.0">'
        f"<head>{head}</head><body>{body}</body></opml>"
    ).encode()


def parse(data: bytes) -> Document:
    return parse_bytes(data, name="subscriptions.opml")


NESTED = """
<outline text="News" title="News">
  <outline text="Local">
    <outline type="rss" text="Gazette" title="The Harbour Gazette"
             xmlUrl="https://gazette.example/feed.xml" htmlUrl="https://gazette.example/"/>
  </outline>
  <outline type="rss" text="Wire service" xmlUrl="https://wire.example/rss"/>
</outline>
<outline text="Tech">
  <outline type="rss" text="Kernel notes" xmlUrl="https://kernel.example/atom.xml"/>
</outline>
<outline type="rss" text="Top level" xmlUrl="https://top.example/feed"/>
"""


def test_nested_folders_become_sections() -> None:
    document = parse(opml(NESTED))
    assert document.source.kind == "opml"
    assert document.source.title == "My subscriptions"
    assert document.articles == []
    assert [(s.url, s.sections) for s in document.subscriptions] == [
        ("https://gazette.example/feed.xml", ("News", "Local")),
        ("https://wire.example/rss", ("News",)),
        ("https://kernel.example/atom.xml", ("Tech",)),
        ("https://top.example/feed", ()),
    ]


def test_title_preferred_over_text_and_html_url_kept() -> None:
    gazette = parse(opml(NESTED)).subscriptions[0]
    assert gazette == Subscription(
        url="https://gazette.example/feed.xml",
        title="The Harbour Gazette",
        sections=("News", "Local"),
        html_url="https://gazette.example/",
    )
    wire = parse(opml(NESTED)).subscriptions[1]
    assert wire.title == "Wire service"  # no title attribute: the text attribute
    assert wire.html_url is None


def test_subscriptions_in_json_output() -> None:
    out = parse(opml(NESTED)).to_json()
    assert out["source"]["kind"] == "opml"
    assert out["subscriptions"][0] == {
        "url": "https://gazette.example/feed.xml",
        "title": "The Harbour Gazette",
        "sections": ["News", "Local"],
        "html_url": "https://gazette.example/",
    }


def test_outlines_without_feed_url_and_without_children_are_ignored() -> None:
    body = (
        '<outline text="Empty folder"/>'
        '<outline text="A web page" type="link" url="https://page.example/"/>'
        '<outline text="Note" htmlUrl="https://site.example/"/>'
        '<outline text="Real" xmlUrl="https://real.example/feed"/>'
    )
    document = parse(opml(body))
    assert [s.url for s in document.subscriptions] == ["https://real.example/feed"]
    assert document.subscriptions[0].sections == ()


def test_folder_without_a_name_adds_no_section() -> None:
    body = '<outline><outline text="F" xmlUrl="https://f.example/rss"/></outline>'
    [sub] = parse(opml(body)).subscriptions
    assert sub.sections == ()


def test_lowercase_attribute_names_are_accepted() -> None:
    body = (
        '<outline text="Folder"><outline text="Lower" xmlurl="https://l.example/rss" '
        'htmlurl="https://l.example/"/></outline>'
    )
    [sub] = parse(opml(body)).subscriptions
    assert (sub.url, sub.html_url, sub.sections) == (
        "https://l.example/rss",
        "https://l.example/",
        ("Folder",),
    )


def test_control_characters_removed_from_names_and_sections() -> None:
    body = (
        '<outline text="Po&#x1b;[31mlitics&#x202e;">'
        '<outline text="Bad&#x7;name" xmlUrl="https://b.example/rss"/></outline>'
    )
    [sub] = parse(opml(body)).subscriptions
    assert sub.title == "Badname"
    assert sub.sections == ("Politics",)


def test_shell_syntax_in_url_stays_a_plain_string_and_runs_nothing() -> None:
    marker = Path(f"/tmp/pwned-{uuid.uuid4().hex}")
    body = (
        f'<outline text="Evil" xmlUrl="http://x/$(touch {marker})"'
        f' htmlUrl="http://x/`touch {marker}`"/>'
        f'<outline text="Evil2" xmlUrl="http://y/;touch {marker};"/>'
    )
    document = parse(opml(body))
    assert not marker.exists()
    first, second = document.subscriptions
    assert isinstance(first.url, str)
    assert first.url.startswith("http://x/$(touch")
    assert marker.name in first.url
    assert first.html_url is not None and marker.name in first.html_url
    assert second.url.startswith("http://y/;touch")
    assert not marker.exists()


@pytest.mark.parametrize(
    "body",
    [
        "",
        '<outline text="Folder"><outline text="Sub"/></outline>',
        '<outline text="Only pages" type="link" url="https://a.example/"/>',
        '<outline text="Blank" xmlUrl="   "/>',
    ],
    ids=["empty-body", "empty-folders", "links-only", "blank-url"],
)
def test_opml_with_no_feeds_is_an_error(body: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse(opml(body))
    message = str(caught.value)
    assert "\n" not in message and "no feeds" in message


def test_opml_without_body_is_an_error() -> None:
    with pytest.raises(SourceError):
        parse(b'<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head></opml>')


def test_doctype_entities_are_neutralised(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("OPML-SECRET-51be\n")
    doctype = (
        "<!DOCTYPE opml [\n"
        '  <!ENTITY a "EXPANDED-ENTITY">\n'
        '  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
        '  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">\n'
        '  <!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
        f'  <!ENTITY secret SYSTEM "file://{secret}">\n'
        "]>\n"
    )
    body = (
        '<outline text="Folder &c;">'
        '<outline text="Feed &passwd; &secret;" xmlUrl="https://a.example/feed"/></outline>'
    )
    document = parse(opml(body, head="<title>Subs &c;</title>", doctype=doctype))
    output = json.dumps(document.to_json())
    assert "EXPANDED-ENTITY" not in output
    assert "OPML-SECRET-51be" not in output
    assert "root:" not in output
    [sub] = document.subscriptions
    assert sub.url == "https://a.example/feed"
    assert sub.sections == ("Folder",)
    assert len(output) < 1000


def test_deeply_nested_folders_do_not_crash() -> None:
    depth = 5000
    body = '<outline text="f">' * depth + '<outline text="x" xmlUrl="https://d.example/rss"/>'
    body += "</outline>" * depth
    try:
        document = parse(opml(body))
    except SourceError as error:
        assert "\n" not in str(error)
    else:
        for sub in document.subscriptions:
            assert len(sub.sections) <= 16
