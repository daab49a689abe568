"""Shapes of saved text that look like one part and are another (found in review):
the rules for related blocks, bylines, lists and quotes must not take the story's own
sentences. The full articles are in tests/conformance/test_text_articles.py.
"""

from __future__ import annotations

from newsterm.core.model import Article, Figure, Link, ListBlock, Paragraph, Quote
from newsterm.core.sources.text import parse_text_article

LEAD = "The council met on Tuesday evening to debate the plan, which has been discussed for years."


def parse(text: str) -> Article:
    [article] = parse_text_article(text.encode(), "story.txt").articles
    return article


def test_paragraphs_after_a_related_block_stay_in_the_story() -> None:
    article = parse(
        f"Bridge to close for repairs\n\n{LEAD}\n\nRelated stories:\n- Council approves bridge"
        " budget\n\nThe Old Mill bridge will close on Monday for six weeks.\n\n"
        "Buses will be diverted, the operator said.\n"
    )
    assert article.related == [Link("Council approves bridge budget")]
    assert article.summary == LEAD
    assert [b.text for b in article.blocks if isinstance(b, Paragraph)] == [
        "The Old Mill bridge will close on Monday for six weeks.",
        "Buses will be diverted, the operator said.",
    ]


def test_a_lead_pictures_credit_is_not_the_author() -> None:
    article = parse(
        "Floods hit York\n\nThe river burst its banks overnight.\n\n"
        f"Flood defences on the River Ouse in York\nPhoto: Jane Doe/AP\n\n{LEAD}\n\n{LEAD}\n"
    )
    assert article.authors == ()
    assert Figure(caption="Flood defences on the River Ouse in York", credit="Jane Doe/AP") in (
        article.blocks
    )


def test_bylines_with_a_dash_an_outlet_or_a_sentence() -> None:
    assert parse(f"Title\n\nBy Jane Doe - Staff Writer\n\n{LEAD}").authors == ("Jane Doe",)
    assert parse(f"Title\n\nBy Jane Doe for the Daily Mail\n\n{LEAD}").authors == ("Jane Doe",)
    assert parse(f"Title\n\nBy Jane Doe, BBC News\n\n{LEAD}").authors == ("Jane Doe",)
    sentence = parse(f"Title\n\nBy Tuesday, Mr Smith had resigned.\n\n{LEAD}\n\n{LEAD}")
    assert sentence.authors == ()


def test_a_dashed_line_is_an_attribution_or_a_wrap_not_a_list() -> None:
    article = parse(
        f"Title\n\n{LEAD}\n\n“We are not asking people to throw away less.”\n– Cllr Ann Okafor\n\n"
        "The plan was ready\n- though not yet funded - and would start in April.\n"
    )
    assert not any(isinstance(b, ListBlock) for b in article.blocks)
    assert Quote("“We are not asking people to throw away less.” – Cllr Ann Okafor") in (
        article.blocks
    )


def test_an_address_belongs_to_the_related_line_right_above_it_only() -> None:
    article = parse(
        f"Title\n\n{LEAD}\n\nRead also: Recycling centre to open on Sundays\n\n"
        "The calendar is online at\nhttps://harwick.example.org/bins\n"
    )
    assert article.related == [Link("Recycling centre to open on Sundays")]
    assert "https://harwick.example.org/bins" in article.blocks[-1].text  # type: ignore[union-attr]


def test_generic_labels_open_sentences() -> None:
    article = parse(f"Title\n\n{LEAD}\n\nMore: the full plans will be published in June.\n")
    assert article.related == []
