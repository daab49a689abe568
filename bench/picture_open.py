"""Opening a story with 5 pictures, in the app with Pilot: with the pictures in the disk
cache (decoded again each time), against the same story with pictures off.

Issue 16's budget: no more than 2× the time without pictures. Prints `name: value` lines.

    python bench/picture_open.py WORKDIR
"""

from __future__ import annotations

import asyncio
import io
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from newsterm.config import Config, Paths
from newsterm.core.images.cache import ImageCache
from newsterm.core.library import Library
from newsterm.core.model import Article, Document, Figure, Paragraph, SourceInfo
from newsterm.ui.app import NewstermApp
from newsterm.ui.pictures import PictureShelf
from newsterm.ui.screens.main import MainScreen

RUNS = 7
PICTURES = 5


def _photo(seed: int) -> bytes:
    """A 1200 × 800 JPEG with detail in it, as a news photograph is."""
    image = Image.effect_mandelbrot((1200, 800), (-2.0 + seed * 0.1, -1.0, 1.0, 1.0), 60)
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def _story() -> Article:
    blocks: list[Paragraph | Figure] = []
    for n in range(PICTURES):
        blocks += [Paragraph(" ".join(["word"] * 200))] * 1
        blocks.append(Figure(image=f"https://cdn.example/photo-{n}.jpg", caption=f"Photo {n}"))
    return Article(title="A story with five pictures", guid="pictures", blocks=blocks)


async def _open_times(app: NewstermApp, story_id: str, shelf: PictureShelf | None) -> list[float]:
    """Seconds to open the story until its pictures are drawn (None: with pictures off)."""
    took = []
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.images_on = shelf is not None
        screen._shelf = shelf  # the bench's cache: this run's library keeps none of its own
        for _ in range(RUNS):
            if shelf is not None:
                shelf._decoded.clear()  # from the disk cache each time, decoded again
            began = time.perf_counter()
            screen.open_story(story_id)
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            took.append(time.perf_counter() - began)
            screen.history.back()
    return took


async def measure(work: Path) -> None:
    os.environ["NEWSTERM_HOME"] = str(work)
    paths = Paths.discover()
    config = Config(paths=paths)
    cache = ImageCache(paths.cache_dir / "images", config.image_cache_mb * 2**20)
    story = _story()
    for n in range(PICTURES):
        cache.put(f"https://cdn.example/photo-{n}.jpg", _photo(n))
    library = Library.from_documents([Document(SourceInfo("rss"), [story])])
    without = await _open_times(NewstermApp(library, config), story.id, None)
    with_pictures = await _open_times(
        NewstermApp(library, config), story.id, PictureShelf(cache, 20)
    )
    a, b = statistics.median(without), statistics.median(with_pictures)
    lines = [
        f"open a story with {PICTURES} pictures off (median of {RUNS}): {a * 1000:.1f} ms",
        f"open it with its {PICTURES} pictures from the disk cache: {b * 1000:.1f} ms",
        f"pictures cost: {b / a:.2f}× (budget 2×)",
    ]
    print("\n".join(lines))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    out = Path(__file__).resolve().parent / "results" / f"{stamp}-picture-open.md"
    out.write_text(
        f"# Opening a story with pictures, {stamp} UTC\n\n"
        + "\n".join(f"- {x}" for x in lines)
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    asyncio.run(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/newsterm-picture-bench")))
