"""Zero-width joiners: spelling inside words and emoji, hiding places everywhere else.

ZWNJ (U+200C) and ZWJ (U+200D) change how Persian and Hindi words are spelled and
hold emoji sequences together, so a person must read them as the source wrote them;
at a word's edge, in a run, beside another invisible character or in a URL they show
nothing and only make two different strings look the same.
"""

from __future__ import annotations

import pytest

from newsterm.core.sources import parse_bytes
from newsterm.core.text.clean import clean_line, clean_text, clean_url, normalise_title

ZWNJ, ZWJ = "\u200c", "\u200d"

KEPT = {
    "persian-i-want": f"می{ZWNJ}خواهم",  # mi-khāham: the prefix is joined, not spaced
    "persian-books": f"کتاب{ZWNJ}ها",
    "hindi-half-form": f"क्{ZWJ}ष",  # KA, VIRAMA, ZWJ, SSA: the half form of KA
    "hindi-explicit-virama": f"क्{ZWNJ}ष",
    "technologist": f"\U0001f469{ZWJ}\U0001f4bb",  # woman + laptop: one emoji
    "family": f"\U0001f468{ZWJ}\U0001f469{ZWJ}\U0001f467",
    "heart-on-fire": f"\u2764\ufe0f{ZWJ}\U0001f525",  # after the emoji variation selector
    "skin-tone": f"\U0001f469\U0001f3fd{ZWJ}\U0001f4bb",  # after a skin-tone modifier
}


@pytest.mark.parametrize("word", KEPT.values(), ids=KEPT.keys())
def test_a_joiner_inside_a_word_or_emoji_is_kept(word: str) -> None:
    line = f"Title with {word} inside"
    assert clean_line(line) == line
    assert clean_text(f"{line}\nand more") == f"{line}\nand more"


@pytest.mark.parametrize("word", KEPT.values(), ids=KEPT.keys())
def test_a_page_keeps_the_joiners_of_its_words(word: str) -> None:
    """As a person meets it: an HTML page, joiners raw and as entities, through `parse_bytes`."""
    spelled = word.replace(ZWNJ, "&zwnj;").replace(ZWJ, "&#x200d;")
    page = (
        f"<html><head><title>News {word}</title></head><body><article><h1>News {spelled}</h1>"
        f"<p>The story says {word} and {spelled} in one paragraph of a real sentence.</p>"
        "</article></body></html>"
    ).encode()
    [article] = parse_bytes(page).articles
    assert article.title == f"News {word}"
    body = " ".join(getattr(block, "text", "") for block in article.blocks)
    assert f"says {word} and {word} in" in body


HIDDEN = {
    "start-of-word": (f"a {ZWNJ}word here", "a word here"),
    "end-of-word": (f"a word{ZWJ} here", "a word here"),
    "between-spaces": (f"a {ZWNJ} b", "a b"),
    "start-of-text": (f"{ZWJ}word", "word"),
    "end-of-text": (f"word{ZWNJ}", "word"),
    "run-of-two": (f"ab{ZWNJ}{ZWNJ}cd", "abcd"),
    "mixed-run": (f"ab{ZWJ}{ZWNJ}{ZWJ}cd", "abcd"),
    "beside-zero-width-space": (f"ab\u200b{ZWNJ}cd", "abcd"),
    "beside-bidi-override": (f"ab{ZWJ}\u202ecd", "abcd"),
    "before-punctuation": (f"word{ZWNJ}.", "word."),
}


@pytest.mark.parametrize(("text", "shown"), HIDDEN.values(), ids=HIDDEN.keys())
def test_a_joiner_that_only_hides_something_is_removed(text: str, shown: str) -> None:
    assert clean_line(text) == shown
    assert clean_text(text) == shown


def test_no_joiner_survives_in_a_url() -> None:
    assert clean_url(f"https://pay{ZWNJ}pal.example/log{ZWJ}in") == "https://paypal.example/login"
    page = (
        "<html><body><article><h1>Links</h1><p>A paragraph long enough to be the story, with "
        f'<a href="https://pay{ZWNJ}pal.example/a{ZWJ}b">a link</a> inside it.</p>'
        "</article></body></html>"
    ).encode()
    [article] = parse_bytes(page).articles
    assert [link.url for link in article.links] == ["https://paypal.example/ab"]


def test_titles_with_and_without_a_joiner_match() -> None:
    assert normalise_title(f"کتاب{ZWNJ}ها") == normalise_title("کتابها")
