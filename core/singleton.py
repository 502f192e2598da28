"""One run of a scheduled job at a time: a run started while another is going stops at once.

The jobs are safe to overlap on their own (each claims the rows it works on), so this lock is
about not doing the same work twice: at 20,000 followers a notify_followers run outlasts its
15-minute cron interval, and the next run would go through the same followers beside it.

The lock dies with the process that holds it, however that process ends, so a killed run never
keeps the job from running again:
- PostgreSQL: a session advisory lock per job name (pg_try_advisory_lock), let go by the server
  when the connection closes. It needs a session of its own: not through a PgBouncer in
  transaction pooling mode.
- SQLite: the database is one file on one host, so an exclusive flock on a file beside it, let
  go by the kernel when the process ends.
"""

import fcntl
import functools
import hashlib
import os
import tempfile
from contextlib import contextmanager

from django.db import DatabaseError, connection


def advisory_key(text):
    """A PostgreSQL advisory lock number (signed 64 bits) for a name."""
    number = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
    return number - 2**63


@contextmanager
def _postgresql_lock(job):
    key = advisory_key(f"job:{job}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (mine,) = cursor.fetchone()
    try:
        yield mine
    finally:
        if mine:
            try:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
            except DatabaseError:
                pass  # the connection is gone, and the server let go of the lock with it


def _lock_file(job):
    database = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        # Tests: one database per process, no file to sit beside. Parallel test processes give
        # theirs the same name, so the process is part of the lock, or one would see the
        # other's run as a run of its own job and skip it.
        digest = hashlib.blake2b(f"{database}:{os.getpid()}".encode(), digest_size=6).hexdigest()
        return os.path.join(tempfile.gettempdir(), f"asker-{digest}-{job}.lock")
    return f"{database}-{job}.lock"


@contextmanager
def _file_lock(job):
    with open(_lock_file(job), "a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def held(job):
    """Context manager: True inside it when this process runs `job`, False when another does."""
    return _postgresql_lock(job) if connection.vendor == "postgresql" else _file_lock(job)


def one_run_at_a_time(handle):
    """For a management command's handle(): the job is the command's name. A second run while
    one is going says so and ends with exit status 0, since nothing is wrong."""

    @functools.wraps(handle)
    def run(command, *args, **options):
        job = type(command).__module__.rpartition(".")[2]
        with held(job) as mine:
            if not mine:
                command.stdout.write(
                    f"{job} kjører allerede i en annen prosess. Denne kjøringen gjør ingenting; "
                    "neste kjøring tar det som gjenstår."
                )
                return None
            return handle(command, *args, **options)

    return run
