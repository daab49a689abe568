"""`[open]` in config.toml: which program plays an attachment of which type; a command it
cannot use costs one line naming it, and the attachment then opens in the browser."""

from __future__ import annotations

from pathlib import Path

from newsterm.config import Config, Paths
from newsterm.config_check import Player
from newsterm.ui.open_link import player_for

MPV = ("mpv", "--no-video", "{url}")


def load(home: Path, text: str) -> Config:
    paths = Paths(home / "config", home / "data", home / "cache")
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text(text, encoding="utf-8")
    return Config.load(paths)


def test_players_are_read_and_the_most_particular_pattern_wins(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        '[open]\n"audio/*" = ["mpv", "--no-video", "{url}"]\n'
        '"audio/ogg" = ["ogg123", "{url}"]\n"*" = ["xdg-open", "{url}"]\n',
    )
    assert config.warnings == ()
    assert player_for("audio/mpeg", config.players) == Player("audio/*", MPV)
    assert player_for("AUDIO/OGG", config.players) == Player("audio/ogg", ("ogg123", "{url}"))
    assert player_for("video/mp4", config.players) == Player("*", ("xdg-open", "{url}"))
    assert player_for("", config.players) == Player("*", ("xdg-open", "{url}"))  # untyped


def test_commands_it_cannot_use_are_named_one_line_each(tmp_path: Path) -> None:
    config = load(
        tmp_path,
        '[open]\n"audio/*" = "mpv {url}"\n"video/*" = ["mpv"]\n'
        '"image/*" = ["feh", 3, "{url}"]\n"text/*" = []\n'
        '"application/pdf" = ["zathura", "{url}"]\n'
        '"video/mp4" = ["sh", "-c", "mpv {url}"]\n"video/webm" = ["{url}", "x"]\n',
    )
    where = str(config.paths.config_file)
    assert config.warnings == (
        f'{where}: open: "audio/*" = "mpv {{url}}" is not a command as a list; ignored',
        f'{where}: open: "video/*" = a command without {{url}} after the program; ignored',
        f'{where}: open: "image/*" = a list with something other than text in it; ignored',
        f'{where}: open: "text/*" = an empty command; ignored',
        f'{where}: open: "video/mp4" = a shell would read the link as commands; ignored',
        f'{where}: open: "video/webm" = a command without {{url}} after the program; ignored',
    )
    assert config.players == (Player("application/pdf", ("zathura", "{url}")),)


def test_open_that_is_not_a_table_is_one_line(tmp_path: Path) -> None:
    config = load(tmp_path, 'open = "mpv"\n')
    assert config.warnings == (
        f'{config.paths.config_file}: open = "mpv" is not a table ([open]); ignored',
    )
    assert config.players == ()
