"""A backup can be restored: pg_dump of the database, pg_restore into a new one, and every
submission is there with its text. PostgreSQL only (production's database and its tools).

scripts/backup.sh is also run with stand-ins for pg_dump and tar (no PostgreSQL needed): the
password must reach pg_dump through the environment, never its command line."""

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.utils.timezone import now

from bench import pg_tools, restore_check
from participation.models import ParticipationRound
from tests.participation.conftest import make_submission

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
# Committed rows: pg_dump reads from its own connection, outside a test's transaction.
committed_rows = pytest.mark.django_db(transaction=True)


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


def round_with_submissions():
    return ParticipationRound.objects.filter(page__slug="handling-mot-klimaendringene").first()


@committed_rows
def test_a_restored_dump_has_every_submission_with_its_text(postgresql, demo_site):
    added = [
        make_submission(round_with_submissions(), text=f"Innspill {n} før sikkerhetskopien.")
        for n in range(25)
    ]

    figures, missing, restored = restore_check.check(database_url(), keep=True)
    try:
        assert missing == []
        assert figures["submissions restored"] == figures["submissions in source"] >= 25 + 6
        with pg_tools.connect(restored) as copy:
            rows = dict(copy.execute("SELECT reference, text FROM participation_submission"))
        assert all(rows[s.reference] == s.text for s in added)
    finally:
        pg_tools.drop_database(restored)


@committed_rows
def test_a_backup_sh_dump_is_checked_against_when_pg_dump_started(postgresql, demo_site, tmp_path):
    make_submission(round_with_submissions(), text="Innspill før sikkerhetskopien.")
    environment = {**os.environ, "DATABASE_URL": database_url() + "?conn_max_age=60"}
    environment["MEDIA_ROOT"] = environment["PRIVATE_MEDIA_ROOT"] = str(tmp_path / "none")
    subprocess.run(["bash", str(BACKUP), str(tmp_path)], env=environment, check=True)
    (dump,) = tmp_path.glob("temaplaner-*.dump")
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    # Received after the dump (as if it were copied later): not expected in it, not a failure.
    later = make_submission(
        round_with_submissions(), text="Innspill etter sikkerhetskopien.", received_at=now()
    )
    os.utime(dump)

    figures, missing, _ = restore_check.check(database_url(), dump)

    assert missing == []
    assert figures["submissions restored"] >= figures["submissions in source"] >= 7
    assert later.reference not in restore_check.references(
        database_url(), pg_tools.archive_created_at(dump)
    )


@committed_rows
def test_a_failed_restore_leaves_no_copy_of_the_data(postgresql, demo_site, monkeypatch):
    restored = []

    def restore_then_fail(path, url):
        restored.append(url)
        real_restore(path, url)
        raise subprocess.CalledProcessError(1, "pg_restore")

    real_restore = pg_tools.restore
    monkeypatch.setattr(pg_tools, "restore", restore_then_fail)

    with pytest.raises(subprocess.CalledProcessError):
        restore_check.check(database_url(), keep=True)

    with pg_tools.connect(database_url()) as source:
        names = {row[0] for row in source.execute("SELECT datname FROM pg_database")}
    assert restored and pg_tools.database_name(restored[0]) not in names


@pytest.mark.parametrize(
    ("url", "public", "password"),
    [
        ("postgres://u:p%40ss%3Aw%2Fd@db:5432/site", "postgresql://u@db:5432/site", "p@ss:w/d"),
        (
            "pgsql://u@db/site?conn_max_age=60&sslmode=require",
            "postgresql://u@db/site?sslmode=require",
            None,
        ),
        ("postgresql://db/site?password=hemmelig&pool=true", "postgresql://db/site", "hemmelig"),
        ("postgresql:///site", "postgresql:///site", None),
    ],
)
def test_the_password_is_taken_out_of_the_url(url, public, password):
    assert pg_tools.split_url(url) == (public, password)


def test_backup_sh_knows_the_same_libpq_options_as_pg_tools():
    listed = re.search(r'libpq_parameters="([^"]*)"', BACKUP.read_text())[1]
    assert set(listed.split()) == pg_tools.LIBPQ_PARAMETERS
    assert "TZ=UTC pg_dump " + " ".join(pg_tools.DUMP_OPTIONS) + " " in BACKUP.read_text()


@pytest.fixture
def stand_ins(tmp_path):
    """pg_dump and tar that note how they were called and write their --file/-f output."""
    bin = tmp_path / "bin"
    bin.mkdir()
    (bin / "pg_dump").write_text(
        "#!/bin/sh\n"
        'printf "%s\\n" "$@" > "$CALLS/argv"\n'
        'printf "%s" "${PGPASSWORD-}" > "$CALLS/password"\n'
        'for a; do case $a in --file=*) echo dump > "${a#--file=}";; esac; done\n'
    )
    (bin / "tar").write_text(
        "#!/bin/sh\n"
        'for a; do case $a in *.part) echo tar > "$a";; esac; done\n'
        'exit "${TAR_STATUS:-0}"\n'
    )
    for program in bin.iterdir():
        program.chmod(0o755)
    media = tmp_path / "media"
    media.mkdir()
    return {
        **os.environ,
        "PATH": f"{bin}:{os.environ['PATH']}",
        "CALLS": str(tmp_path),
        "DATABASE_URL": "pgsql://asker:p%40ss%20word@db:5432/site?conn_max_age=60&sslmode=require",
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(media),
    }


def test_backup_sh_gives_pg_dump_the_password_in_its_environment(stand_ins, tmp_path):
    target = tmp_path / "backup"
    subprocess.run(["bash", str(BACKUP), str(target)], env=stand_ins, check=True)

    argv = (tmp_path / "argv").read_text()
    assert "p%40ss" not in argv and "p@ss" not in argv
    assert "--dbname=postgresql://asker@db:5432/site?sslmode=require\n" in argv
    assert (tmp_path / "password").read_text() == "p@ss word"
    written = sorted(re.sub(r"-\d{8}T.*", "", path.name) for path in target.iterdir())
    assert written == ["media", "private-media", "temaplaner"]
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in target.iterdir())


def test_backup_sh_accepts_files_changed_while_tar_read_them(stand_ins, tmp_path):
    target = tmp_path / "backup"
    subprocess.run(
        ["bash", str(BACKUP), str(target)], env={**stand_ins, "TAR_STATUS": "1"}, check=True
    )
    assert len(list(target.glob("*.tar.gz"))) == 2


def test_a_failed_backup_leaves_no_partial_files(stand_ins, tmp_path):
    target = tmp_path / "backup"
    done = subprocess.run(
        ["bash", str(BACKUP), str(target)], env={**stand_ins, "TAR_STATUS": "2"}, check=False
    )
    assert done.returncode == 2
    assert list(target.iterdir()) == []
