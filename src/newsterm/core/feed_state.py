"""How a subscription is doing, in one line a person can act on.

Every subscription has a state, stories or not: never fetched, OK when last
checked, or failing since the first failure of the current run of them, with
the reason (which names the address and, for HTTP, the status). The section
list and `newsterm list` both show it, so a broken feed can be seen and removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from newsterm.core.model import Subscription

if TYPE_CHECKING:
    from newsterm.core.store import FeedRow

Health = Literal["never", "ok", "failing"]


@dataclass(frozen=True, slots=True)
class FeedState:
    url: str
    title: str
    """The subscription's own title, else the feed's, else empty."""
    sections: tuple[str, ...]
    checked_at: float | None = None
    last_status: str | None = None
    error: str | None = None
    failing_since: float | None = None

    @classmethod
    def of(cls, feed: Subscription, stored: FeedRow | None) -> FeedState:
        if stored is None:
            return cls(feed.url, feed.title, feed.sections)
        return cls(
            feed.url,
            feed.title or stored.title,
            feed.sections,
            stored.checked_at,
            stored.last_status,
            stored.last_error,
            stored.failing_since,
        )

    @property
    def name(self) -> str:
        return self.title or self.url

    @property
    def path(self) -> tuple[str, ...]:
        """The section its stories are filed under: its folder, then the feed itself."""
        return (*self.sections, self.name)

    @property
    def health(self) -> Health:
        if self.last_status == "error":
            return "failing"
        return "ok" if self.checked_at is not None else "never"

    def line(self, now: datetime | None = None) -> str:
        """`never fetched`, `OK at 09:12`, `failing since 2 Dec 09:12: HTTP 404 … for URL`."""
        if self.health == "never":
            return "never fetched"
        if self.health == "failing":
            since = self.failing_since or self.checked_at
            reason = self.error or "unknown error"
            if self.url not in reason:  # say which address, as an HTTP status line does
                reason += f" ({self.url})"
            return f"failing since {_when(since, now)}: {reason}"
        return f"OK at {_when(self.checked_at, now)}"


def _when(timestamp: float | None, now: datetime | None) -> str:
    """Local time: the time today, the day and time this year, the full date before."""
    if timestamp is None:
        return "an unknown time"
    moment = datetime.fromtimestamp(timestamp).astimezone()
    today = (now or datetime.now()).astimezone()
    if moment.date() == today.date():
        return moment.strftime("%H:%M")
    if moment.year == today.year:
        return f"{moment.day} {moment:%b %H:%M}"
    return f"{moment.day} {moment:%b %Y %H:%M}"
