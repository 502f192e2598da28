"""A backup can be restored: pg_dump of the database, pg_restore into a new one, and every
submission is there with its text. PostgreSQL only (production's database and its tools)."""

import shutil
from urllib.parse import quote

import psycopg
import pytest
from django.db import connection

from bench import restore_check
from participation.models import ParticipationRound
from tests.participation.conftest import make_submission

# Committed rows: pg_dump reads from its own connection, outside a test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def database_url():
    settings = connection.settings_dict
    user = quote(settings["USER"], safe="")
    if settings["PASSWORD"]:
        user += ":" + quote(settings["PASSWORD"], safe="")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    return f"postgresql://{user}@{settings['HOST'] or 'localhost'}{port}/{settings['NAME']}"


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Sikkerhetskopi testes bare på PostgreSQL: kjør med "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/temaplaner"
        )
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump og pg_restore mangler (apt-get install postgresql-client)")


def test_a_restored_dump_has_every_submission_with_its_text(postgresql, demo_site):
    round = ParticipationRound.objects.filter(page__slug="handling-mot-klimaendringene").first()
    added = [make_submission(round, text=f"Innspill {n} før sikkerhetskopien.") for n in range(25)]

    figures, missing, restored = restore_check.check(database_url(), keep=True)
    try:
        assert missing == []
        assert figures["submissions restored"] == figures["submissions in source"] >= 25 + 6
        with psycopg.connect(restored) as copy:
            rows = dict(copy.execute("SELECT reference, text FROM participation_submission"))
        assert all(rows[s.reference] == s.text for s in added)
    finally:
        restore_check.drop_database(restored)
