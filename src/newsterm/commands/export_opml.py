"""`newsterm export`: the subscriptions as an OPML list on standard output."""

from __future__ import annotations

import argparse
import sys

from newsterm.commands.settings import needs_config
from newsterm.config import Config
from newsterm.core.sources.opml_writer import to_opml


@needs_config
def run(options: argparse.Namespace, config: Config) -> int:
    sys.stdout.write(to_opml(config.feeds))
    return 0
