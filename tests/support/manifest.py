"""The corpus's feeds as MANIFEST.tsv lists them, counted independently of any feed library."""

from __future__ import annotations

import csv

from tests.conftest import CORPUS

FEED_FORMATS = {"rss2", "rss091", "rss092", "rss1", "atom1", "json", "json-rss"}


def manifest_rows() -> list[dict[str, str]]:
    with (CORPUS / "MANIFEST.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [row for row in rows if row["format"] in FEED_FORMATS]


ROWS = manifest_rows()
UNREADABLE = [row for row in ROWS if row["item_count"] == "?"]
READABLE = [row for row in ROWS if row["item_count"] != "?"]
