"""NewstermApp: stylesheet, theme, keymap and the first screen. The work lives in screens."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme

from newsterm.config import Config, remember
from newsterm.core.library import Library
from newsterm.ui.screens.main import Clock, MainScreen
from newsterm.ui.settings_check import keymap_warnings


def stylesheet_path() -> Path:
    """The stylesheet inside the installed package, or the repository's during development.

    Found beside the package's own files (importlib.resources would cost start-up time).
    """
    packaged = Path(__file__).resolve().parents[1] / "styles" / "newsterm.tcss"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "styles" / "newsterm.tcss"


class NewstermApp(App[None]):
    CSS_PATH = stylesheet_path()
    TITLE = "newsterm"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit_app")]

    def __init__(
        self,
        library: Library,
        config: Config,
        *,
        open_story: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        """`clock` pins "now" (for ages and the Today view) in tests and snapshots."""
        super().__init__()
        self.clock = clock
        self.library = library
        self.config = config
        self.open_story = open_story

    def on_mount(self) -> None:
        if self.config.theme and self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        # Settings that are not used are named where the library's problems are shown.
        bindings = [*self.BINDINGS, *MainScreen.BINDINGS]
        self.library.errors[:0] = [*self.config.errors, *keymap_warnings(self.config, bindings)]
        screen = MainScreen(self.library, config=self.config, open_story=self.open_story)
        if self.clock:
            screen.clock = self.clock
        self.push_screen(screen)

    def _remember_theme(self, theme: Theme) -> None:
        remember(self.config.paths, theme=theme.name)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action of the screen's keys is a command in the palette, once, with its key
        in the title (where the palette looks for words); the nine "follow related story"
        keys are one command that goes to the related stories."""
        from newsterm.ui.screens.help import key_name

        yield from super().get_system_commands(screen)
        for binding in screen.BINDINGS:
            if not isinstance(binding, Binding) or not binding.description:
                continue
            if binding.action.startswith("follow_related("):
                continue
            keys = key_name(self.config.keymap.get(binding.id or "", binding.key))
            action = binding.action
            yield SystemCommand(
                f"{binding.description} ({keys})",
                binding.tooltip or binding.description,
                lambda action=action: screen.run_action(action),  # type: ignore[misc]
            )
        if isinstance(screen, MainScreen):
            yield SystemCommand(
                "Follow a related story (1 … 9)",
                "Go to the open story's related stories; enter follows the one chosen",
                screen.action_focus_related,
            )
