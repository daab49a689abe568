"""The article reader: header, body with figures, related stories, and the link list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import var
from textual.widgets import Static

from newsterm import render
from newsterm.core.library import Related
from newsterm.core.model import Article
from newsterm.link_targets import Target, link_targets
from newsterm.ui.widgets.related_list import RelatedList
from newsterm.ui.widgets.story_body import StoryBody, inside

if TYPE_CHECKING:
    from newsterm.picture_cells import PictureSpot
    from newsterm.ui.pictures import PictureShelf

EMPTY_HINT = "Choose a story from the headlines (enter), or a section on the left."
NO_RELATED = "No related stories in the library."


class ArticleView(VerticalScroll, can_focus=True):
    """Scrolls with the keys; `tab` moves on to the related list below the body (`space`
    is the screen's: it pages down, then goes on to the next unread story)."""

    BINDINGS = [
        Binding("j", "scroll_down", "Scroll down", show=False),
        Binding("k", "scroll_up", "Scroll up", show=False),
    ]

    article: var[Article | None] = var(None, init=False)
    """The story shown: the screen's open story, bound to it; None shows the hint."""
    related: var[Related | None] = var(None, init=False)
    """The open story's related stories (the screen finds them as it opens the story)."""

    version: var[str] = var("", init=False)
    """Which text of the story is shown, when it matters (a summary, its page's): one line."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pictures: PictureShelf | None = None
        """Where the story's pictures come from; None: pictures are not shown."""
        self.kept_by: Callable[[], str | None] = lambda: None
        """The open story's id while it is starred: its pictures are kept for it."""

    def compose(self) -> ComposeResult:
        yield Static(Text(EMPTY_HINT, style="dim"), id="article-note")
        yield Static(id="article-version")
        yield StoryBody(id="article-body")
        yield Static(Text(NO_RELATED, style="dim"), id="related-heading")
        yield RelatedList(id="related")
        yield Static(id="article-links")

    def on_mount(self) -> None:
        self.query_one("#article-version").display = False
        self.query_one("#related-heading").display = False
        self.query_one(RelatedList).display = False

    def watch_article(self, article: Article | None) -> None:
        if article is not None:
            self.show(article)
        elif not self.query_one("#article-note").display:  # a note already says why
            self.note(EMPTY_HINT)

    def watch_version(self, version: str) -> None:
        line = self.query_one("#article-version", Static)
        line.update(Text(version, style="dim italic"))
        line.display = bool(version)

    def watch_related(self, related: Related | None) -> None:
        if related is not None and self.article is not None:
            self.query_one(RelatedList).show(related)
            self.query_one("#related-heading").display = not related  # "no related stories"

    def show(self, article: Article) -> None:
        self.query_one("#article-note").display = False
        self.query_one("#article-version").display = bool(self.version)  # hidden by a note
        self._draw(article)
        self.query_one("#article-links", Static).update(_links(link_targets(article)))
        self.scroll_home(animate=False)

    def redraw(self) -> None:
        """Draw the open story again where it is (pictures switched on or off)."""
        if self.article is not None:
            self._draw(self.article)

    def _draw(self, article: Article) -> None:
        """The story's text, with its pictures as far as they have come; the others are
        loaded when their place first comes on screen (`_shown`)."""
        self.workers.cancel_group(self, "pictures")  # the last story's are not wanted now
        spots: dict[str, PictureSpot] = {}
        if self.pictures is not None:
            spots = self.pictures.spots(article.picture_urls)
        body = self.query_one(StoryBody)
        body.on_shown = lambda part: self._shown(article, part)
        body.update(render.header(article), *render.body(article, spots))

    def _shown(self, article: Article, part: RenderableType) -> None:
        """A part came on screen: load the pictures in it that are still to come."""
        shelf = self.pictures
        if shelf is None or self.article is not article:
            return
        from newsterm.picture_cells import PictureSpot

        spots = {
            spot.url: spot
            for spot in inside(part)
            if isinstance(spot, PictureSpot) and spot.waiting and not spot.requested
        }
        for spot in spots.values():
            spot.requested = True
        if spots:
            self.run_worker(self._bring(shelf, article, spots), group="pictures")

    async def _bring(
        self, shelf: PictureShelf, article: Article, spots: dict[str, PictureSpot]
    ) -> None:
        """Fill each picture in where it stands as it comes, if the story is still the one
        shown: only the part holding it is painted again, and nothing moves."""

        def settled(spot: PictureSpot) -> None:
            if self.article is article and self.pictures is shelf and self.is_attached:
                self.query_one(StoryBody).repaint([spot])

        await shelf.load(spots, kept_by=self.kept_by, settled=settled)

    @property
    def at_end(self) -> bool:
        """Whether the whole story has been shown (`space` then goes on to the next)."""
        return self.scroll_y >= self.max_scroll_y

    def note(self, message: str) -> None:
        """A one-line notice where the story would be (nothing matched, nothing loaded)."""
        note = self.query_one("#article-note", Static)
        note.update(Text(message, style="dim"))
        note.display = True
        self.query_one("#article-version").display = False
        self.query_one(StoryBody).update()
        self.query_one("#related-heading").display = False
        self.query_one(RelatedList).display = False
        self.query_one("#article-links", Static).update()


def _links(targets: list[Target]) -> RenderableType:
    if not targets:
        return Text("")
    return Padding(render.link_list(targets, keyed=True), (1, 0, 0, 0))
