"""Prove a backup can be restored: restore a pg_dump into a new, empty database and find every
submission (innspill) there, by count and by reference.

Run from the repository root with the live database in DATABASE_URL:

    .venv/bin/python bench/restore_check.py              # dump DATABASE_URL now, then check
    .venv/bin/python bench/restore_check.py backup.dump  # check a dump made by scripts/backup.sh

It reads the references in DATABASE_URL first (for a given dump: those received before the
file was written), restores into `restore_check_<random>` on the same server, compares, and
drops that database again unless --keep. Exits 1 when a submission is missing. The user needs
the right to create databases. Imported by tests/ops/test_backup_restore.py.
"""

import argparse
import datetime
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

REFERENCES = "SELECT reference FROM participation_submission WHERE received_at <= %s"


def libpq_url(url):
    """DATABASE_URL as libpq reads it (Django also accepts pgsql://)."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme="postgresql"))


def with_database(url, name):
    return urlunsplit(urlsplit(libpq_url(url))._replace(path=f"/{name}"))


def references(url, before=None):
    """The references of the submissions in the database at `url` (received before `before`)."""
    before = before or datetime.datetime.now(datetime.UTC)
    with psycopg.connect(libpq_url(url)) as connection:
        return {row[0] for row in connection.execute(REFERENCES, [before])}


def dump(url, path):
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", libpq_url(url)],
        check=True,
    )


def _admin(url, statement):
    """CREATE/DROP DATABASE, from the server's maintenance database (outside a transaction)."""
    with psycopg.connect(with_database(url, "postgres"), autocommit=True) as connection:
        connection.execute(statement)


def restore_into_new_database(dump_path, url):
    """Restore the dump into a new database beside `url`'s; returns the new database's URL."""
    name = f"restore_check_{uuid.uuid4().hex[:10]}"
    _admin(url, f'CREATE DATABASE "{name}"')
    restored = with_database(url, name)
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored}", str(dump_path)],
        check=True,
    )
    return restored


def drop_database(url):
    _admin(url, f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}" WITH (FORCE)')


def check(source_url, dump_path=None, keep=False):
    """Restore and compare; returns (figures, missing references, restored database URL)."""
    with tempfile.TemporaryDirectory() as folder:
        if dump_path is None:
            cutoff = datetime.datetime.now(datetime.UTC)
            expected = references(source_url, cutoff)
            dump_path = Path(folder) / "temaplaner.dump"
            began = time.perf_counter()
            dump(source_url, dump_path)
            dumped = time.perf_counter() - began
        else:
            mtime = Path(dump_path).stat().st_mtime
            expected = references(source_url, datetime.datetime.fromtimestamp(mtime, datetime.UTC))
            dumped = None
        began = time.perf_counter()
        restored_url = restore_into_new_database(dump_path, source_url)
        restored_seconds = time.perf_counter() - began
        size = Path(dump_path).stat().st_size
    try:
        found = references(restored_url, datetime.datetime.max.replace(tzinfo=datetime.UTC))
    finally:
        if not keep:
            drop_database(restored_url)
    figures = {
        "submissions in source": len(expected),
        "submissions restored": len(found),
        "dump size": f"{size / 1024:.0f} KiB",
        "restore time": f"{restored_seconds:.1f} s",
    }
    if dumped is not None:
        figures["dump time"] = f"{dumped:.1f} s"
    return figures, sorted(expected - found), restored_url


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", nargs="?", help="a pg_dump --format=custom file")
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    args = parser.parse_args()
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith(("postgres://", "postgresql://", "pgsql://")):
        sys.exit(
            "DATABASE_URL må peke på PostgreSQL, f.eks. postgres://postgres@127.0.0.1/temaplaner"
        )
    figures, missing, restored = check(source, args.dump, args.keep)
    for label, value in figures.items():
        print(f"{label:<24}{value}")
    if args.keep:
        print(f"{'restored database':<24}{urlsplit(restored).path.lstrip('/')}")
    for reference in missing[:20]:
        print(f"MISSING: {reference}")
    print("result                  " + ("FAILED" if missing else "OK"))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
