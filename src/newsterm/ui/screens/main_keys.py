"""Every key of the main screen, in the order the help lists them.

One table read by the footer, the help screen, the command palette and the
`[keymap]` check, so a key's name, description and id are said once.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType


def _follow(number: int) -> Binding:
    return Binding(
        str(number),
        f"follow_related({number})",
        f"Follow related story {number}",
        show=False,
        id=f"follow_related_{number}",
    )


READING_KEYS: list[BindingType] = [
    Binding("n", "next_story", "Next", id="next_story", tooltip="Open the next story"),
    Binding(
        "p",
        "previous_story",
        "Previous",
        id="previous_story",
        tooltip="Open the previous story",
    ),
    Binding(
        "space",
        "read_on",
        "Read on",
        show=False,
        id="read_on",
        tooltip="Page down the story; at its end, open the next unread story",
    ),
    Binding(
        "N",
        "next_unread",
        "Next unread",
        show=False,
        id="next_unread",
        tooltip="Open the next unread story in this list",
    ),
    Binding(
        "P",
        "previous_unread",
        "Previous unread",
        show=False,
        id="previous_unread",
        tooltip="Open the previous unread story in this list",
    ),
    Binding(
        "backspace,alt+left",
        "back",
        "Back",
        id="back",
        tooltip="Back to the story you came from",
    ),
    Binding(
        "alt+right",
        "forward",
        "Forward",
        show=False,
        id="forward",
        tooltip="Forward again along the stories you followed",
    ),
    Binding(
        "m",
        "toggle_read",
        "Mark read/unread",
        show=False,
        id="toggle_read",
        tooltip="Mark the story read or unread",
    ),
    Binding(
        "A",
        "mark_view_read",
        "Mark all read",
        show=False,
        id="mark_view_read",
        tooltip="Mark every story of this view or section read (asks first, with the count)",
    ),
    Binding(
        "u",
        "undo_marks",
        "Undo mark all read",
        show=False,
        id="undo_marks",
        tooltip="Undo the last mark-all-read",
    ),
    Binding("s", "toggle_star", "Star", id="toggle_star", tooltip="Star the story, or unstar it"),
    Binding(
        "o",
        "open_link",
        "Open link",
        show=False,
        id="open_link",
        tooltip="Open the story's link in the browser (http, https, mailto)",
    ),
    Binding(
        "l",
        "pick_link",
        "Links",
        show=False,
        id="pick_link",
        tooltip="Open one of the story's links or attachments: its number, or words of it",
    ),
    Binding(
        "y",
        "pick_link(True)",
        "Copy link",
        show=False,
        id="copy_link",
        tooltip="Copy one of the story's links (0: its own page) to the clipboard",
    ),
    Binding(
        "x",
        "full_article",
        "Full article",
        show=False,
        id="full_article",
        tooltip="Fetch the story's page and keep it for offline; again: the feed's text",
    ),
    Binding(
        "f",
        "filter",
        "Filter",
        show=False,
        id="filter",
        tooltip="Narrow this view as you type: words, unread, feed:NAME, newer:3d, -word",
    ),
    Binding(
        "i",
        "toggle_images",
        "Pictures",
        show=False,
        id="toggle_images",
        tooltip="Show the stories' pictures, or hide them, for this session",
    ),
    Binding("slash", "search", "Search", id="search"),
    Binding(
        "H",
        "toggle_hide_read",
        "Hide read",
        show=False,
        id="toggle_hide_read",
        tooltip="List this view without its read stories, or with them (remembered per view)",
    ),
    Binding(
        "S",
        "sort_headlines",
        "Sort",
        show=False,
        id="sort_headlines",
        tooltip="Sort this view another way: newest, oldest, by feed, unread first (remembered)",
    ),
    Binding(
        "g",
        "group_events",
        "Group by event",
        show=False,
        id="group_events",
        tooltip="One headline per event, or every story",
    ),
]

FEED_KEYS: list[BindingType] = [
    Binding(
        "r",
        "refresh_feed",
        "Refresh",
        show=False,
        id="refresh_feed",
        tooltip="Refresh the feed of the highlighted story",
    ),
    Binding(
        "R",
        "refresh_all",
        "Refresh all",
        id="refresh_all",
        tooltip="Refresh every subscription",
    ),
    Binding(
        "D",
        "remove_feed",
        "Remove feed",
        show=False,
        id="remove_feed",
        tooltip="Unsubscribe from the feed of this story (starred stories are kept)",
    ),
    Binding(
        "M",
        "move_feed",
        "Move feed",
        show=False,
        id="move_feed",
        tooltip="File the feed of this story under another section",
    ),
    Binding(
        "a",
        "add_feed",
        "Add feed",
        show=False,
        id="add_feed",
        tooltip="Subscribe to a feed by URL",
    ),
]

MAIN_KEYS: list[BindingType] = [
    *READING_KEYS,
    *FEED_KEYS,
    Binding(
        "escape",
        "close_reader",
        "Headlines",
        show=False,
        id="close_reader",
        tooltip="Narrow terminal: back from the reader to the list",
    ),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "app.quit", "Quit", id="quit"),
    *(_follow(n) for n in range(1, 10)),
]
