"""The `newsterm` command: the reader by default, and headless subcommands beside it.

Parsing only; each subcommand lives in `newsterm.commands`. Textual is
imported only when the reader runs, so the headless commands start fast.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsterm import __version__

if TYPE_CHECKING:
    import argparse

    Handler = Callable[[argparse.Namespace], int]


def _commands() -> argparse.ArgumentParser:
    import argparse  # not for the bare reader: every import delays its first paint

    from newsterm.arguments import age, positive_int

    parser = argparse.ArgumentParser(prog="newsterm", description="A terminal news reader.")
    parser.add_argument("--version", action="version", version=f"newsterm {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    cat = sub.add_parser("cat", help="print stories from files, folders, feeds or OPML lists")
    cat.add_argument(
        "sources", nargs="+", metavar="SOURCE", help="a file, a folder, an http(s) address, or -"
    )
    cat.add_argument("--json", action="store_true", help="print the document model as JSON")
    cat.add_argument("--width", type=positive_int, metavar="N", help="wrap text at N columns")

    refresh = sub.add_parser("refresh", help="refresh every subscription")
    refresh.add_argument("--json", action="store_true", help="print results as JSON")
    refresh.add_argument(
        "--force", action="store_true", help="fetch feeds even when their server said to wait"
    )

    add = sub.add_parser("add", help="subscribe to a feed (or a page that links to one)")
    add.add_argument("url")
    add.add_argument("--section", metavar="NAME", help='section, nested with "/": News/Local')
    add.add_argument(
        "--no-check",
        dest="check",
        action="store_false",
        help="do not fetch the URL to check it or find its feed",
    )
    add.add_argument(
        "--on-server", action="store_true", help="subscribe the [account] on its sync server"
    )

    remove = sub.add_parser("remove", help="unsubscribe (starred stories are kept)")
    remove.add_argument("url")
    remove.add_argument(
        "--on-server", action="store_true", help="unsubscribe the [account] on its sync server"
    )

    listing = sub.add_parser("list", help="list subscriptions and how their last refresh went")
    listing.add_argument("--json", action="store_true", help="print subscriptions as JSON")

    opml_in = sub.add_parser("import", help="subscribe to every feed of an OPML list")
    opml_in.add_argument("file", type=Path)

    sub.add_parser("export", help="print subscriptions as OPML 2.0")

    search = sub.add_parser("search", help="search the library")
    search.add_argument("query", nargs="+")
    search.add_argument("--json", action="store_true")
    search.add_argument(
        "--limit", type=positive_int, default=20, metavar="N", help="show the best N stories (20)"
    )

    related = sub.add_parser(
        "related", help="every story with the same event elsewhere and similar stories"
    )
    related.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="files, folders or addresses (default: the library)",
    )
    related.add_argument("--json", action="store_true", help="print results as JSON")

    login = sub.add_parser("login", help="sync with an aggregator server (TT-RSS, Fever)")
    login.add_argument(
        "kind", choices=["ttrss", "fever", "greader", "miniflux"], help="the server's API"
    )
    login.add_argument(
        "url", help="TT-RSS's address (https://rss.example/tt-rss/) or Fever's (…/fever/)"
    )
    login.add_argument("user")
    login.add_argument(
        "--password-command", nargs="+", metavar="WORD", help="a program that prints it"
    )
    login.add_argument(
        "--password-env", default="NEWSTERM_PASSWORD", metavar="NAME", help="else this variable"
    )

    mark_read = sub.add_parser("mark-read", help="mark stories read: a feed's, a section's, old")
    mark_read.add_argument("--feed", metavar="URL", help="the stories of this subscription")
    mark_read.add_argument("--section", metavar="NAME", help='a section and below: "News/Local"')
    mark_read.add_argument(
        "--older-than", type=age, metavar="AGE", help="stories older than this: 12h, 7d, 2w"
    )
    mark_read.add_argument("--all", action="store_true", help="every story in the library")
    return parser


HANDLERS: dict[str, str] = {
    "cat": "cat",
    "refresh": "refresh",
    "add": "add",
    "remove": "remove",
    "list": "list_feeds",
    "import": "import_opml",
    "export": "export_opml",
    "search": "search",
    "related": "related",
    "mark-read": "mark_read",
    "login": "login",
}
"""Each subcommand's module in newsterm.commands; its `run` does the work."""
COMMANDS = frozenset(HANDLERS)
# The commands that open the library file (and so may have to upgrade it first).
LIBRARY_COMMANDS = frozenset(
    {"refresh", "add", "remove", "list", "import", "export", "search", "related", "mark-read"}
)
# A first word that could be a mistyped command: no dot, slash or colon, as file names have.
_COMMAND_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


def _handler(command: str) -> Handler:
    """Import only the command that runs: a warm refresh should not load the parsers."""
    module = importlib.import_module(f"newsterm.commands.{HANDLERS[command]}")
    handler: Handler = module.run
    return handler


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        options = _commands().parse_args(args)
        try:
            if options.command in LIBRARY_COMMANDS:
                _upgrade_library()
            return _handler(options.command)(options)
        except BrokenPipeError:  # `newsterm cat … | head` is a normal way to read
            sys.stderr.close()
            return 0
        except Exception as error:
            return _refuse(error)
        except KeyboardInterrupt:
            return 130
    sources: list[str] = _reader_sources(args) if args else []
    from newsterm.ui.run import run_reader

    try:
        _upgrade_library()  # before the reader takes the screen, where these lines show
        return run_reader(sources)
    except Exception as error:
        return _refuse(error)


def _upgrade_library() -> None:
    """Upgrade a library an earlier version wrote, saying how far it is on stderr."""
    from newsterm.config import Paths
    from newsterm.core.library.upgrade import upgrade_library

    notice = upgrade_library(Paths.discover().library_file, _say)
    if notice:
        _say(notice)


def _say(line: str) -> None:
    print(f"newsterm: {line}", file=sys.stderr, flush=True)


def _reader_sources(args: list[str]) -> list[str]:
    """The files, folders and addresses to read; a mistyped command is a usage error."""
    import argparse

    from newsterm.core.text.clean import clean_line

    reader = argparse.ArgumentParser(
        prog="newsterm",
        description="Open the reader (on your library, or on these sources).",
        epilog="Commands: " + ", ".join(sorted(COMMANDS)) + " (newsterm --help)",
    )
    reader.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="files, folders, OPML lists or http(s) addresses to read instead of your library",
    )
    sources: list[str] = reader.parse_args(args).sources
    if "-" in sources:
        reader.error("the reader takes its keys from standard input: use `newsterm cat -`")
    if sources and _COMMAND_LIKE.fullmatch(sources[0]) and not os.path.lexists(sources[0]):
        reader.error(f"{clean_line(sources[0])}: no such command or file")
    return sources


def _refuse(error: Exception) -> int:
    """A library that cannot be used costs one line and status 2, never a traceback."""
    from newsterm.core.library import StoreError

    if not isinstance(error, StoreError):
        raise error
    print(f"newsterm: {error}", file=sys.stderr)
    return 2
