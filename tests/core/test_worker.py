"""With the database task backend (production's default), a citizen's post never waits for the
mail server: the mail is stored and queued, and the worker (`manage.py db_worker`) sends it, once.

The worker claims a task in an exclusive transaction of its own, so these tests run outside the
test transaction (transactional_db) and build their few pages with factories.
"""

import io
import os
import signal
import smtplib
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import OperationalError, connection
from django_tasks_db.models import DBTaskResult

from core.models import OutboxMail
from participation.models import Submission
from tests.asker.test_settings import PRODUCTION, ROOT
from tests.factories import ParticipationRoundFactory, restore_migrated_rows
from tests.participation.conftest import form_stamp, valid_input

TEXT = "Sykkelparkering ved stasjonen, takk."


class UnansweringEmailBackend(BaseEmailBackend):
    """An SMTP server that accepts the connection and never answers: every send would hang until
    EMAIL_TIMEOUT. It counts the sends instead, so the test sees one tried inside the request."""

    sends = 0

    def send_messages(self, email_messages):
        type(self).sends += 1
        raise TimeoutError("SMTP-serveren svarer ikke")


@pytest.fixture
def worker_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    return settings


@pytest.fixture
def open_round(transactional_db):
    restore_migrated_rows()
    # A home page of its own: the demo site may be there too (left by earlier tests).
    return ParticipationRoundFactory(page__parent__parent__slug="forside-for-arbeideren")


@pytest.fixture
def unanswering_mail_server(settings):
    UnansweringEmailBackend.sends = 0
    settings.EMAIL_BACKEND = f"{__name__}.UnansweringEmailBackend"
    return UnansweringEmailBackend


def post_input(client, open_round):
    url = open_round.page.url + "innspill/"
    data = valid_input(open_round, topic="", text=TEXT, email="kari@example.no")
    data["shown_at"] = form_stamp(client, url)
    return client.post(url, data)


def run_worker():
    """`manage.py db_worker --batch`: do what is queued, then stop. The command takes over
    Ctrl+C and SIGTERM for its graceful stop; give them back to pytest afterwards."""
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command(
            "db_worker", batch=True, reload=False, startup_delay=False, stdout=io.StringIO()
        )
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def test_a_post_is_stored_and_answered_without_contacting_the_mail_server(
    client, worker_backend, open_round, unanswering_mail_server
):
    response = post_input(client, open_round)

    assert response.status_code == 302 and "/innspill/mitt/" in response["Location"]
    assert unanswering_mail_server.sends == 0  # nothing tried inside the request
    submission = Submission.objects.get(text=TEXT)
    receipt = OutboxMail.objects.get(kind="receipt")
    assert receipt.to == ["kari@example.no"] and receipt.attempts == 0
    assert submission.reference in receipt.text
    queued = DBTaskResult.objects.ready().filter(task_path="core.outbox.deliver")
    assert sorted(task.args_kwargs["args"][0] for task in queued) == sorted(
        OutboxMail.objects.values_list("pk", flat=True)
    )


def test_the_worker_sends_each_queued_mail_once(client, worker_backend, open_round):
    post_input(client, open_round)
    assert mail.outbox == []

    run_worker()
    receipts = [message for message in mail.outbox if message.to == ["kari@example.no"]]
    assert len(receipts) == 1
    assert Submission.objects.get(text=TEXT).reference in receipts[0].body
    assert not OutboxMail.objects.filter(sent_at__isnull=True).exists()

    sent = len(mail.outbox)
    run_worker()  # nothing left to do
    call_command("retry_failed_mail", stdout=io.StringIO())  # nor for cron
    assert len(mail.outbox) == sent
    assert not DBTaskResult.objects.ready().exists()


def test_production_queues_background_work_for_the_worker():
    """Unless TASKS_BACKEND says otherwise, a deployed site leaves its mail to the worker."""
    show_backend = "from django_tasks import task_backends; print(task_backends['default'])"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", show_backend],
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "DatabaseBackend" in result.stdout, result.stderr


class RejectingEmailBackend(BaseEmailBackend):
    """An SMTP server that refuses the recipient, naming the address in its answer."""

    def send_messages(self, email_messages):
        refused = {"kari@example.no": (550, b"5.1.1 <kari@example.no>: Recipient unknown")}
        raise smtplib.SMTPRecipientsRefused(refused)


def test_a_failed_send_leaves_no_address_in_the_task_queue(client, worker_backend, open_round):
    post_input(client, open_round)
    worker_backend.EMAIL_BACKEND = f"{__name__}.RejectingEmailBackend"
    run_worker()

    failed = DBTaskResult.objects.failed()
    assert failed.exists() and OutboxMail.objects.filter(last_error="SMTPRecipientsRefused")
    stored = " ".join(f"{task.traceback} {task.exception_class_path}" for task in failed)
    assert "SMTPRecipientsRefused" in stored  # staff and operators see what went wrong
    assert "kari@example.no" not in stored


@contextmanager
def task_queue_fails_for_a_while():
    """The worker's looks at the queue fail, as they do on a connection PostgreSQL closed in a
    restart, for longer than the package's own three quick tries."""
    failures = []

    def fail(execute, sql, params, many, context):
        if len(failures) < 4 and DBTaskResult._meta.db_table in sql:
            failures.append(sql)
            raise OperationalError("the connection is closed")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(fail):
        yield failures


def test_the_worker_goes_on_after_the_database_went_away(
    client, worker_backend, open_round, caplog
):
    post_input(client, open_round)

    with task_queue_fails_for_a_while() as failures:
        run_worker()  # --batch: returns once the queue is empty, raises if the error ends it

    assert len(failures) == 4  # the errors did happen
    assert "Databasen svarer ikke" in caplog.text
    receipts = [message for message in mail.outbox if message.to == ["kari@example.no"]]
    assert len(receipts) == 1
    assert not OutboxMail.objects.filter(sent_at__isnull=True).exists()


def test_the_worker_waits_for_an_absent_database_and_still_stops_at_once_on_sigterm(tmp_path):
    """No database server at all: the worker keeps trying instead of exiting, and SIGTERM ends
    it during its wait between tries."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        **PRODUCTION,
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/absent",  # the discard port: refused
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and log.read_text().count("Databasen svarer ikke") < 2:
            assert worker.poll() is None, log.read_text()  # a refused connection did not end it
            time.sleep(0.2)
        assert log.read_text().count("Databasen svarer ikke") >= 2, log.read_text()
        worker.send_signal(signal.SIGTERM)
        began = time.monotonic()
        worker.wait(timeout=10)
        assert time.monotonic() - began < 3
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
