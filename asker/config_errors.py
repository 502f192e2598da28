"""Turn a configuration error at start-up into one readable line instead of a traceback."""

import sys

from asker.env import ConfigurationError


def run_or_explain(start):
    """Call ``start()``; on a ConfigurationError print what to fix and exit with status 2."""
    try:
        return start()
    except ConfigurationError as error:
        print(f"Feil i konfigurasjonen: {error}", file=sys.stderr)
        raise SystemExit(2) from None
