"""newsterm: a terminal news reader."""

import time

__version__ = "0.1.0"

STARTED = time.monotonic()
"""When the package was first imported: start-up is measured from here."""
