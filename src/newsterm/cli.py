"""The `newsterm` command: the reader by default, and headless subcommands beside it."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.text import Text

from newsterm import __version__
from newsterm.core.model import Document

SUBCOMMANDS = ("cat",)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsterm",
        description="A terminal news reader. With no command, opens the reader.",
        epilog="Commands: cat SOURCE... [--json] [--width N]. "
        "With SOURCE paths and no command, the reader opens them as this run's library.",
    )
    parser.add_argument("--version", action="version", version=f"newsterm {__version__}")
    return parser


def _cat_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsterm cat",
        description="Print stories from files, folders, feeds or OPML lists.",
    )
    parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE")
    parser.add_argument("--json", action="store_true", help="print the document model as JSON")
    parser.add_argument(
        "--width",
        type=int,
        default=None,
        metavar="N",
        help="wrap text at N columns (default: the terminal's width)",
    )
    return parser


def _reader_parser() -> argparse.ArgumentParser:
    parser = _parser()
    parser.add_argument(
        "sources",
        nargs="*",
        type=Path,
        metavar="SOURCE",
        help="files, folders or OPML lists to read instead of your library",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        try:
            return cat(_cat_parser().parse_args(args[1:]))
        except BrokenPipeError:  # `newsterm cat … | head` is a normal way to read
            sys.stderr.close()
            return 0
    options = _reader_parser().parse_args(args)
    from newsterm.ui.run import run_reader  # Textual loads only when the reader runs

    return run_reader(options.sources)


def cat(options: argparse.Namespace) -> int:
    from newsterm.core.sources import load_paths

    loaded = load_paths(options.sources)
    for error in loaded.errors:
        print(f"newsterm: {error}", file=sys.stderr)
    stories = sum(len(doc.articles) for _, doc in loaded.documents)
    if not stories and not any(doc.subscriptions for _, doc in loaded.documents):
        if not loaded.errors:
            print(
                "newsterm: no stories in " + ", ".join(map(str, options.sources)), file=sys.stderr
            )
        return 1
    if options.json:
        documents = [doc.to_json() for _, doc in loaded.documents]
        json.dump(
            documents[0] if len(documents) == 1 else documents,
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
    else:
        console = Console(width=options.width, highlight=False, emoji=False, markup=False)
        with console.capture() as captured:
            _print_documents(console, [doc for _, doc in loaded.documents])
        output = captured.get()
        if not console.is_terminal:  # a pipe gets plain lines, without the padding
            output = "\n".join(line.rstrip() for line in output.splitlines()) + "\n"
        sys.stdout.write(output)
    return 1 if loaded.errors else 0


def _print_documents(console: Console, documents: list[Document]) -> None:
    from newsterm.render import article_renderable

    first = True
    for document in documents:
        for article in document.articles:
            if not first:
                console.rule(style="dim")
            console.print(article_renderable(article))
            first = False
        for subscription in document.subscriptions:
            sections = " › ".join(subscription.sections)
            where = f"{sections}: " if sections else ""
            console.print(Text(f"{where}{subscription.title} <{subscription.url}>"))
