"""`newsterm search QUERY [--json] [--limit N]`: full-text search, title matches first."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from newsterm.commands.output import console, error, write
from newsterm.commands.settings import loaded_config
from newsterm.core.library import Library
from newsterm.core.library.snippet import HIT_END, HIT_START
from newsterm.core.model import SearchHit

if TYPE_CHECKING:
    from rich.console import Console


def run(options: argparse.Namespace) -> int:
    config = loaded_config()  # the library is found without the file: a broken one is a warning
    library = Library.open_file(config.paths.library_file)
    try:
        hits = library.search(" ".join(options.query), options.limit)
    finally:
        library.close()
    if options.json:
        rows = [
            {
                "id": h.headline.id,
                "title": h.headline.title,
                "url": h.headline.url,
                "source": h.headline.source,
                "snippet": h.snippet.replace(HIT_START, "").replace(HIT_END, ""),
            }
            for h in hits
        ]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif hits:
        write(console(), lambda out: _print_hits(out, hits))
    else:
        error("no stories match " + " ".join(options.query))
    return 0 if hits else 1


def _print_hits(out: Console, hits: list[SearchHit]) -> None:
    from rich.text import Text  # Rich loads only to print for people, never for --json

    from newsterm.render import format_date, highlighted

    for number, hit in enumerate(hits, 1):
        meta = " · ".join(
            p for p in (hit.headline.source, format_date(hit.headline.published)) if p
        )
        out.print(
            Text.assemble(
                (f"{number}. ", "bold"),
                (hit.headline.title, "bold"),
                (f"  {meta}" if meta else "", "dim"),
            )
        )
        out.print(Text("   ").append_text(highlighted(hit.snippet)), soft_wrap=False)
