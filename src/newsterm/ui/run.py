"""Choose the library for this run and start the reader."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsterm.config import Config
from newsterm.core.library import Library
from newsterm.core.model import Document
from newsterm.core.text.clean import clean_line
from newsterm.core.text.counted import counted

if TYPE_CHECKING:
    from newsterm.core.library.listed_feeds import ListedStories


def choose_library(sources: Sequence[str | Path], config: Config) -> tuple[Library, str | None]:
    """Sources named on the command line, else your library, else (first run) the bundled demo.

    Also returns the story to open at start: the first source's, when that
    source is a single article (`newsterm article.txt other.txt`).
    """
    if not sources:
        if config.feeds or config.sources or config.paths.library_file.exists():
            library = Library.open_file(
                config.paths.library_file,
                config.feeds,
                config.sources,
                wait=config.library_wait,
                on_wait=_say,
            )
            return library, None
        return Library.demo(), None
    from newsterm.core.net.named_sources import load_named

    names = [str(source) for source in sources]
    first = load_named(names[:1], fetch_timeout=config.fetch_timeout)
    rest = load_named(names[1:], fetch_timeout=config.fetch_timeout)
    errors = first.errors + rest.errors
    documents: list[Document] = []
    lists: list[ListedStories] = []
    for shown, document in first.documents + rest.documents:
        if document.subscriptions and not document.articles:
            lists.append(_list_stories(shown, document, config, errors))
            document = Document(document.source, lists[-1].articles)
        documents.append(document)
    first_articles = [a for _, doc in first.documents for a in doc.articles]
    origin = ", ".join(Path(n).name or n for n in names[:3]) + (" …" if len(names) > 3 else "")
    library = Library.from_documents(documents, origin=origin, errors=errors)
    for story_id in {s for found in lists for s in found.read}:  # marks from your library
        library.mark_read(story_id)
    for story_id in {s for found in lists for s in found.starred}:
        library.toggle_star(story_id)
    single = not Path(names[0]).is_dir() and len(first_articles) == 1
    return library, first_articles[0].id if single else None


def _list_stories(shown: str, listed: Document, config: Config, errors: list[str]) -> ListedStories:
    """An OPML list reads as the stories its subscribed feeds brought, marks and all."""
    from newsterm.core.library.listed_feeds import listed_stories

    found = listed_stories(listed.subscriptions, config.feeds, config.paths.library_file)
    if problem := found.problem(shown):
        errors.append(problem)
    return found


def run_reader(sources: Sequence[str]) -> int:
    config = Config.load()
    library, open_story = choose_library(sources, config)
    if sources and not library.count():
        for error in [*config.errors, *library.errors]:
            print(f"newsterm: {error}", file=sys.stderr)
        if len(library.errors) == len(config.errors):  # else the lines above said why
            named = ", ".join(clean_line(source) for source in sources)
            print(f"newsterm: nothing to read in {named}", file=sys.stderr)
        return 1
    from newsterm.ui.app import NewstermApp

    NewstermApp(library, config, open_story=open_story).run()
    return _save_marks_left(library, config)


def _save_marks_left(library: Library, config: Config) -> int:
    """Marks the reader could not save (the library was busy) get the command line's wait;
    1, with one line, if they still cannot be saved."""
    if not library.pending:
        return 0
    library.wait_for_writers(config.library_wait, _say)
    waiting = len(library.pending)
    left = library.save_pending()
    if left:
        _say(f"{counted(left, 'read or starred mark')} not saved: {library.why_pending}")
        return 1
    _say(f"saved {counted(waiting, 'mark')} made while the library was busy")
    return 0


def _say(line: str) -> None:
    print(f"newsterm: {line}", file=sys.stderr)
