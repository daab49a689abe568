"""Plain-text articles: the seed page, and the variants real saved pages come in."""

from __future__ import annotations

from datetime import datetime

import pytest

from newsterm.core.model import Article, Figure, Heading, ListBlock, Paragraph
from newsterm.core.sources import SourceError, parse_bytes
from newsterm.core.sources.text import parse_date
from tests.conftest import SEED

BODY = (
    "The council met on Tuesday evening to debate the plan, which has been under "
    "discussion for more than two years. Members heard from residents and engineers."
)


def parse(text: str, encoding: str = "utf-8") -> Article:
    document = parse_bytes(text.encode(encoding), name="page.txt")
    assert document.source.kind == "text"
    assert len(document.articles) == 1
    return document.articles[0]


def test_seed_reads_as_designed() -> None:
    document = parse_bytes(SEED.read_bytes(), name=SEED.name)
    assert document.source.kind == "text"
    [article] = document.articles
    assert article.title == "Biden Urged Putin to De-escalate Tensions in Ukraine"
    assert article.sections == ("Updates", "Politics")
    assert article.summary is not None
    assert article.summary.startswith("President Biden urged Russian President Putin")
    headings = [b.text for b in article.blocks if isinstance(b, Heading)]
    for expected in (
        "Putin Warned that New Sanctions Could Shatter Ties with The U.S.",
        "January Geneva in-person Talks",
        "The Deputy Secretary of State Lead the U.S. Delegation to the January Talks",
    ):
        assert expected in headings
    [figure] = article.figures
    assert figure.caption == (
        "President Biden Urged President Putin to De-escalate Tensions in Ukraine"
    )
    assert figure.credit == "Web"
    paragraphs = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) >= 9
    assert paragraphs[0].startswith("Joe Biden, the President of the United States")
    assert not any("Source: Web" in p or "Read Also" in p for p in paragraphs)
    assert article.to_json()["related"] == [
        {"title": "The United States, Russia to Hold Security Talks on 10th January", "url": None}
    ]


@pytest.mark.parametrize(
    "breadcrumb",
    [
        "Home › World › Europe",
        "Home > World > Europe",
        "Home / World / Europe",
        "Home | World | Europe",
        "Home World Europe",
    ],
)
def test_breadcrumb_separators(breadcrumb: str) -> None:
    article = parse(f"{breadcrumb}\n\nBridge Plan Approved\n\nA short standfirst\n\n{BODY}\n")
    assert article.title == "Bridge Plan Approved"
    assert article.sections == ("World", "Europe")
    assert article.summary == "A short standfirst"


def test_separated_breadcrumb_ending_in_the_headline() -> None:
    article = parse(
        "Home › Science › Bridge Plan Approved\n\nBridge Plan Approved\n\n"
        f"Standfirst here\n\n{BODY}\n"
    )
    assert article.sections == ("Science",)
    assert article.title == "Bridge Plan Approved"


def test_no_breadcrumb_first_line_is_the_headline() -> None:
    article = parse(f"Bridge Plan Approved\n\nA short standfirst\n\n{BODY}\n")
    assert article.title == "Bridge Plan Approved"
    assert article.sections == ()
    assert article.blocks == [Paragraph(BODY)]


def test_headline_with_a_slash_is_not_a_breadcrumb() -> None:
    article = parse(f"Why 24/7 News Is Tiring\n\nA standfirst\n\n{BODY}\n")
    assert article.title == "Why 24/7 News Is Tiring"
    assert article.sections == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published 14 March 2024", datetime(2024, 3, 14)),
        ("Updated 2 November 2026 09:30", datetime(2026, 11, 2, 9, 30)),
        ("2026-11-20", datetime(2026, 11, 20)),
        ("Published: March 14, 2024", datetime(2024, 3, 14)),
        ("2026-11-20T10:15:00Z", datetime(2026, 11, 20, 10, 15)),
    ],
)
def test_date_lines(line: str, expected: datetime) -> None:
    article = parse(
        f"Home News\n\nHeadline Here\n\nStandfirst\n\nBy Ada Lovelace\n{line}\n\n{BODY}\n"
    )
    assert article.authors == ("Ada Lovelace",)
    assert article.published is not None
    assert article.published.replace(tzinfo=None) == expected
    assert article.blocks == [Paragraph(BODY)]


def test_absurd_date_is_not_a_date() -> None:
    assert parse_date("Published 14 March 99999") is None
    assert parse_date("The council met") is None


@pytest.mark.parametrize(
    "prefix", ["Source", "Photo", "Image", "Credit", "Picture", "Illustration"]
)
def test_figure_credit_prefixes(prefix: str) -> None:
    article = parse(
        f"Headline Here\n\nStandfirst\n\n{BODY}\n\n"
        f"Crowds on the quay\nThe crowd waits for the ferry\n{prefix}: Jo Bloggs\n\n"
        f"{BODY}\n"
    )
    assert article.figures == [
        Figure(None, "Crowds on the quay", "The crowd waits for the ferry", "Jo Bloggs")
    ]
    assert all(prefix not in getattr(b, "text", "") for b in article.blocks)


def test_several_figures_and_a_two_line_figure() -> None:
    article = parse(
        f"Headline Here\n\nStandfirst\n\n{BODY}\n\nA quiet harbour\nPhoto: A. Person"
        f"\n\n{BODY}\n\nThe map\nTide heights along the coast\nSource: Coast Trust\n"
    )
    assert [(f.alt, f.caption, f.credit) for f in article.figures] == [
        ("", "A quiet harbour", "A. Person"),
        ("The map", "Tide heights along the coast", "Coast Trust"),
    ]


@pytest.mark.parametrize("prefix", ["Read Also", "Read More", "Related", "See Also", "Also Read"])
def test_related_line_prefixes(prefix: str) -> None:
    article = parse(f"Headline Here\n\nStandfirst\n\n{BODY}\n\n{prefix}: Another Story Title\n")
    assert [(r.text, r.url) for r in article.related] == [("Another Story Title", None)]
    assert article.blocks == [Paragraph(BODY)]


def test_related_line_with_a_url() -> None:
    article = parse(
        f"Headline Here\n\nStandfirst\n\n{BODY}\n\n"
        "Related: Another Story https://example.org/another\n"
    )
    assert [(r.text, r.url) for r in article.related] == [
        ("Another Story", "https://example.org/another")
    ]


def test_crlf_line_endings() -> None:
    text = (
        f"Home News Politics Headline Here\r\n\r\nHeadline Here\r\n\r\nStandfirst\r\n\r\n{BODY}\r\n"
    )
    article = parse(text)
    assert article.sections == ("News", "Politics")
    assert article.blocks == [Paragraph(BODY)]


def test_cp1252_bytes() -> None:
    article = parse("Caf\u00e9 Owners\u2019 Plan Approved\n\nStandfirst\n\n" + BODY, "cp1252")
    assert article.title == "Caf\u00e9 Owners\u2019 Plan Approved"


def test_list_lines_become_a_list() -> None:
    article = parse(f"Headline Here\n\nStandfirst\n\n{BODY}\n\n- first point\n- second point\n")
    assert ListBlock(("first point", "second point")) in article.blocks


def test_empty_file_is_an_error() -> None:
    with pytest.raises(SourceError):
        parse_bytes(b"", name="empty.txt")
    with pytest.raises(SourceError):
        parse_bytes(b"\n\n  \r\n", name="blank.txt")
