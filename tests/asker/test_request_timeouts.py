"""What limits a web request (see gunicorn.conf.py): on PostgreSQL, a statement that runs past
DATABASE_STATEMENT_TIMEOUT is cancelled by the server; gunicorn sets it for the web processes
only, so migrations and scheduled jobs are not cut off."""

import os
import runpy
import time
from pathlib import Path

import pytest
from django.db import OperationalError, connection, connections

from asker.env import read_database

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"
POSTGRES = "postgres://asker@db.example.no:5432/temaplaner"


def test_gunicorn_gives_the_web_processes_a_30_second_statement_timeout(monkeypatch):
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT", "")  # restored after the test
    monkeypatch.delenv("DATABASE_STATEMENT_TIMEOUT")
    runpy.run_path(str(GUNICORN_CONF))
    assert os.environ["DATABASE_STATEMENT_TIMEOUT"] == "30"
    # An operator's own value wins.
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT", "0")
    runpy.run_path(str(GUNICORN_CONF))
    assert os.environ["DATABASE_STATEMENT_TIMEOUT"] == "0"


def test_the_limit_reaches_postgresql_as_a_connection_option(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", POSTGRES)
    limited = read_database("DATABASE_URL", "sqlite:///x", statement_timeout=30)
    assert limited["OPTIONS"]["options"] == "-c statement_timeout=30000"
    assert "options" not in read_database("DATABASE_URL", "sqlite:///x").get("OPTIONS", {})


@pytest.mark.django_db
def test_postgresql_cancels_a_statement_that_runs_past_the_limit(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no statement timeout; CI runs this on PostgreSQL")
    settings = dict(connection.settings_dict)
    limited = read_database("DATABASE_URL", "sqlite:///x", statement_timeout=1)
    settings["OPTIONS"] = {**settings.get("OPTIONS", {}), **limited["OPTIONS"]}
    web_connection = type(connections["default"])(settings, alias="web")
    started = time.monotonic()
    try:
        with (
            pytest.raises(OperationalError, match="statement timeout"),
            web_connection.cursor() as cursor,
        ):
            cursor.execute("SELECT pg_sleep(5)")
    finally:
        web_connection.close()
    assert time.monotonic() - started < 3
