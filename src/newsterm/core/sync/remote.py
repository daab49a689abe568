"""What a server holds, as every backend hands it over: its feeds, its stories and
their marks, and the one line that says why it could not."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from typing import Protocol

from newsterm.core.model import Mark


class SyncError(Exception):
    """The server could not be used: one line for a person (wrong password, API off,
    server down). The library keeps working without it."""

    def __init__(self, message: str, *, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline
        """No network reached the server: the library is as last synced."""


@dataclass(frozen=True, slots=True)
class RemoteFeed:
    id: str
    title: str
    url: str
    """The feed's own address: the library's feed for its stories."""
    folder: str
    """The server's folder for it, a section here ("" when none)."""


@dataclass(frozen=True, slots=True)
class RemoteItem:
    id: str
    feed_id: str
    title: str
    url: str | None
    html: str
    author: str
    published: float | None
    read: bool
    starred: bool


@dataclass(frozen=True, slots=True)
class RemoteMarks:
    """Which of the server's stories are unread and which starred, right now."""

    unread: frozenset[str]
    starred: frozenset[str]


@dataclass(frozen=True, slots=True)
class MarkChange:
    item: str
    mark: Mark
    value: bool


class Backend(Protocol):
    """One server API. Each call raises SyncError with one line when it cannot."""

    async def check(self) -> None:
        """The account is accepted (a wrong password is a SyncError)."""

    async def feeds(self) -> list[RemoteFeed]: ...

    def items_since(self, since: str | None) -> AsyncIterator[list[RemoteItem]]:
        """The stories after `since` (None: all the server keeps), a page at a time,
        oldest first."""
        ...

    async def items(self, ids: Iterable[str]) -> list[RemoteItem]:
        """These stories, those the server still has."""
        ...

    async def marks(self) -> RemoteMarks: ...

    def point(self, page: list[RemoteItem]) -> str:
        """Where the next sync asks stories since, once this page is kept."""
        ...

    async def push(self, changes: list[MarkChange]) -> None: ...

    async def subscribe(self, url: str, folder: str) -> str:
        """Subscribe the account to the feed at `url`, in `folder` ("" for none); a note
        for the person when the folder could not be had ("" when all went as asked)."""
        ...

    async def unsubscribe(self, feed: RemoteFeed) -> None: ...
