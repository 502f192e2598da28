"""Start Django for a benchmark: the project importable, the test settings, and a throwaway
SQLite database unless DATABASE_URL names another, so a run never touches db.sqlite3."""

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start():
    sys.path.insert(0, str(ROOT))
    workdir = tempfile.mkdtemp(prefix="asker-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
