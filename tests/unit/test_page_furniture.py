"""What a page prints around its story, kept out of it: datelines, labels, share bars,
decorative pictures, teaser furniture, credits said twice. Cases written from the shapes
real pages use (the corpus pages are checked whole in tests/conformance/test_articles.py).
"""

from __future__ import annotations

import pytest

from newsterm.core.model import Figure, Link, Paragraph
from newsterm.core.sources.html.blocks import html_to_blocks
from newsterm.core.sources.html.furniture import is_furniture
from newsterm.core.sources.html.images import meaningful_alt
from newsterm.core.sources.html.page import parse_html_page
from newsterm.core.text.credits import credit_line
from newsterm.core.text.datelines import is_dateline, without_trailing_date

BASE = "https://news.example.com/world/story-1"


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("24 July 2015", True),
        ("08.04.2015 12:46", True),
        ("Updated 4 hours ago", True),
        ("2/26/2015 7:11 AM PST", True),
        ("Published: Sept. 30, 2024 10:15 ET", True),
        ("Mittwoch, 8. April 2015, 12:46 Uhr", True),
        ("May the best team win", False),
        ("In 2019 he won the cup", False),
        ("Apollo 11", False),
    ],
)
def test_a_dateline_is_only_a_date(text: str, dated: bool) -> None:
    assert is_dateline(text) is dated


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        (
            "Obama urges UK to stay in European Union 4 hours ago",
            "Obama urges UK to stay in European Union",
        ),
        (
            "Offer to Take Sudan Off Terrorist List NOV. 7, 2010",
            "Offer to Take Sudan Off Terrorist List",
        ),
        ("Coach shot during match 0:46", "Coach shot during match"),
        ("Top 10", "Top 10"),
        ("Pictures of the Day: 21 November 2017", "Pictures of the Day: 21 November 2017"),
        ("Plans for May", "Plans for May"),
        ("Euro 2024", "Euro 2024"),
        ("The best films of 2023", "The best films of 2023"),
    ],
)
def test_a_teaser_title_loses_its_date(title: str, kept: str) -> None:
    assert without_trailing_date(title) == kept


@pytest.mark.parametrize(
    "line",
    [
        "From the section US & Canada",
        "941 comments",
        "Advertisement",
        "Continue reading the main story",
        "Share this article",
        "Facebook | Twitter | Email | Share",
        "[What you need to know to start the day: Get City Today in your inbox.]",
        "Story continues below advertisement",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council will share the cost with the county.",
        "Sign up was slow, officials said, because the newsletter went out late.",
        "Comments from residents filled the hall.",
    ],
)
def test_sentences_are_not_furniture(line: str) -> None:
    assert not is_furniture(line)


@pytest.mark.parametrize(
    ("alt", "kept"),
    [
        ("update_graphic_red_bar", False),
        ("0225-singer-getty-01", False),
        ("DSC_4482", False),
        ("Slide1", False),
        ("2017-11-02 00.07.52", False),
        ("image", False),
        ("line", False),
        ("Trade-In", True),
        ("A flooded street in the old town", True),
    ],
)
def test_alt_text_must_describe(alt: str, kept: bool) -> None:
    assert (meaningful_alt(alt, "https://cdn.example.com/p/photo.jpg") == alt) is kept


def test_pictures_nothing_describes_are_not_figures() -> None:
    html = (
        "<p>Story text here.</p>"
        '<img src="https://cdn.example.com/line976.jpg" alt="line" height="2" width="464">'
        '<img src="https://cdn.example.com/a.jpg">'
        '<img src="https://cdn.example.com/icons/share.png" alt="Share on Facebook">'
        '<figure><img src="https://cdn.example.com/b.jpg" alt="IMG_2041"></figure>'
        '<img src="https://cdn.example.com/c.jpg" alt="Rescuers at the quarry">'
    )
    blocks, _ = html_to_blocks(html, BASE)
    assert blocks == [
        Paragraph("Story text here."),
        Figure(image="https://cdn.example.com/c.jpg", alt="Rescuers at the quarry"),
    ]


def test_credit_is_labelled_once() -> None:
    assert (
        credit_line("Photograph: Sam Morris/Getty Images") == "Photograph: Sam Morris/Getty Images"
    )
    assert credit_line("Illustration by Jo Lee") == "Illustration by Jo Lee"
    assert credit_line("Sam Morris/Getty Images") == "Credit: Sam Morris/Getty Images"


PAGE = """<html><head><title>Quarry rescue</title>
<meta property="og:description" content="Three walkers were lifted out on Sunday after a rockfall.">
</head><body><article><h1>Quarry rescue</h1>
<p>Three walkers were lifted out on Sunday after a rockfall, the coastguard said today.</p>
<p>12.03.2024 14:05</p>
<p>Rescuers worked through the night in heavy rain to reach the group, who had sheltered
in a cave.</p>
<img src="https://cdn.example.com/quarry.jpg" alt="Rescuers at the quarry">
<p>Rescuers at the quarry on Sunday. | Photo: Jane Roe/Coast News</p>
<p>Related: <a href="https://news.example.com/uk/cliff-path-closed-2">Cliff path closed after
storm</a></p>
<p>The walkers were treated for cold and released the same evening, a hospital
spokesperson said.</p>
<p>Continue reading the main story</p>
<div class="related-links"><h3><a class="label" href="/uk/">More on the coast</a></h3>
<a href="https://news.example.com/uk/lifeboat-crews-honoured-3"><span class="kicker">Video</span>
<span class="title">Lifeboat crews honoured</span> <time>2 hours ago</time></a></div>
</article></body></html>"""


def test_a_page_keeps_its_story_and_nothing_around_it() -> None:
    [article] = parse_html_page(PAGE.encode(), BASE).articles
    texts = [block.text for block in article.blocks if isinstance(block, Paragraph)]
    assert texts == [
        "Three walkers were lifted out on Sunday after a rockfall, the coastguard said today.",
        "Rescuers worked through the night in heavy rain to reach the group, who had sheltered"
        " in a cave.",
        "The walkers were treated for cold and released the same evening, a hospital"
        " spokesperson said.",
    ]
    assert article.summary is None, "the description only copied the lead"
    assert article.figures == [
        Figure(
            image="https://cdn.example.com/quarry.jpg",
            alt="Rescuers at the quarry",
            caption="Rescuers at the quarry on Sunday.",
            credit="Jane Roe/Coast News",
        )
    ]
    assert article.related == [
        Link("Cliff path closed after storm", "https://news.example.com/uk/cliff-path-closed-2"),
        Link("Lifeboat crews honoured", "https://news.example.com/uk/lifeboat-crews-honoured-3"),
    ]


def test_what_only_looks_like_furniture_stays() -> None:
    html = (
        "<p>Auch auf der Insel Rügen wurden am Montag mehrere Häuser evakuiert, sagte die"
        " Polizei.</p>"
        "<p>More: the council will publish its full plans in June, a spokesman said.</p>"
        '<figure><img src="https://cdn.example.com/pm.jpg" alt="Boris Johnson"></figure>'
        "<p>Boris Johnson said on Tuesday he would stand down as leader this summer.</p>"
        "<h2>The first 100 days</h2><p>Posted in 1916, the letter never arrived.</p>"
    )
    page = f"<html><body><article><h1>Headline</h1>{html}</article></body></html>"
    [article] = parse_html_page(page.encode(), BASE).articles
    texts = [getattr(block, "text", "") for block in article.blocks]
    assert "Boris Johnson said on Tuesday he would stand down as leader this summer." in texts
    assert "The first 100 days" in texts and "Posted in 1916, the letter never arrived." in texts
    assert any(t.startswith("Auch auf der Insel") for t in texts)
    assert any(t.startswith("More: the council") for t in texts)
    assert article.related == []
