"""Plain-text articles as people save them: every part read as a person reads it.

The articles under text_articles/ were written for these tests, each with what a reader
should recover written beside it by hand (text_articles/README.md says how). `tune/` is
what the parser was developed against; `held/` was kept aside and run once at the end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsterm.core.model import Article, Block, block_to_json
from newsterm.core.sources.text import parse_text_article

HERE = Path(__file__).parent / "text_articles"
TUNE = sorted((HERE / "tune").glob("*.txt"))
HELD = sorted((HERE / "held").glob("*.txt"))


def _block(block: Block) -> dict[str, Any]:
    """The block as `newsterm cat --json` prints it, less what plain text cannot hold."""
    shape = block_to_json(block)
    shape.pop("image", None)  # a saved page's text has no picture address
    shape.pop("ordered", None)  # the expected files list items alike
    return shape


def _expected_block(block: dict[str, Any]) -> dict[str, Any]:
    if block["kind"] == "figure":
        return {
            "kind": "figure",
            "alt": block.get("alt", ""),
            **{k: block[k] for k in ("caption", "credit")},
        }
    return block


def _published(article: Article) -> str | None:
    when = article.published
    if when is None:
        return None
    if (when.hour, when.minute) == (0, 0):
        return when.strftime("%Y-%m-%d")
    return when.strftime("%Y-%m-%dT%H:%M")


def differences(path: Path) -> list[str]:
    """Each part of the article that is not as the expected file says, one line each."""
    want = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    [article] = parse_text_article(path.read_bytes(), path.name).articles
    got = {
        "title": article.title,
        "sections": list(article.sections),
        "authors": list(article.authors),
        "published": _published(article),
        "summary": article.summary,
        "blocks": [_block(b) for b in article.blocks],
        "related": [{"title": link.text, "url": link.url} for link in article.related],
    }
    want["blocks"] = [_expected_block(b) for b in want["blocks"]]
    out = []
    for key, value in got.items():
        if value != want[key]:
            out.append(f"{key}: got {value!r}\n      want {want[key]!r}")
    return out


@pytest.mark.parametrize("path", TUNE, ids=[p.stem for p in TUNE])
def test_tuning_articles(path: Path) -> None:
    problems = differences(path)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", HELD, ids=[p.stem for p in HELD])
def test_held_aside_articles(path: Path) -> None:
    problems = differences(path)
    assert not problems, "\n".join(problems)
