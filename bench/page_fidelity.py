"""How the 20 saved article pages read: the per-page table for the reading-fidelity work.

Not a timing: body word-F1 against Readability's output (raw, and with Readability's own
furniture lines taken out as the conformance test lists them), figures without words,
captioned figures, credits, related stories and furniture left in the body. Run it on
two trees to compare them; the newsterm it measures is the first one on the path:

    PYTHONPATH=.:src python bench/page_fidelity.py
    PYTHONPATH=.:/path/to/old/src python bench/page_fidelity.py --label before
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

from tests.conformance.test_articles import ARTICLES, NAMES, READABILITY_FURNITURE
from tests.support import page_scores

import newsterm
from newsterm.core.model import Article, Heading, ListBlock, Paragraph
from newsterm.core.sources.html.page import parse_html_page

HERE = Path(__file__).resolve().parent


def _load(module: str, path: Path) -> ModuleType:
    """A module of this tree by its file, whichever tree's newsterm is being measured."""
    if module in sys.modules:
        return sys.modules[module]
    spec = importlib.util.spec_from_file_location(module, path)
    assert spec is not None and spec.loader is not None
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[module] = loaded
    spec.loader.exec_module(loaded)
    return loaded


def _furniture_left(article: Article) -> int:
    """Body lines that this tree's furniture rules would take out (on either tree's output)."""
    src = HERE.parent / "src" / "newsterm" / "core"
    _load("newsterm.core.text.datelines", src / "text" / "datelines.py")
    is_furniture = _load("_furniture", src / "sources" / "html" / "furniture.py").is_furniture
    count = 0
    for block in article.blocks:
        if isinstance(block, Paragraph | Heading):
            count += is_furniture(block.text)
        elif isinstance(block, ListBlock):
            count += sum(is_furniture(item) for item in block.items)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="now")
    args = parser.parse_args()
    source = Path(newsterm.__file__).resolve().parents[1]
    commit = subprocess.run(
        ["git", "-C", str(source), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    rows = []
    raw, curated = [], []
    for name in NAMES:
        expected = ARTICLES / f"{name}.expected.html"
        article = parse_html_page((ARTICLES / f"{name}.source.html").read_bytes(), None).articles[0]
        old = page_scores.body_f1(article, expected)
        want = page_scores.without_lines(
            page_scores.expected_prose(expected), READABILITY_FURNITURE.get(name, ())
        )
        body = page_scores.f1(
            page_scores.words(page_scores.prose_text(article)), page_scores.words(want)
        )
        raw.append(old)
        curated.append(body)
        figures = article.figures
        rows.append(
            f"| {name} | {old:.3f} | {body:.3f} | {len(figures)} "
            f"| {len(page_scores.empty_figures(article))} "
            f"| {sum(1 for f in figures if f.caption)} | {sum(1 for f in figures if f.credit)} "
            f"| {len(article.related)} | {_furniture_left(article)} |"
        )
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    lines = [
        f"# Article pages, {args.label} ({commit or 'working tree'}), {stamp} UTC",
        "",
        "F1 (raw): every block, captions included, against all of Readability's text (the"
        " measure before this table existed). Body F1: blocks without figures against"
        " Readability's text without its figures and furniture (tests/conformance).",
        "",
        "| page | F1 (raw) | body F1 | figures | without words | captioned | credited "
        "| related | furniture lines |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
        f"| **median** | {statistics.median(raw):.3f} | {statistics.median(curated):.3f} "
        "| | | | | | |",
        f"| **lowest** | {min(raw):.3f} | {min(curated):.3f} | | | | | | |",
    ]
    out = HERE / "results" / f"{stamp}-page-fidelity-{args.label}.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
