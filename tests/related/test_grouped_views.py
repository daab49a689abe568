"""One row per event in every view: the freshest report the view holds stands for the
event, so reading the freshest one never hides the others from the Unread view."""

from __future__ import annotations

from newsterm.core.library import View
from tests.support.labelled import library_of, load

STRIKE = "marrisport-dock-strike"  # told by several outlets (counted from the labels)


def test_the_unread_view_keeps_an_event_whose_freshest_report_was_read() -> None:
    stories = load("tune")
    strike = sorted(
        (s.article for s in stories if s.event == STRIKE),
        key=lambda article: article.published,  # type: ignore[arg-type, return-value]
    )
    ids = {article.id for article in strike}
    library = library_of(stories)
    every = [h for h in library.headlines(View("all"), grouped=True) if h.id in ids]
    assert len(strike) >= 3 and [h.id for h in every] == [strike[-1].id]  # one row: the freshest
    assert every[0].coverage >= 1  # and the count of the others

    library.mark_read(strike[-1].id)
    unread = [h.id for h in library.headlines(View("unread"), grouped=True) if h.id in ids]
    assert unread == [strike[-2].id]  # the freshest still unread stands for it now
    ungrouped = [h.id for h in library.headlines(View("unread")) if h.id in ids]
    assert set(ungrouped) == ids - {strike[-1].id}
    library.close()
