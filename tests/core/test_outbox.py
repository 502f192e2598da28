"""The outbox on its own: a mail is stored once, sent once however many deliveries overlap,
tried again after a failure, given up after three tries, and replaced when superseded."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import timezone

from core import outbox
from core.models import OutboxMail

pytestmark = pytest.mark.django_db

REFUSING = "tests.subscriptions.conftest.RefusingEmailBackend"
WORKER = "django_tasks.backends.dummy.DummyBackend"  # queues, runs nothing
TEMPLATES = {
    "note.subject.txt": "Hei {{ name }}\n",
    "note.txt": "{% get_current_language as language %}{{ language }}: {{ name }}",
    "note.html": "<p>{{ name }}</p>",
}


@pytest.fixture(autouse=True)
def note_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)],
                "builtins": ["django.templatetags.i18n"],
            },
        }
    ]


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """Post a note as a service does, in a transaction; its delivery runs on commit."""

    def post_note(name="Kari", to=("kari@example.no",), **options):
        options.setdefault("language", "nb")
        with django_capture_on_commit_callbacks(execute=True):
            return outbox.post("note", list(to), "note", {"name": name}, **options)

    return post_note


def test_a_posted_mail_is_stored_rendered_and_sent_once(post):
    row = post(language="en", about="thing:1", headers={"X-Note": "1"})
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert (sent.subject, sent.body, sent.to) == ("Hei Kari", "en: Kari", ["kari@example.no"])
    assert sent.extra_headers == {"X-Note": "1"}
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 1 and row.claimed_until is None
    assert outbox.retry_due(timezone.now() + timedelta(days=1)).tried == 0
    assert len(mail.outbox) == 1


def test_no_recipients_no_mail(post):
    assert post(to=()) is None
    assert not OutboxMail.objects.exists() and mail.outbox == []


class ReenteringBackend(EmailBackend):
    """While one delivery sends, another delivery of the same mail starts (a second worker)."""

    second = []

    def send_messages(self, messages):
        row = OutboxMail.objects.get()
        type(self).second.append(outbox.deliver.call(row.pk))
        return super().send_messages(messages)


def test_two_deliveries_of_one_mail_at_once_send_it_once(post, settings):
    settings.TASKS = {"default": {"BACKEND": WORKER}}
    row = post()
    settings.EMAIL_BACKEND = "tests.core.test_outbox.ReenteringBackend"
    ReenteringBackend.second.clear()
    assert outbox.deliver.call(row.pk) is True
    assert ReenteringBackend.second == [False]  # the row was claimed: nothing sent
    assert len(mail.outbox) == 1
    assert OutboxMail.objects.get().attempts == 1


def test_a_failed_mail_is_tried_again_after_ten_minutes(post, settings, caplog):
    settings.EMAIL_BACKEND = REFUSING
    row = post(about="thing:7")
    row.refresh_from_db()
    assert row.sent_at is None and row.attempts == 1
    assert row.last_error == "ConnectionRefusedError" and row.claimed_until is None
    assert "(note) om thing:7" in caplog.text and "kari@example.no" not in caplog.text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox.retry_due(timezone.now() + timedelta(minutes=9)).tried == 0
    with time_machine.travel(timezone.now() + outbox.RETRY_AFTER):
        summary = outbox.retry_due()
    assert (summary.tried, summary.sent, summary.given_up) == (1, 1, 0)
    assert len(mail.outbox) == 1


def test_a_mail_is_given_up_after_three_tries(post, settings, caplog):
    settings.EMAIL_BACKEND = REFUSING
    row = post()
    later = timezone.now()
    summaries = []
    for _ in range(3):
        later += outbox.RETRY_AFTER + timedelta(seconds=1)
        with time_machine.travel(later):
            summaries.append(outbox.retry_due())
    assert [(s.tried, s.given_up) for s in summaries] == [(1, 0), (1, 1), (0, 0)]
    row.refresh_from_db()
    assert row.attempts == outbox.MAX_ATTEMPTS and row.given_up_at is not None
    ours = [r for r in caplog.records if r.name == "core.outbox"]
    assert [r.levelname for r in ours] == ["WARNING", "WARNING", "ERROR"]
    assert "gitt opp" in ours[-1].getMessage()


def test_a_mail_whose_delivery_was_lost_is_sent_by_the_retry(post, settings):
    settings.TASKS = {"default": {"BACKEND": WORKER}}
    post()  # queued to a worker that never runs it
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert outbox.retry_due(timezone.now() + timedelta(minutes=4)).tried == 0
    assert outbox.retry_due(timezone.now() + outbox.LOST_AFTER).sent == 1
    assert len(mail.outbox) == 1


def test_a_superseding_mail_replaces_the_unsent_one_and_counts_from_one(post, settings):
    settings.EMAIL_BACKEND = REFUSING
    post(name="første svar", about="thing:1")
    post(name="andre", about="thing:2")  # about something else: kept
    with time_machine.travel(timezone.now() + outbox.RETRY_AFTER):
        outbox.retry_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    post(name="nytt svar", about="thing:1", supersede=True)
    assert [m.body for m in mail.outbox] == ["nb: nytt svar"]
    kept = OutboxMail.objects.order_by("pk")
    assert [(m.about, m.attempts, m.sent_at is not None) for m in kept] == [
        ("thing:2", 2, False),
        ("thing:1", 1, True),
    ]


def test_forget_deletes_every_mail_about_the_record(post):
    post(about="thing:1")
    post(about="thing:2")
    assert outbox.forget("thing:1") == 1
    assert list(OutboxMail.objects.values_list("about", flat=True)) == ["thing:2"]


def test_sent_mails_are_deleted_after_thirty_days(post):
    post()
    assert outbox.delete_sent(timezone.now() + timedelta(days=29)) == 0
    assert outbox.delete_sent(timezone.now() + outbox.KEEP_SENT) == 1
