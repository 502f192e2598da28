"""Prove a backup can be restored: restore a pg_dump into a new, empty database and find every
submission (innspill) there, by count and by reference.

Run from the repository root with the live database in DATABASE_URL:

    .venv/bin/python bench/restore_check.py              # dump DATABASE_URL now, then check
    .venv/bin/python bench/restore_check.py backup.dump  # check a dump made by scripts/backup.sh

It reads the references in DATABASE_URL first (for a given dump: those received before pg_dump
started on it, from the dump's «Archive created at», less a few seconds for posts that were
still being saved), restores into `restore_check_<random>` on the same server, compares, and
drops that database again unless --keep (a failed restore is dropped even then: it holds
personal data). Exits 1 when a submission is missing. The user needs the right to create
databases. The password in DATABASE_URL reaches pg_dump and pg_restore through PGPASSWORD, not
their command lines (bench/pg_tools.py). Imported by tests/ops/test_backup_restore.py.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import pg_tools

REFERENCES = "SELECT reference FROM participation_submission WHERE received_at <= %s"
# A submission gets its received_at before its transaction commits, and the app's clock may
# be a little off the clock of the machine that ran pg_dump: submissions received this long
# before a given dump was started are not required to be in it.
IN_FLIGHT = datetime.timedelta(seconds=5)


def references(url, before=None):
    """The references of the submissions in the database at `url` (received before `before`)."""
    before = before or datetime.datetime.now(datetime.UTC)
    with pg_tools.connect(url) as connection:
        return {row[0] for row in connection.execute(REFERENCES, [before])}


def check(source_url, dump_path=None, keep=False):
    """Restore and compare; returns (figures, missing references, restored database URL)."""
    figures = {}
    with tempfile.TemporaryDirectory() as folder:
        if dump_path is None:
            cutoff = datetime.datetime.now(datetime.UTC)
            expected = references(source_url, cutoff)
            dump_path = Path(folder) / "temaplaner.dump"
            began = time.perf_counter()
            pg_tools.dump(source_url, dump_path)
            figures["dump time"] = f"{time.perf_counter() - began:.1f} s"
        else:
            created = pg_tools.archive_created_at(dump_path)
            figures["dump started"] = f"{created:%Y-%m-%d %H:%M:%S} UTC"
            cutoff = created - IN_FLIGHT
            expected = references(source_url, cutoff)
        size = Path(dump_path).stat().st_size
        restored_url = pg_tools.create_database(
            source_url, f"restore_check_{uuid.uuid4().hex[:10]}"
        )
        restored = False
        try:
            began = time.perf_counter()
            pg_tools.restore(dump_path, restored_url)
            restored_seconds = time.perf_counter() - began
            found = references(restored_url, datetime.datetime.max.replace(tzinfo=datetime.UTC))
            restored = True
        finally:
            if not (keep and restored):
                pg_tools.drop_database(restored_url)
    figures = {
        "submissions in source": len(expected),
        "submissions restored": len(found),
        "dump size": f"{size / 1024:.0f} KiB",
        "restore time": f"{restored_seconds:.1f} s",
        **figures,
    }
    return figures, sorted(expected - found), restored_url


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dump", nargs="?", help="a pg_dump --format=custom file")
    parser.add_argument("--keep", action="store_true", help="keep the restored database")
    args = parser.parse_args()
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith(tuple(f"{scheme}://" for scheme in pg_tools.SCHEMES)):
        sys.exit(
            "DATABASE_URL må peke på PostgreSQL, f.eks. postgres://postgres@127.0.0.1/temaplaner"
        )
    figures, missing, restored = check(source, args.dump, args.keep)
    for label, value in figures.items():
        print(f"{label:<24}{value}")
    if args.keep:
        print(f"{'restored database':<24}{pg_tools.database_name(restored)}")
    for reference in missing[:20]:
        print(f"MISSING: {reference}")
    print("result                  " + ("FAILED" if missing else "OK"))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
