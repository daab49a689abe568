"""Pictures in the reader: above their captions, fetched from 127.0.0.1 without cookies or
a referrer, a failed one replaced by one line, `i` to hide them, a starred story's kept
for offline reading after the server is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from newsterm.core.library.store import Store
from newsterm.core.model import Article, Figure, Paragraph
from newsterm.ui.widgets.article_view import ArticleView
from newsterm.ui.widgets.headline_list import HeadlineList
from tests.support.libraries import write_stories
from tests.support.picture_server import png, serving_pictures
from tests.support.screen import main_screen, make_app, screen_text

BODY = "The harbour wall was rebuilt over the summer, the council said on Monday."


def _feed(tmp_path: Path, red: str, missing: str) -> Path:
    html = (
        f"<p>{BODY}</p>"
        f'<figure><img src="{red}" alt="A red boat on the slipway">'
        "<figcaption>The new lifeboat</figcaption></figure>"
        f'<figure><img src="{missing}" alt="The old harbour wall in the rain">'
        "<figcaption>The old wall</figcaption></figure>"
    )
    path = tmp_path / "harbour.xml"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>'
        "<item><title>Harbour wall rebuilt</title><link>https://harbour.example/1</link>"
        f"<description><![CDATA[{html}]]></description></item></channel></rss>",
        encoding="utf-8",
    )
    return path


async def _opened(pilot: Pilot[None], story_id: str) -> None:
    """Open the story and wait until its pictures have come (or failed)."""
    main_screen(pilot.app).open_story(story_id)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _picture_rows(app: object) -> list[str]:
    return [line for line in screen_text(app).splitlines() if "▀" in line]  # type: ignore[arg-type]


@pytest.mark.parametrize("size", [(120, 60), (70, 60)], ids=["wide", "narrow"])
async def test_a_picture_shows_above_its_caption_and_a_failed_one_says_why(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    with serving_pictures({"/red.png": png((200, 20, 20))}) as server:
        feed = _feed(tmp_path, server.url("/red.png"), server.url("/gone.png"))
        app = make_app(feed)
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            text = screen_text(app)
            rows = _picture_rows(app)
            assert len(rows) >= 4, text
            lines = text.splitlines()
            first_picture = next(i for i, line in enumerate(lines) if "▀" in line)
            caption = next(i for i, line in enumerate(lines) if "The new lifeboat" in line)
            assert first_picture < caption
            assert "picture not shown: HTTP 404" in text or "picture not shown" in text
            assert "The old wall" in text  # a failed picture keeps its caption

            await pilot.press("i")
            await pilot.pause()
            assert _picture_rows(app) == []
            assert "The new lifeboat" in screen_text(app)
        assert {path for path, _ in server.requests} == {"/red.png", "/gone.png"}
        for _, headers in server.requests:
            lowered = {key.lower() for key in headers}
            assert "cookie" not in lowered and "referer" not in lowered


async def test_a_starred_storys_picture_reads_offline(isolated_home: Path, tmp_path: Path) -> None:
    with serving_pictures({"/boat.png": png((20, 160, 40))}) as server:
        story = Article(
            title="Lifeboat named",
            url="https://harbour.example/2",
            guid="boat",
            blocks=[
                Paragraph(BODY),
                Figure(image=server.url("/boat.png"), alt="", caption="The new lifeboat"),
            ],
        )
        write_stories(isolated_home, [story])
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:
            screen = main_screen(app)
            await _opened(pilot, story.id)
            assert _picture_rows(app)
            screen.query_one(ArticleView).focus()
            await pilot.press("s")
            await pilot.pause()
    # The server is gone: the picture comes from the kept pictures.
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await _opened(pilot, story.id)
        assert _picture_rows(app), screen_text(app)
        assert "picture not shown" not in screen_text(app)


async def test_starring_fetches_the_pictures_not_yet_seen(isolated_home: Path) -> None:
    with serving_pictures({"/kelp.png": png((30, 120, 60))}) as server:
        story = Article(
            title="Kelp returns",
            guid="kelp",
            blocks=[Paragraph(BODY), Figure(image=server.url("/kelp.png"), caption="Kelp")],
        )
        write_stories(isolated_home, [story])
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:
            screen = main_screen(app)
            screen.images_on = False  # read without pictures, then starred from the list
            screen.open_story(story.id)
            await pilot.pause()
            screen.images_on = True
            screen.action_toggle_star()
            await app.workers.wait_for_complete()
        assert [path for path, _ in server.requests] == ["/kelp.png"]
    app = make_app()
    async with app.run_test(size=(120, 50)) as pilot:
        await _opened(pilot, story.id)
        assert _picture_rows(app), screen_text(app)


async def test_a_picture_that_cannot_be_shown_is_not_asked_for_again(tmp_path: Path) -> None:
    with serving_pictures({"/red.png": png((200, 20, 20))}) as server:
        feed = _feed(tmp_path, server.url("/red.png"), server.url("/gone.png"))
        app = make_app(feed)
        async with app.run_test(size=(120, 60)) as pilot:
            screen = main_screen(app)
            [story] = [h.id for h in screen.query_one(HeadlineList).stories]
            for _ in range(3):
                screen.open_story(story)
                await pilot.pause()
                await app.workers.wait_for_complete()
            assert "picture not shown" in screen_text(app)
        assert sorted(path for path, _ in server.requests) == ["/gone.png", "/red.png"]


async def test_a_feed_read_without_pictures_fetches_none_even_when_starred(
    isolated_home: Path,
) -> None:
    with serving_pictures({"/p.png": png((1, 2, 3))}) as server:
        feed_url = "http://127.0.0.1:9/no-pictures.xml"
        config = isolated_home / "config" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(f'[[feed]]\nurl = "{feed_url}"\nimages = false\n', encoding="utf-8")
        store = Store(isolated_home / "data" / "library.sqlite")
        feed_id = store.ensure_feed(feed_url, "No pictures", ())
        story = Article(
            title="Quiet story",
            guid="quiet",
            blocks=[Paragraph(BODY), Figure(image=server.url("/p.png"), caption="A picture")],
        )
        store.save_articles(feed_id, [story], sections=("No pictures",))
        store.close()
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:
            screen = main_screen(app)
            screen.open_story(story.id)
            await pilot.pause()
            screen.action_toggle_star()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert _picture_rows(app) == []
        assert server.requests == []


async def test_a_picture_far_down_the_story_is_fetched_when_it_comes_on_screen(
    tmp_path: Path,
) -> None:
    with serving_pictures({"/far.png": png((90, 90, 200))}) as server:
        paragraphs = "".join(f"<p>{BODY} Paragraph {n}.</p>" for n in range(60))
        html = paragraphs + (
            f'<figure><img src="{server.url("/far.png")}" alt="A boat far out at sea">'
            "<figcaption>Far out</figcaption></figure>"
        )
        path = tmp_path / "long.xml"
        path.write_text(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Long</title>'
            "<item><title>A long story</title><link>https://harbour.example/long</link>"
            f"<description><![CDATA[{html}]]></description></item></channel></rss>",
            encoding="utf-8",
        )
        app = make_app(path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            await app.workers.wait_for_complete()
            assert server.requests == []  # not on screen: not asked for
            reader = main_screen(app).query_one(ArticleView)
            reader.scroll_end(animate=False)
            await pilot.pause()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert [path for path, _ in server.requests] == ["/far.png"]
            assert _picture_rows(app), screen_text(app)


async def test_after_a_refresh_starred_and_full_text_stories_get_their_pictures(
    isolated_home: Path,
) -> None:
    from datetime import UTC, datetime

    pictures = {f"/{name}.png": png((n * 40, 90, 90)) for n, name in enumerate("abc")}
    with serving_pictures(pictures) as server:
        full, plain = "http://127.0.0.1:9/full.xml", "http://127.0.0.1:9/plain.xml"
        config = isolated_home / "config" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(
            f'[[feed]]\nurl = "{full}"\nfull_text = true\n\n[[feed]]\nurl = "{plain}"\n',
            encoding="utf-8",
        )

        def story(name: str) -> Article:
            return Article(
                title=f"Story {name}",
                guid=name,
                published=datetime.now(UTC),
                blocks=[Paragraph(BODY), Figure(image=server.url(f"/{name}.png"), caption=name)],
            )

        store = Store(isolated_home / "data" / "library.sqlite")
        for url, name in ((full, "a"), (plain, "b"), (plain, "c")):
            store.save_articles(store.ensure_feed(url, url, ()), [story(name)], sections=("X",))
        store.set_flags({(story("c").id, "starred"): True})
        store.close()
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:
            main_screen(app).prefetch_pictures()
            await pilot.pause()
            await app.workers.wait_for_complete()
        # The full-text feed's story and the starred one: not the plain feed's other story.
        assert sorted(path for path, _ in server.requests) == ["/a.png", "/c.png"]
        kept = list((isolated_home / "cache" / "images" / "kept").iterdir())
        assert any(".by-" not in p.name for p in kept)  # the starred story's, kept for it
        app = make_app()
        async with app.run_test(size=(120, 50)) as pilot:  # the next refresh: nothing new
            main_screen(app).prefetch_pictures()
            await pilot.pause()
            await app.workers.wait_for_complete()
        assert len(server.requests) == 2
