"""`newsterm cat` as a person runs it: a real process, real files, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import CORPUS, SEED


def newsterm(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsterm", *args], capture_output=True, text=True, timeout=60
    )


def test_cat_json_of_the_seed_has_the_design_shape() -> None:
    result = newsterm("cat", str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"]["kind"] == "text"
    [article] = data["articles"]
    assert article["title"] == "Biden Urged Putin to De-escalate Tensions in Ukraine"
    assert article["sections"] == ["Updates", "Politics"]
    figures = [b for b in article["blocks"] if b["kind"] == "figure"]
    assert [(f["caption"], f["credit"]) for f in figures] == [
        ("President Biden Urged President Putin to De-escalate Tensions in Ukraine", "Web")
    ]
    assert article["related"] == [
        {"title": "The United States, Russia to Hold Security Talks on 10th January", "url": None}
    ]
    assert set(article) >= {
        "id",
        "url",
        "source",
        "authors",
        "published",
        "summary",
        "links",
        "enclosures",
    }


def test_cat_prints_caption_credit_and_numbered_related_without_escapes() -> None:
    result = newsterm("cat", str(SEED), "--width", "80")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out  # a pipe gets no colour
    assert "Biden Urged Putin to De-escalate Tensions in Ukraine" in out
    assert "Updates › Politics" in out
    assert "Credit: Web" in out
    assert "[1] The United States, Russia to Hold Security Talks on 10th January" in out
    assert max(len(line) for line in out.splitlines()) <= 80


def test_cat_of_a_feed_lists_every_item() -> None:
    result = newsterm("cat", str(CORPUS / "feeds" / "nfp-tpm.atom"), "--json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["articles"]) == 20


def test_empty_and_missing_inputs_are_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for path in (empty, tmp_path / "missing.txt"):
        result = newsterm("cat", str(path))
        assert result.returncode != 0
        assert result.stdout == ""
        assert len(result.stderr.strip().splitlines()) == 1
        assert str(path) in result.stderr


def test_a_png_named_xml_is_one_line_of_error(tmp_path: Path) -> None:
    fake = tmp_path / "feed.xml"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = newsterm("cat", str(fake))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "binary" in result.stderr


def test_version() -> None:
    result = newsterm("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("newsterm ")


def test_a_broken_config_file_costs_one_line_and_the_defaults(isolated_home: Path) -> None:
    from newsterm.config import Config, Paths

    paths = Paths.discover()
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text('theme = "nord\n[keymap\n', encoding="utf-8")
    config = Config.load(paths)
    assert config.theme is None and config.keymap == {}
    assert len(config.errors) == 1 and "config.toml" in config.errors[0]


def test_a_config_file_that_is_not_utf8_costs_one_line_and_the_defaults(
    isolated_home: Path,
) -> None:
    from newsterm.config import Config, Paths

    paths = Paths.discover()
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_bytes(b'theme = "caf\xe9"\n')  # Latin-1, as an old editor saves it
    config = Config.load(paths)
    assert config.theme is None
    assert len(config.errors) == 1 and "config.toml" in config.errors[0]
