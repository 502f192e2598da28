"""A scheduled job started while another run of it is going (cron on two hosts, or a slow run
overlapping the next): the second run says so, does nothing and ends without an error.

Runs on SQLite (a file lock) and on PostgreSQL (an advisory lock): the other run holds the lock
from a thread with a connection of its own, as another process would.
"""

import io
import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core import singleton
from core.models import OutboxMail

pytestmark = pytest.mark.django_db

JOBS = ["anonymise_submissions", "notify_followers", "retry_failed_mail"]


@contextmanager
def another_run_of(job):
    holding, finished = threading.Event(), threading.Event()
    held = []

    def run():
        try:
            with singleton.held(job) as mine:
                held.append(mine)
                holding.set()
                finished.wait(30)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    try:
        assert holding.wait(10) and held == [True]
        yield
    finally:
        finished.set()
        thread.join(10)


def run(job):
    out = io.StringIO()
    call_command(job, stdout=out, stderr=io.StringIO())  # raises on a non-zero exit
    return out.getvalue()


@pytest.mark.parametrize("job", JOBS)
def test_a_second_run_says_another_is_going_and_stops(job):
    with another_run_of(job):
        output = run(job)
    assert f"{job} kjører allerede i en annen prosess" in output
    assert "Denne kjøringen gjør ingenting" in output


@pytest.fixture
def lost_mail():
    """A mail whose queued delivery was lost: retry_failed_mail sends it."""
    row = OutboxMail.objects.create(
        kind="note", to=["kari@example.no"], subject="Hei", text="Hei Kari", html=""
    )
    OutboxMail.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(hours=1))
    return row


def test_the_second_run_leaves_the_work_to_the_first_and_the_next_run_does_it(lost_mail):
    with another_run_of("retry_failed_mail"):
        run("retry_failed_mail")
        assert mail.outbox == []
    assert "prøvd på nytt: 1, kom fram: 1" in run("retry_failed_mail")
    assert len(mail.outbox) == 1


def test_the_lock_is_per_job(lost_mail):
    with another_run_of("notify_followers"):
        run("retry_failed_mail")
    assert len(mail.outbox) == 1
