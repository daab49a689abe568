"""The demo library's pictures, shipped with newsterm: read from the package, not fetched.

The demo's stories name their pictures under the reserved domain demo.newsterm.example,
which no network serves; its pictures were drawn for newsterm and ship in
samples/images/, so the demo shows them offline on a first run.
"""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["bundled_picture"]

_DEMO_DOMAIN = "demo.newsterm.example"


def bundled_picture(url: str) -> bytes | None:
    """The shipped picture for a demo address (by its file name only), else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host != _DEMO_DOMAIN and not host.endswith("." + _DEMO_DOMAIN):
        return None
    if not parts.path.startswith("/images/"):
        return None
    name = parts.path.rsplit("/", 1)[-1]
    if not name or name.startswith(".") or "\\" in name:
        return None
    from importlib import resources  # only for a demo picture

    picture = resources.files("newsterm") / "samples" / "images" / name
    try:
        return picture.read_bytes()
    except OSError:
        return None
