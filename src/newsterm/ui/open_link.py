"""Opening a story's link in the browser: only a link that passed the check, exactly as checked.

The link is cleaned and checked (http, https, mailto, no control characters), then
handed to the browser as one argument, never through a shell.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsterm.core.text.clean import clean_url
from newsterm.core.text.urls import refusal_to_open


@dataclass(frozen=True, slots=True)
class Opened:
    line: str
    """For the status line: what was opened, or why not."""
    to_copy: str | None = None
    """The link, whole, when no browser could show it: to copy by hand."""


def open_link(url: str | None) -> Opened:
    refusal = refusal_to_open(url)
    if refusal or url is None:
        return Opened(refusal or "This story has no link.")
    safe = clean_url(url) or ""  # exactly what was checked, one argument, no shell
    import webbrowser  # loaded on first use, not before the first paint

    if webbrowser.open(safe, new=2):
        return Opened(f"Opened {safe}")
    # Nothing could show it (no browser here, or it failed): the status line may cut
    # the link short, so it is also given whole, to copy.
    return Opened(f"No browser could be started; copy the link: {safe}", to_copy=safe)
