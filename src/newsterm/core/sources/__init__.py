"""Bytes in, model objects out: every kind of story source newsterm reads.

`parse_bytes` is pure (no I/O); `load_paths` reads files and directories and
turns each unreadable one into one line of error instead of an exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from newsterm.core.model import Document
from newsterm.core.sources.budget import parse_deadline
from newsterm.core.sources.feeds import parse_feed, parse_json_feed
from newsterm.core.sources.html.page import parse_html_page
from newsterm.core.sources.local_file import read_local_file
from newsterm.core.sources.opml import parse_opml
from newsterm.core.sources.sniff import detect_format
from newsterm.core.sources.text import parse_text_article
from newsterm.core.text.clean import clean_line
from newsterm.core.text.tracking import scrub

MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_DIRECTORY_FILES = 5000


class SourceError(ValueError):
    """One source could not be read; the message is one line, fit to show a person."""


@dataclass(slots=True)
class Loaded:
    """What a set of paths gave: documents by where they came from, and one line per failure."""

    documents: list[tuple[str, Document]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def parse_bytes(
    data: bytes,
    *,
    url: str | None = None,
    name: str = "",
    defer_blocks: bool = False,
    feeds_only: bool = False,
) -> Document:
    """Detect the format from the bytes and parse them; raise SourceError with one line.

    `feeds_only` refuses anything but a feed before parsing it: a refresh that got a
    page or a text has nothing to store, and should say "not a feed", not why the
    page would not read as a story.
    """
    try:
        with parse_deadline():
            kind = detect_format(data)
            if feeds_only and kind not in ("feed", "jsonfeed"):
                raise SourceError(f"not a feed (looks like {kind})")
            if kind == "feed":
                document = parse_feed(data, url, defer_blocks=defer_blocks)
            elif kind == "jsonfeed":
                document = parse_json_feed(data, url)
            elif kind == "opml":
                document = parse_opml(data, url)
            elif kind == "html":
                document = parse_html_page(data, url)
            else:
                document = parse_text_article(data, name)
    except SourceError:
        raise
    except RecursionError:
        raise SourceError("too deeply nested to read") from None
    except MemoryError:
        raise SourceError("too large to read") from None
    except Exception as error:  # noqa: BLE001 - hostile input must cost one line, never the app
        message = clean_line(str(error))[:200] or type(error).__name__
        raise SourceError(message) from error
    if not document.articles and not document.subscriptions and kind != "feed":
        raise SourceError("no stories in it")
    return scrub(document)


def load_paths(paths: Iterable[Path]) -> Loaded:
    loaded = Loaded()
    for path in paths:
        add_path(loaded, path)
    return loaded


def add_path(loaded: Loaded, path: Path) -> None:
    """A file or a folder (every readable file in it); each failure costs one line."""
    if path.is_dir():
        _load_directory(path, loaded)
    else:
        _load_file(path, loaded)


def add_stream(loaded: Loaded, stream: BinaryIO, shown: str = "standard input") -> None:
    """Bytes from an open stream (standard input for `-`), within the same size limit."""
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        loaded.errors.append(f"{shown}: {error.strerror or 'cannot be read'}")
        return
    add_bytes(loaded, shown, data)


def add_bytes(
    loaded: Loaded, shown: str, data: bytes, *, url: str | None = None, name: str = ""
) -> None:
    """Parse bytes read from `shown` (a path, a URL) into `loaded`, or one line of error."""
    if len(data) > MAX_FILE_BYTES:
        loaded.errors.append(f"{shown}: larger than {MAX_FILE_BYTES // 2**20} MB, not read")
        return
    try:
        document = parse_bytes(data, url=url, name=name or shown)
    except SourceError as error:
        loaded.errors.append(f"{shown}: {error}")
        return
    loaded.documents.append((shown, document))


def _load_directory(directory: Path, loaded: Loaded) -> None:
    try:
        files = sorted(
            p
            for p in directory.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(directory).parts)
        )
    except OSError as error:
        loaded.errors.append(f"{directory}: {error.strerror or error}")
        return
    if not files:
        loaded.errors.append(f"{directory}: no files in this folder")
    for path in files[:MAX_DIRECTORY_FILES]:
        _load_file(path, loaded)
    if len(files) > MAX_DIRECTORY_FILES:
        loaded.errors.append(f"{directory}: only the first {MAX_DIRECTORY_FILES} files were read")


def _load_file(path: Path, loaded: Loaded) -> None:
    shown = clean_line(str(path))
    try:
        data = read_local_file(path, MAX_FILE_BYTES)
    except OSError as error:
        loaded.errors.append(f"{shown}: {error.strerror or 'cannot be read'}")
        return
    add_bytes(loaded, shown, data, name=path.name)
