"""The e-mail server is away: the input is kept, staff see which mail failed, and
retry_failed_mail sends it later, at most three times in all (the first send counts).

The mails go through the outbox (core.outbox); tests/core/test_outbox.py tests it on its own."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task_backends
from django_tasks.signals import task_enqueued

from core import outbox
from core.models import OutboxMail
from participation import mails, retention
from participation.models import Submission
from tests.participation.moderation_support import LISTING, demo_input

REFUSING = "tests.subscriptions.conftest.RefusingEmailBackend"
WORKER = "django_tasks.backends.dummy.DummyBackend"  # queues, runs nothing: a worker that lags
WORKING = "django.core.mail.backends.locmem.EmailBackend"
TEXT = "Ladepunkter ved alle skoler."


@pytest.fixture
def mail_server_away(settings):
    settings.EMAIL_BACKEND = REFUSING
    return settings


def retry(later=timedelta(minutes=11)):
    """Run the command as cron would, `later` after every failure so far."""
    OutboxMail.objects.update(last_attempt_at=timezone.now() - later)
    out, err = io.StringIO(), io.StringIO()
    call_command("retry_failed_mail", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failure(kind):
    return outbox.failing().filter(kind=kind).first()


def due_now():
    """Every failed mail is due: its last try was more than RETRY_AFTER ago."""
    OutboxMail.objects.update(last_attempt_at=timezone.now() - timedelta(minutes=11))


def test_the_sender_gets_the_receipt_page_even_when_the_mail_fails(
    send, mail_server_away, moderator
):
    response = send(text=TEXT)
    assert response.status_code == 302 and "/innspill/mitt/" in response["Location"]
    submission = Submission.objects.get(text=TEXT)
    receipt = failure("receipt")
    assert receipt.about == mails.about(submission)
    assert receipt.attempts == 1 and receipt.last_error == "ConnectionRefusedError"
    assert failure("staff_notice").about == mails.about(submission)  # the moderators got nothing


def test_staff_see_the_failed_mail_on_the_input_and_can_list_such_input(
    send, mail_server_away, moderator_client
):
    send(text=TEXT)
    submission = Submission.objects.get(text=TEXT)
    page = moderator_client.get(f"/admin/innspill/edit/{submission.pk}/").content.decode()
    assert "E-post feilet:" in page
    assert "kvittering til avsenderen kom ikke fram (1 av 3 forsøk" in page
    assert "sende den igjen automatisk" in page

    listing = moderator_client.get(LISTING, {"mail_failed": "ja"}).content.decode()
    assert submission.reference in listing
    assert "Feilet" in listing
    assert demo_input("Nils Dahl").reference not in listing
    everything = moderator_client.get(LISTING).content.decode()
    assert demo_input("Nils Dahl").reference in everything


def test_retry_sends_the_receipt_once_the_server_is_back_and_clears_the_failure(
    send, mail_server_away
):
    send(text=TEXT)
    mail_server_away.EMAIL_BACKEND = WORKING
    out, _ = retry(later=timedelta(minutes=1))  # too soon: the server just failed
    assert mail.outbox == [] and "prøvd på nytt: 0," in out

    out, err = retry()
    # The receipt and the notice to the plan's people (the demo's contact has an address).
    assert "E-poster prøvd på nytt: 2, kom fram: 2" in out and err == ""
    assert not outbox.failing().exists()
    receipt = next(m for m in mail.outbox if m.to == ["kari@example.no"])
    submission = Submission.objects.get(text=TEXT)
    assert submission.reference in receipt.subject + receipt.body


def test_running_twice_at_once_sends_each_mail_once(send, mail_server_away):
    send(text=TEXT)
    mail_server_away.EMAIL_BACKEND = WORKING
    due_now()
    call_command("retry_failed_mail", stdout=io.StringIO())
    call_command("retry_failed_mail", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox).count("kari@example.no") == 1


def test_three_tries_in_all_then_staff_are_told_it_is_given_up(
    send, mail_server_away, moderator_client
):
    send(text=TEXT)
    retry()
    assert failure("receipt").attempts == 2
    _, err = retry()
    assert failure("receipt").attempts == 3 and failure("receipt").given_up_at is not None
    # The receipt and the staff notice (to the people on the plan) were given up in this run.
    assert "2 e-poster feilet nå for 3. gang og blir ikke prøvd mer" in err
    out, err = retry()
    assert "prøvd på nytt: 0," in out and failure("receipt").attempts == 3
    assert err == ""  # given up in an earlier run: not told again every quarter
    assert Submission.objects.filter(text=TEXT).exists()  # the input is never lost

    submission = Submission.objects.get(text=TEXT)
    page = moderator_client.get(f"/admin/innspill/edit/{submission.pk}/").content.decode()
    assert "3 av 3 forsøk" in page
    assert "prøver ikke mer" in page and "kontakt avsenderen på annen måte" in page


def test_a_failed_answer_is_shown_and_sent_again(
    moderator_client, mail_server_away, django_capture_on_commit_callbacks
):
    dahl = demo_input("Nils Dahl")
    dahl.publication = "anonymous"
    dahl.save()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            f"/admin/innspill/edit/{dahl.pk}/",
            {"state": "published", "answer": "Takk, vi tar det med.", "internal_note": ""},
        )
    assert failure("answer").about == mails.about(dahl)
    page = moderator_client.get(f"/admin/innspill/edit/{dahl.pk}/").content.decode()
    assert "svar til avsenderen kom ikke fram" in page

    mail_server_away.EMAIL_BACKEND = WORKING
    retry()
    assert [m.to for m in mail.outbox] == [["nils.dahl@example.no"]]
    assert "Takk, vi tar det med." in mail.outbox[0].body
    assert not outbox.failing().exists()


def test_anonymising_the_input_deletes_its_failed_mails(send, mail_server_away):
    send(text=TEXT)
    retry()
    retry()
    submission = Submission.objects.get(text=TEXT)
    assert failure("receipt").given_up_at is not None
    retention.anonymise(submission, timezone.now())
    assert not OutboxMail.objects.filter(about=mails.about(submission)).exists()


def queued_retries():
    return [r for r in task_backends["default"].results if r.task == outbox.deliver]


def test_a_lagging_worker_sends_each_mail_once_however_often_it_was_queued_again(
    send, mail_server_away, moderator
):
    send(text=TEXT)  # receipt and staff notice fail, sent here and now
    mail_server_away.TASKS = {"default": {"BACKEND": WORKER}}
    outputs = [retry() for _ in range(3)]  # 45 minutes of cron, the worker running nothing
    assert all("lagt i kø på nytt: 2" in out for out, _ in outputs)
    assert all(err == "" for _, err in outputs)  # the outcome is the worker's to tell
    assert len(queued_retries()) == 6

    mail_server_away.EMAIL_BACKEND = WORKING
    for result in queued_retries():  # the worker catches up
        result.task.call(*result.args, **result.kwargs)
    assert sorted(m.to[0] for m in mail.outbox).count("kari@example.no") == 1
    assert len(mail.outbox) == 2 and not outbox.failing().exists()


def test_two_runs_interleaved_send_each_mail_once_and_count_only_their_own(
    send, mail_server_away, moderator
):
    send(text=TEXT)
    mail_server_away.EMAIL_BACKEND = WORKING
    due_now()
    second = []

    def start_another_run(**kwargs):
        # As the first run hands over its first mail, a second run starts and takes them all.
        if not second:
            second.append(None)
            second[0] = outbox.retry_due()

    task_enqueued.connect(start_another_run)
    try:
        first = outbox.retry_due()
    finally:
        task_enqueued.disconnect(start_another_run)
    assert first.sent + second[0].sent == 2
    assert first.tried + second[0].tried == 2
    assert [m.to for m in mail.outbox].count(["kari@example.no"]) == 1
    assert len(mail.outbox) == 2 and not outbox.failing().exists()


def test_sent_counts_this_runs_mails_not_other_failures_during_the_run(
    send, mail_server_away, moderator
):
    send(text=TEXT)
    mail_server_away.EMAIL_BACKEND = WORKING
    due_now()
    dahl = demo_input("Nils Dahl")

    def new_failure_meanwhile(**kwargs):  # another input's receipt fails during the run
        if not outbox.failing().filter(about=mails.about(dahl)).exists():
            OutboxMail.objects.create(
                kind="receipt",
                about=mails.about(dahl),
                to=[dahl.email],
                subject="Kvittering",
                text="Takk.",
                attempts=1,
                last_attempt_at=timezone.now(),
                last_error="ConnectionRefusedError",
            )

    task_enqueued.connect(new_failure_meanwhile)
    try:
        summary = outbox.retry_due()
    finally:
        task_enqueued.disconnect(new_failure_meanwhile)
    assert (summary.tried, summary.sent, summary.given_up) == (2, 2, 0)

    mail_server_away.EMAIL_BACKEND = REFUSING
    out, _ = retry()
    assert "E-poster prøvd på nytt: 1, kom fram: 0" in out


def answer(client, submission, text):
    client.post(
        f"/admin/innspill/edit/{submission.pk}/",
        {"state": "published", "answer": text, "internal_note": ""},
    )


def test_a_changed_answer_after_one_given_up_starts_the_count_again(
    moderator_client, mail_server_away, django_capture_on_commit_callbacks
):
    dahl = demo_input("Nils Dahl")
    dahl.publication = "anonymous"
    dahl.save()
    with django_capture_on_commit_callbacks(execute=True):
        answer(moderator_client, dahl, "Takk, vi tar det med.")
    retry()
    _, err = retry()
    assert failure("answer").attempts == 3 and failure("answer").given_up_at is not None
    assert "feilet nå for 3. gang" in err

    with django_capture_on_commit_callbacks(execute=True):
        answer(moderator_client, dahl, "Takk, vi tar det med i neste utkast.")
    assert failure("answer").attempts == 1 and failure("answer").given_up_at is None
    page = moderator_client.get(f"/admin/innspill/edit/{dahl.pk}/").content.decode()
    assert "1 av 3 forsøk" in page and "sende den igjen automatisk" in page

    mail_server_away.EMAIL_BACKEND = WORKING
    out, err = retry()
    assert "prøvd på nytt: 1, kom fram: 1" in out and err == ""
    assert [m.to for m in mail.outbox] == [["nils.dahl@example.no"]]
    assert "i neste utkast" in mail.outbox[0].body
    assert not outbox.failing().exists()


def test_the_moderator_is_told_at_once_when_the_answer_did_not_go_out(
    moderator_client, mail_server_away, monkeypatch
):
    """In production the save commits before the page answers, so the answer's e-mail has been
    tried by then; here the test's own transaction would hold it back, so on_commit runs at
    once, as it does after a real commit."""
    from django.db import transaction

    monkeypatch.setattr(
        transaction, "on_commit", lambda callback, using=None, robust=False: callback()
    )
    kari = demo_input("Kari Nordmann")
    response = moderator_client.post(
        f"/admin/innspill/edit/{kari.pk}/",
        {"state": kari.state, "answer": "Et nytt svar.", "internal_note": ""},
        follow=True,
    )
    html = response.content.decode()
    assert "e-posten til avsenderen kom ikke fram" in html
    assert "Svaret er sendt på e-post" not in html
    assert failure("answer").about == mails.about(kari)
