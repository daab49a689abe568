"""In-app timings with Pilot: opening a 5,000-word story; holding `down` through 10,000 rows.

Prints `name: value` lines for bench/run.py. Run alone: python bench/ui_bench.py WORKDIR
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_library import story  # noqa: E402

from newsterm.config import Config, Paths  # noqa: E402
from newsterm.core.library import Library  # noqa: E402
from newsterm.core.model import Document, Paragraph, SourceInfo  # noqa: E402
from newsterm.ui.app import NewstermApp  # noqa: E402
from newsterm.ui.screens.main import MainScreen  # noqa: E402
from newsterm.ui.widgets.headline_list import HeadlineList  # noqa: E402

ROWS = 10_000
PRESSES = 200


def library() -> tuple[Library, str]:
    import random

    rng = random.Random(7)
    start = datetime(2026, 11, 1, tzinfo=UTC)
    stories = [story(rng, n, start) for n in range(ROWS)]
    long = story(rng, ROWS, start)
    long.title = "A story of five thousand words"
    long.blocks = [Paragraph(" ".join(["word"] * 100)) for _ in range(50)]
    stories.insert(0, long)
    return Library.from_documents([Document(SourceInfo("rss"), stories)]), long.id


async def measure(work: Path) -> None:
    os.environ["NEWSTERM_HOME"] = str(work)
    lib, long_id = library()
    app = NewstermApp(lib, Config(paths=Paths.discover()))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MainScreen)
        opens = []
        for _ in range(5):
            began = time.perf_counter()
            screen.open_story(long_id)
            await pilot.pause()
            opens.append(time.perf_counter() - began)
            screen.history.back()
        print(f"open a 5,000-word story (median of 5): {statistics.median(opens) * 1000:.1f} ms")
        headlines = screen.query_one(HeadlineList)
        headlines.focus()
        await pilot.pause()
        per_key: dict[str, float] = {}
        per_key_cpu: dict[str, float] = {}
        for label, start_row in (("top", 0), ("middle", ROWS // 2), ("bottom", ROWS - PRESSES)):
            headlines.cursor = start_row
            await pilot.pause()
            began, cpu = time.perf_counter(), time.process_time()
            for _ in range(PRESSES // 4):
                await pilot.press("down", "down", "down", "down")
            await pilot.pause()
            per_key[label] = (time.perf_counter() - began) / PRESSES * 1000
            per_key_cpu[label] = (time.process_time() - cpu) / PRESSES * 1000
        print(
            "hold down through 10,000 rows, ms per keypress incl. Pilot's idle waits "
            "(top / middle / bottom): " + " / ".join(f"{v:.1f}" for v in per_key.values())
        )
        print(
            "hold down through 10,000 rows, CPU ms per keypress (top / middle / bottom): "
            + " / ".join(f"{v:.1f}" for v in per_key_cpu.values())
        )


if __name__ == "__main__":
    asyncio.run(measure(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/newsterm-ui-bench")))
