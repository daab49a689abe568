"""HTML fragments become safe plain-text blocks; hostile markup costs nothing."""

from __future__ import annotations

import time

from newsterm.core.model import Code, Figure, Heading, Link, ListBlock, Paragraph, Quote
from newsterm.core.sources.html.blocks import html_to_blocks

BASE = "https://example.com/news/story.html"


def test_paragraphs_collapse_inline_text_and_drop_empty_ones() -> None:
    blocks, _ = html_to_blocks("<p>Hello\n   <b>big</b>  <i>world</i></p><p> </p><p></p>")
    assert blocks == [Paragraph("Hello big world")]


def test_br_inside_a_paragraph_is_a_line_break() -> None:
    blocks, _ = html_to_blocks("<p>one<br>two</p>")
    assert blocks == [Paragraph("one\ntwo")]


def test_headings_quotes_lists_and_code() -> None:
    html = """
      <h1>Top</h1><h3>Sub <em>head</em></h3>
      <blockquote><p>First said.</p><p>Second said.</p></blockquote>
      <ul><li>apple</li><li>pear <ul><li>nested</li></ul></li></ul>
      <ol><li>one</li><li>two</li></ol>
      <pre>def f():\n    return 1</pre>
    """
    blocks, _ = html_to_blocks(html)
    assert blocks == [
        Heading("Top"),
        Heading("Sub head"),
        Quote("First said."),
        Quote("Second said."),
        ListBlock(("apple", "pear", "nested"), ordered=False),
        ListBlock(("one", "two"), ordered=True),
        Code("def f():\n    return 1"),
    ]


def test_figure_with_marked_up_credit() -> None:
    html = """<figure><img src="/img/cat.jpg" alt="A cat">
      <figcaption>A cat on a mat. <span class="credit">Photo: Jane Doe/AP</span></figcaption>
    </figure>"""
    blocks, _ = html_to_blocks(html, BASE)
    assert blocks == [
        Figure(
            image="https://example.com/img/cat.jpg",
            alt="A cat",
            caption="A cat on a mat.",
            credit="Jane Doe/AP",
        )
    ]


def test_figure_credit_in_small_cite_or_itemprop() -> None:
    for credit_html in (
        "<small>Reuters</small>",
        "<cite>Reuters</cite>",
        '<span itemprop="copyrightHolder">Reuters</span>',
    ):
        blocks, _ = html_to_blocks(
            f'<figure><img src="a.jpg"><figcaption>Crowds. {credit_html}</figcaption></figure>',
            BASE,
        )
        assert blocks == [
            Figure(image="https://example.com/news/a.jpg", caption="Crowds.", credit="Reuters")
        ], credit_html


def test_figure_trailing_credit_phrases() -> None:
    cases = {
        "Crowds gather. Photograph: Jane Doe/Getty Images": (
            "Crowds gather.",
            "Jane Doe/Getty Images",
        ),
        "Crowds gather (Getty Images)": ("Crowds gather", "Getty Images"),
        "Crowds gather. (Photo John Smith. AFP)": ("Crowds gather.", "John Smith. AFP"),
        "Crowds gather. Credit: STR/AFP": ("Crowds gather.", "STR/AFP"),
        "A plain caption (with an aside)": ("A plain caption (with an aside)", ""),
    }
    for text, (caption, credit) in cases.items():
        blocks, _ = html_to_blocks(
            f"<figure><img src='x.jpg'><figcaption>{text}</figcaption></figure>", BASE
        )
        figure = blocks[0]
        assert isinstance(figure, Figure)
        assert (figure.caption, figure.credit) == (caption, credit), text


def test_screen_reader_labels_stay_out_of_captions() -> None:
    html = (
        '<figure><img src="v.jpg"><figcaption><span class="off-screen">Media caption</span>'
        " Obama speaks</figcaption></figure>"
    )
    blocks, _ = html_to_blocks(html, BASE)
    assert isinstance(blocks[0], Figure) and blocks[0].caption == "Obama speaks"


def test_lone_image_becomes_a_figure_with_alt() -> None:
    blocks, _ = html_to_blocks('<p>Text</p><img src="//cdn.example.com/p.png" alt="A chart">', BASE)
    assert blocks == [
        Paragraph("Text"),
        Figure(image="https://cdn.example.com/p.png", alt="A chart"),
    ]


def test_tracking_pixels_are_dropped() -> None:
    html = """<p>Story</p>
      <img src="http://feeds.feedburner.com/~r/Example/~4/abcdef" height="1" width="1">
      <img src="https://pixel.wp.com/g.gif?blog=1">
      <img src="https://stats.example.org/count.gif">
      <img src="https://ad.doubleclick.net/ddm/trackimp/x">
      <img src="https://example.com/spacer.gif" width="0" height="0">"""
    blocks, _ = html_to_blocks(html, BASE)
    assert blocks == [Paragraph("Story")]


def test_links_are_absolute_deduplicated_and_safe() -> None:
    html = """<p><a href="/about">About</a> <a href="other.html">Other</a>
      <a href="javascript:alert(1)">evil</a> <a href="JavaScript:alert(1)">evil2</a>
      <a href="data:text/html,hi">data</a> <a href="mailto:ed@example.com">Mail</a>
      <a href="https://example.com/about">About again</a> <a href="#top">top</a></p>"""
    _, links = html_to_blocks(html, BASE)
    assert links == [
        Link("About", "https://example.com/about"),
        Link("Other", "https://example.com/news/other.html"),
        Link("Mail", "mailto:ed@example.com"),
    ]


def test_relative_links_without_a_base_are_dropped() -> None:
    _, links = html_to_blocks('<a href="/x">x</a><a href="https://a.example/y">y</a>')
    assert links == [Link("y", "https://a.example/y")]


def test_scripts_styles_forms_and_nav_are_dropped() -> None:
    html = """<nav><a href="/">Home</a></nav><script>alert(1)</script><style>p{}</style>
      <p>Kept</p><form><input value="x">Sign up</form><aside>Ad</aside>
      <iframe src="https://evil.example"></iframe><noscript>Enable JS</noscript>"""
    blocks, links = html_to_blocks(html, BASE)
    assert blocks == [Paragraph("Kept")]
    assert links == []


def test_escape_entities_are_removed_after_decoding() -> None:
    html = "<p>red&#x1b;[31m alert&#27;]0;title&#7; &#x202e;evil &#x9b;2J done</p>"
    blocks, _ = html_to_blocks(html)
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    text = blocks[0].text
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "\x9b" not in text and "[31m" not in text
    assert text.startswith("red") and text.endswith("done")


def test_markup_lookalikes_stay_literal_text() -> None:
    blocks, _ = html_to_blocks("<p>&lt;b&gt;[bold]x[/bold]</p>")
    assert blocks == [Paragraph("<b>[bold]x[/bold]")]


def test_deep_nesting_does_not_crash() -> None:
    html = "<div>" * 5000 + "<p>deep</p>" + "</div>" * 5000 + "<p>after</p>"
    blocks, _ = html_to_blocks(html)
    assert isinstance(blocks, list)
    nested_inline = "<span><b>" * 5000 + "x" + "</b></span>" * 5000
    blocks, _ = html_to_blocks(nested_inline)
    assert isinstance(blocks, list)


def test_megabyte_single_line_is_fast() -> None:
    html = "<p>" + "word " * 210_000 + "</p>"
    started = time.perf_counter()
    blocks, _ = html_to_blocks(html)
    assert time.perf_counter() - started < 5
    assert len(blocks) == 1 and isinstance(blocks[0], Paragraph)
    assert blocks[0].text.count("word") == 210_000


def test_empty_and_junk_input() -> None:
    assert html_to_blocks("") == ([], [])
    assert html_to_blocks("   ") == ([], [])
    assert html_to_blocks("\x00\x00") == ([], [])
    blocks, _ = html_to_blocks("plain text, no tags")
    assert blocks == [Paragraph("plain text, no tags")]


def test_paragraphs_inside_a_list_item_or_caption_keep_their_words_apart() -> None:
    """The reader shows what search indexes: two paragraphs in one item are two words."""
    html = (
        "<ul><li><p>alpha</p><p>beta</p></li><li>un<b>believ</b>able</li></ul>"
        '<figure><img src="http://x.example/a.jpg">'
        "<figcaption><p>Harbour</p><p>Lighthouse</p></figcaption></figure>"
    )
    blocks, _ = html_to_blocks(html, "http://x.example/")
    items = next(b for b in blocks if isinstance(b, ListBlock)).items
    caption = next(b for b in blocks if isinstance(b, Figure)).caption
    assert items == ("alpha beta", "unbelievable")
    assert caption.split() == ["Harbour", "Lighthouse"]
