"""`newsterm related [SOURCE...] [--json]`: every story with the same event in other
outlets and similar stories, computed from the library (or from the named sources)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

from newsterm.commands.output import console, error, write
from newsterm.commands.settings import loaded_config
from newsterm.core.library import Library, Listed

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

BACKLOG_BATCH = 2000
WHOLE_LINE = 4096


def run(options: argparse.Namespace) -> int:
    library = _named(options.sources) if options.sources else _own()
    if library is None:
        return 1
    try:
        stories = list(library.related_listing())
    finally:
        library.close()
    if not stories:
        error("no stories in " + (", ".join(options.sources) or "the library"))
        return 1
    if options.json:
        json.dump({"stories": [_shape(s) for s in stories]}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        out = console()
        if not out.is_terminal:
            out.width = WHOLE_LINE  # a pipe keeps every line whole, for grep
        write(out, lambda out: _print(out, stories))
    return 0


def _named(sources: list[str]) -> Library | None:
    """The named files, folders and addresses, read as `newsterm SOURCE...` reads them."""
    from newsterm.commands.cat import fetch_timeout
    from newsterm.core.net.named_sources import load_named

    stdin = sys.stdin.buffer if sys.stdin is not None else None
    loaded = load_named(sources, fetch_timeout=fetch_timeout(sources), stdin=stdin)
    for problem in loaded.errors:
        error(problem)
    if loaded.errors and not loaded.documents:
        return None
    return Library.from_documents([doc for _, doc in loaded.documents])


def _own() -> Library:
    """The person's library, every story in it matched first (a library an earlier
    newsterm stored has stories not matched yet)."""
    config = loaded_config()
    library = Library.open_file(config.paths.library_file)
    waiting = library.backlog()
    done = 0
    while waiting and done < waiting and library.match_backlog(BACKLOG_BATCH):
        done = min(waiting, done + BACKLOG_BATCH)
        error(f"finding related stories: {done:,} of {waiting:,}")
    return library


def _shape(story: Listed) -> dict[str, object]:
    return {
        "id": story.id,
        "guid": story.guid,
        "url": story.url,
        "title": story.title,
        "same_event": [{"id": i, "score": round(s, 3)} for i, s in story.same_event],
        "similar": [{"id": i, "score": round(s, 3)} for i, s in story.similar],
    }


def _print(out: Console, stories: list[Listed]) -> None:
    from rich.text import Text  # Rich loads only to print for people, never for --json

    titles = {story.id: (story.title, story.source) for story in stories}
    alone = 0
    for story in stories:
        if not story.same_event and not story.similar:
            alone += 1
            continue
        out.print(Text(story.title, style="bold") + _source(story.source))
        for label, found in (("same event", story.same_event), ("similar", story.similar)):
            for line in _entries(label, found, titles):
                out.print(line, no_wrap=True, overflow="ellipsis")  # one line an entry
    out.print(Text(f"{alone:,} of {len(stories):,} stories have no related story.", style="dim"))


def _entries(
    label: str, found: list[tuple[str, float]], titles: dict[str, tuple[str, str]]
) -> Iterator[Text]:
    from rich.text import Text

    for other, score in found:
        title, source = titles.get(other, ("", ""))
        yield Text(f"  {label} {score:.2f}  ", style="dim") + Text(title) + _source(source)


def _source(source: str) -> Text:
    from rich.text import Text

    return Text(f" · {source}", style="dim") if source else Text("")
