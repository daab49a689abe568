"""The footer greys out Back when there is nothing to go back to, and only then.

Opening a story rebuilds the footer only when what it greys out has changed, so
these steps walk history both ways and read the footer's Back key each time.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from tests.support.screen import main_screen, make_app


def back_is_greyed(pilot: Pilot[None]) -> bool:
    [back] = [key for key in pilot.app.screen.query(FooterKey) if key.action == "back"]
    return back.has_class("-disabled")


async def test_back_in_the_footer_follows_the_history() -> None:
    app = make_app()
    async with app.run_test(size=(140, 30)) as pilot:
        await pilot.pause()
        main_screen(app)  # the reader, not a dialog, is on screen
        assert back_is_greyed(pilot)
        await pilot.press("enter")  # the first story: still nothing to go back to
        await pilot.pause()
        assert back_is_greyed(pilot)
        await pilot.press("n")  # the second: Back is now possible
        await pilot.pause()
        assert not back_is_greyed(pilot)
        await pilot.press("n")  # a third: unchanged, still possible
        await pilot.pause()
        assert not back_is_greyed(pilot)
        await pilot.press("backspace", "backspace")  # back at the first story
        await pilot.pause()
        assert back_is_greyed(pilot)
        await pilot.press("alt+right")
        await pilot.pause()
        assert not back_is_greyed(pilot)
