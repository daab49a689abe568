"""`newsterm cat SOURCE... [--json] [--width N]`: print stories from files, `-` or addresses."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from functools import partial

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.text import Text

from newsterm.commands.output import console, error, write
from newsterm.config import DEFAULT_FETCH_TIMEOUT, Config
from newsterm.core.model import Document
from newsterm.core.net.named_sources import is_address, load_named
from newsterm.render import article_renderable


def run(options: argparse.Namespace) -> int:
    stdin = sys.stdin.buffer if sys.stdin is not None else None
    loaded = load_named(options.sources, fetch_timeout=fetch_timeout(options.sources), stdin=stdin)
    for problem in loaded.errors:
        error(problem)
    for shown, document in loaded.documents:
        for warning in document.warnings:  # stories were read: a note, not a failure
            error(f"{shown}: {warning}")
    documents = [doc for _, doc in loaded.documents]
    if not any(doc.articles or doc.subscriptions for doc in documents):
        if not loaded.errors:
            error("no stories in " + ", ".join(map(str, options.sources)))
        return 1
    if options.json:
        shapes = [doc.to_json() for doc in documents]
        json.dump(
            shapes[0] if len(shapes) == 1 else shapes, sys.stdout, ensure_ascii=False, indent=2
        )
        sys.stdout.write("\n")
    else:
        out = console(options.width)
        for part in _printed(documents):  # a story at a time: never all the output at once
            write(out, partial(_print, part))
    return 1 if loaded.errors else 0


def fetch_timeout(names: list[str]) -> float:
    """The config's fetch deadline, read only when an address is named (files need none)."""
    if not any(is_address(name) for name in names):
        return DEFAULT_FETCH_TIMEOUT
    config = Config.load()
    for problem in config.errors:
        error(problem)
    return config.fetch_timeout


def _printed(documents: list[Document]) -> Iterator[RenderableType]:
    """What to print, one story or subscription at a time, stories ruled apart."""
    first = True
    for document in documents:
        for article in document.articles:
            story = article_renderable(article)
            yield story if first else Group(Rule(style="dim"), story)
            first = False
        for subscription in document.subscriptions:
            sections = " › ".join(subscription.sections)
            where = f"{sections}: " if sections else ""
            yield Text(f"{where}{subscription.title} <{subscription.url}>")


def _print(part: RenderableType, out: Console) -> None:
    out.print(part)
