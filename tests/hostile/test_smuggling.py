"""ESC smuggled through every decoding layer, in every field: cleaned after the LAST one.

Each input is written here: a payload of terminal sequences, bidi and invisible
characters, spelled raw, as XML character references, as HTML entities inside
escaped HTML, as JSON \\u escapes or as UTF-7, placed in every field a view shows
(titles, bodies, captions, credits, related titles, sections, authors, names,
URLs). The whole parsed document must hold nothing unsafe, and markup-shaped
text must survive literally. tests/unit/test_clean.py proves the cleaner on
strings; this proves every parser calls it after its last decoding step.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from newsterm.core.model import Document
from newsterm.core.sources import load_paths, parse_bytes
from tests.support.payloads import BIDI, INVISIBLE, MARKUP, RAW_PAYLOAD, assert_clean

UNSAFE_CHARS = RAW_PAYLOAD + BIDI + INVISIBLE
MARKUP_TEXT = " ".join(MARKUP)


def _needs_reference(ch: str) -> bool:
    return ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in BIDI + INVISIBLE


def spell_raw(text: str) -> str:
    return escape(text)


def spell_hex(text: str) -> str:
    return "".join(f"&#x{ord(c):x};" if _needs_reference(c) else escape(c) for c in text)


def spell_dec(text: str) -> str:
    return "".join(f"&#{ord(c)};" if _needs_reference(c) else escape(c) for c in text)


def spell_named(text: str) -> str:
    """HTML named entities where they exist (&rlm; &zwj; …), else hex references."""
    named = {"\u200e": "&lrm;", "\u200f": "&rlm;", "\u200c": "&zwnj;", "\u200d": "&zwj;",
             "\u200b": "&ZeroWidthSpace;", "\u2060": "&NoBreak;"}  # fmt: skip
    return "".join(named.get(c) or spell_hex(c) for c in text)


SPELLINGS: dict[str, Callable[[str], str]] = {
    "raw": spell_raw,
    "xml-hex-ref": spell_hex,
    "xml-dec-ref": spell_dec,
}


def hostile(field: str) -> str:
    """One field's hostile text: a label, the markup, and every unsafe character."""
    return f"{field} {MARKUP_TEXT} {UNSAFE_CHARS} end"


def short_hostile(field: str) -> str:
    """For fields kept only when short (section names): still ESC, C1, bidi and markup."""
    return f"{field}[b]\x1b[31m\x1bc\x9b2J\u202e\u200b\U000e0041"


def html_fragment(spell: Callable[[str], str]) -> str:
    """An item body: paragraph, captioned figure with credit, and a related-stories box."""
    return (
        f"<p>{spell(hostile('Body'))}</p>"
        '<figure><img src="http://example.org/i.jpg" '
        f'alt="{spell(hostile("Alt"))}">'
        f"<figcaption>{spell(hostile('Caption'))} "
        f'<span class="credit">{spell(hostile("Credit"))}</span></figcaption></figure>'
        f"<h2>{spell(hostile('Heading'))}</h2>"
        f"<ul><li>{spell(hostile('Item'))}</li></ul>"
        f"<blockquote>{spell(hostile('Quote'))}</blockquote>"
        f"<pre>{spell(hostile('Code'))}</pre>"
        '<div class="related-stories"><h3>Related stories</h3><ul>'
        f'<li><a href="http://example.org/r">{spell(hostile("Related"))}</a></li></ul></div>'
        f'<p><a href="http://example.org/l{spell(chr(0x1B))}[31m">{spell(hostile("Link"))}</a></p>'
    )


def rss(spell: Callable[[str], str], body: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>{spell(hostile("Channel"))}</title><link>http://example.org/</link>
<item>
  <title>{spell(hostile("Title"))}</title>
  <link>http://example.org/story{spell(chr(0x1B) + "]8;;")}</link>
  <guid>{spell(hostile("Guid"))}</guid>
  <category>{spell(short_hostile("Section"))}</category>
  <dc:creator>{spell(hostile("Author"))}</dc:creator>
  <description>{escape(body)}</description>
  <enclosure url="http://example.org/a.mp3" type="{spell(hostile("Type"))}" length="1"/>
  <media:content url="http://example.org/lead.jpg" medium="image"/>
  <media:title>{spell(hostile("MediaCaption"))}</media:title>
  <media:credit>{spell(hostile("MediaCredit"))}</media:credit>
</item></channel></rss>""".encode()


def check(document: Document) -> None:
    shape = document.to_json()
    assert_clean(shape)
    [article] = document.articles
    for markup in MARKUP:
        assert markup in article.title, article.title
    assert "Title" in article.title and article.title.endswith("end")
    assert document.source.title.startswith("Channel")


@pytest.mark.parametrize("spelling", sorted(SPELLINGS))
def test_rss_fields_with_escapes_raw_or_as_xml_references(spelling: str) -> None:
    spell = SPELLINGS[spelling]
    document = parse_bytes(rss(spell, html_fragment(spell)))
    check(document)
    [article] = document.articles
    assert article.sections and article.sections[0].startswith("Section")
    assert article.authors and article.authors[0].startswith("Author")


def test_rss_body_with_html_entities_inside_escaped_html() -> None:
    """&amp;#x1b; is ESC only after the second decoding (XML, then HTML): clean after that."""
    for body_spell in (spell_hex, spell_dec, spell_named):
        document = parse_bytes(rss(spell_hex, html_fragment(body_spell)))
        check(document)
        text = json.dumps(document.to_json(), ensure_ascii=False)
        assert "Body" in text and "Caption" in text and "Related" in text


def test_atom_html_title_and_content_with_double_encoded_escapes() -> None:
    title = escape(f"<b>{spell_dec(hostile('Title'))}</b>")
    content = escape(html_fragment(spell_hex))
    channel = escape(spell_hex(hostile("Channel")))
    data = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">{channel}</title>
<entry><id>urn:x:{spell_hex(chr(0x1B))}c</id><title type="html">{title}</title>
<author><name>{spell_hex(hostile("Author"))}</name></author>
<category term="{spell_hex(short_hostile("Section"))}"/>
<link href="http://example.org/a"/><content type="html">{content}</content>
</entry></feed>""".encode()
    check(parse_bytes(data))


def test_json_feed_fields_with_u001b_escapes() -> None:
    item = {
        "id": hostile("Id"),
        "url": "http://example.org/j\u001b[31m",
        "title": hostile("Title"),
        "summary": hostile("Summary"),
        "content_html": html_fragment(spell_hex),
        "tags": [short_hostile("Section"), "ok"],
        "authors": [{"name": hostile("Author")}],
        "external_url": "http://example.org/ext",
        "attachments": [{"url": "http://example.org/a.mp3", "mime_type": hostile("Mime")}],
    }
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": hostile("Channel"),
        "items": [item, {**item, "id": "2", "content_html": "", "content_text": hostile("Text")}],
    }
    data = json.dumps(feed, ensure_ascii=True).encode()  # every control char as \u00XX
    assert b"\\u001b" in data and b"\x1b" not in data
    document = parse_bytes(data)
    assert_clean(document.to_json(), whole_sequences=True)
    assert document.articles[0].sections == ("Section[b]", "ok")
    assert all(m in document.articles[0].title for m in MARKUP)


def test_rss_in_json_with_u001b_escapes() -> None:
    data = json.dumps(
        {"rss": {"channel": {"title": hostile("Channel"), "item": [
            {"title": hostile("Title"), "description": html_fragment(spell_dec),
             "guid": {"#value": hostile("Guid")}, "link": "http://example.org/x"}]}}}
    ).encode()  # fmt: skip
    assert_clean(parse_bytes(data).to_json())


def test_utf7_declared_feed_smuggles_esc_as_plus_abs() -> None:
    """`+ABs-` is ESC in UTF-7; feedparser honours the declaration, so clean after it."""
    payload = "+ABs-]52;c;cHduZWQtY2xpcA==+AAc- +ABs-c +ABs-P+-q544e+ABsAXA- +ICo-"
    data = (
        '<?xml version="1.0" encoding="utf-7"?><rss version="2.0"><channel>'
        f"<title>Channel {payload}</title><item><title>Title {payload} [bold red]</title>"
        f"<description>Body {payload}</description><category>S {payload}</category>"
        "</item></channel></rss>"
    ).encode("ascii")
    document = parse_bytes(data)
    assert_clean(document.to_json())
    assert "[bold red]" in document.articles[0].title


def test_html_page_fields_with_entities_and_raw_escapes() -> None:
    for spell in (spell_raw, spell_hex, spell_named):
        page = f"""<!doctype html><html><head><title>{spell(hostile("Title"))}</title>
<meta name="author" content="{spell(hostile("Author"))}">
<meta property="og:site_name" content="{spell(hostile("Site"))}">
<meta property="og:title" content="{spell(hostile("Title"))}">
<link rel="canonical" href="https://example.org/page{spell(chr(0x1B))}[0m">
</head><body>
<nav class="breadcrumb"><a href="/">Home</a> › <a href="/s">{spell(hostile("Crumb"))}</a></nav>
<article><h1>{spell(hostile("Title"))}</h1>
<p class="byline">By {spell(hostile("Byline"))}</p>
{html_fragment(spell)}
<p>{"A long enough paragraph of ordinary words for the reader to keep. " * 8}</p>
</article></body></html>""".encode()
        document = parse_bytes(page, url="https://example.org/page")
        assert_clean(document.to_json())
        assert any(m in document.articles[0].title for m in MARKUP)


def test_html_page_declaring_utf7_cannot_smuggle_esc() -> None:
    page = (
        b'<html><head><meta charset="utf-7"><title>T +ABs-]52;c;eA==+AAc- [/]</title></head>'
        b"<body><article><h1>Heading +ABs-c</h1><p>"
        + b"Words +ABs-P+-q+ABsAXA- and more words for a paragraph. " * 10
        + b"</p></article></body></html>"
    )
    assert_clean(parse_bytes(page).to_json())


def text_article() -> str:
    return f"""Home › {hostile("Section")} › News

{hostile("Title")}

{hostile("Standfirst")}

By {hostile("Writer")}
Published 14 March 2024

{hostile("Paragraph")} and enough ordinary words to make a paragraph of the body text.

{hostile("Alt")}
{hostile("Caption")}
Photo: {hostile("Credit")}

Read also: {hostile("Related")} https://example.org/r{chr(0x1B)}[31m
"""


def test_text_article_fields_with_raw_escapes(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(text_article(), encoding="utf-8")
    loaded = load_paths([path])
    assert not loaded.errors
    [(_, document)] = loaded.documents
    assert_clean(document.to_json(), whole_sequences=True)
    article = document.articles[0]
    assert all(m in article.title for m in MARKUP)
    assert article.related and article.related[0].text.startswith("Related")


def test_file_names_with_escapes_are_clean_everywhere(tmp_path: Path) -> None:
    """A file name is source text too: it shows as the story's source and in error lines."""
    name = "name\x1b]52;c;cHduZWQtY2xpcA==\x07\x1bc\u202e[bold]"
    (tmp_path / f"{name}.txt").write_text("A Title\n\nA body paragraph of words.\n", "utf-8")
    (tmp_path / f"{name}.xml").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    loaded = load_paths(sorted(tmp_path.iterdir()))
    assert len(loaded.errors) == 1 and len(loaded.documents) == 1
    assert_clean(loaded.errors)
    assert "[bold]" in loaded.errors[0]
    assert_clean(loaded.documents[0][1].to_json())


def test_opml_names_sections_and_urls_with_escapes() -> None:
    for spell in (spell_raw, spell_hex, spell_dec):
        data = f"""<?xml version="1.0"?><opml version="2.0">
<head><title>{spell(hostile("List"))}</title></head>
<body><outline text="{spell(hostile("Folder"))}">
<outline text="{spell(hostile("Feed"))}" xmlUrl="http://example.org/f{spell(chr(0x1B))}[2J"
 htmlUrl="http://example.org/{spell(chr(0x9B))}31m"/></outline></body></opml>""".encode()
        document = parse_bytes(data)
        assert_clean(document.to_json())
        [subscription] = document.subscriptions
        assert subscription.sections and subscription.sections[0].startswith("Folder")
        assert "[link=file:///etc/passwd]x[/link]" in subscription.title
