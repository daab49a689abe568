"""A view marked `notify = true` says so when a refresh brings stories it lists: in the
reader, and on the desktop through the terminal; a view not marked says nothing."""

from __future__ import annotations

from pathlib import Path

from tests.support.benchkit import free_port, start_server, write_config
from tests.support.screen import make_app

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Quay Daily</title>
<item><title>Storm warning for the coast</title><guid>a</guid></item>
<item><title>Storm closes the ferry</title><guid>b</guid></item>
<item><title>Quiz night results</title><guid>c</guid></item>
</channel></rss>"""


async def test_a_watched_view_with_new_stories_is_announced(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (root / "quay.xml").write_text(FEED, encoding="utf-8")
    server = start_server(root, free_port())
    try:
        views = [
            {"name": "Storms", "query": "title:storm", "notify": True},
            {"name": "Quiz", "query": "title:quiz"},  # not watched: no notice
        ]
        write_config(tmp_path / "home", [{"url": server.url("quay.xml")}], view=views)
        app = make_app()
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            await pilot.press("R")
            await app.workers.wait_for_complete()
            await pilot.pause()
            notes = [note.message for note in app._notifications]
    finally:
        server.stop()
    assert "2 new stories in Storms" in notes
    assert not any("Quiz" in note for note in notes)
