"""Choose the library for this run and start the reader."""

from __future__ import annotations

import sys
from pathlib import Path

from newsterm.config import Config
from newsterm.core.library import Library


def choose_library(sources: list[Path], config: Config) -> tuple[Library, str | None]:
    """Sources named on the command line, else your library, else (first run) the bundled demo.

    Also returns the story to open at start: the first source's, when that
    source is a single article (`newsterm article.txt other.txt`).
    """
    if not sources:
        if config.feeds or config.sources or config.paths.library_file.exists():
            library = Library.open_file(config.paths.library_file, config.feeds, config.sources)
            return library, None
        return Library.demo(), None
    from newsterm.core.sources import load_paths

    first, rest = load_paths(sources[:1]), load_paths(sources[1:])
    first_articles = [a for _, doc in first.documents for a in doc.articles]
    documents = [doc for _, doc in first.documents + rest.documents]
    origin = ", ".join(p.name for p in sources[:3]) + (" …" if len(sources) > 3 else "")
    library = Library.from_documents(documents, origin=origin, errors=first.errors + rest.errors)
    single = sources[0].is_file() and len(first_articles) == 1
    return library, first_articles[0].id if single else None


def run_reader(sources: list[Path]) -> int:
    config = Config.load()
    library, open_story = choose_library(sources, config)
    if sources and not library.count():
        for error in [*config.errors, *library.errors]:
            print(f"newsterm: {error}", file=sys.stderr)
        print("newsterm: nothing to read in " + ", ".join(map(str, sources)), file=sys.stderr)
        return 1
    from newsterm.ui.app import NewstermApp

    NewstermApp(library, config, open_story=open_story).run()
    return 0
