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


def demo_client():
    """A test client on a fresh database with the demo content, after start()."""
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo_content", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return Client()
