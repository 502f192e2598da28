"""The e-mail server is away: the input is kept, staff see which mail failed, and
retry_failed_mail sends it later, at most three times in all."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from participation.models import MailFailure, Submission
from tests.participation.moderation_support import LISTING, demo_input

REFUSING = "tests.subscriptions.conftest.RefusingEmailBackend"
WORKING = "django.core.mail.backends.locmem.EmailBackend"
TEXT = "Ladepunkter ved alle skoler."


@pytest.fixture
def mail_server_away(settings):
    settings.EMAIL_BACKEND = REFUSING
    return settings


def retry(later=timedelta(minutes=11)):
    """Run the command as cron would, `later` after every failure so far."""
    MailFailure.objects.update(failed_at=timezone.now() - later)
    out, err = io.StringIO(), io.StringIO()
    call_command("retry_failed_mail", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failure(kind):
    return MailFailure.objects.filter(kind=kind).first()


def test_the_sender_gets_the_receipt_page_even_when_the_mail_fails(
    send, mail_server_away, moderator
):
    response = send(text=TEXT)
    assert response.status_code == 302 and "/innspill/mitt/" in response["Location"]
    submission = Submission.objects.get(text=TEXT)
    receipt = failure("receipt")
    assert receipt.submission == submission
    assert receipt.attempts == 1 and receipt.error == "ConnectionRefusedError"
    assert failure("staff_notice").submission == submission  # the moderators got nothing


def test_staff_see_the_failed_mail_on_the_input_and_can_list_such_input(
    send, mail_server_away, moderator_client
):
    send(text=TEXT)
    submission = Submission.objects.get(text=TEXT)
    page = moderator_client.get(f"/admin/innspill/edit/{submission.pk}/").content.decode()
    assert "E-post feilet:" in page
    assert "kvittering til avsenderen kom ikke fram (1 av 3 forsøk" in page
    assert "prøves igjen automatisk" in page

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
    assert "E-poster prøvd på nytt: 1, kom fram: 1" in out and err == ""
    assert not MailFailure.objects.exists()
    receipt = next(m for m in mail.outbox if m.to == ["kari@example.no"])
    submission = Submission.objects.get(text=TEXT)
    assert submission.reference in receipt.subject + receipt.body


def test_running_twice_at_once_sends_each_mail_once(send, mail_server_away):
    send(text=TEXT)
    mail_server_away.EMAIL_BACKEND = WORKING
    MailFailure.objects.update(failed_at=timezone.now() - timedelta(minutes=11))
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
    assert failure("receipt").attempts == 3
    assert "feilet 3 ganger og blir ikke prøvd mer" in err
    out, _ = retry()
    assert "prøvd på nytt: 0," in out and failure("receipt").attempts == 3
    assert Submission.objects.filter(text=TEXT).exists()  # the input is never lost

    submission = Submission.objects.get(text=TEXT)
    page = moderator_client.get(f"/admin/innspill/edit/{submission.pk}/").content.decode()
    assert "3 av 3 forsøk" in page
    assert "prøves ikke mer" in page and "kontakt avsenderen på annen måte" in page


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
    assert failure("answer").submission == dahl
    page = moderator_client.get(f"/admin/innspill/edit/{dahl.pk}/").content.decode()
    assert "svar til avsenderen kom ikke fram" in page

    mail_server_away.EMAIL_BACKEND = WORKING
    retry()
    assert [m.to for m in mail.outbox] == [["nils.dahl@example.no"]]
    assert "Takk, vi tar det med." in mail.outbox[0].body
    assert not MailFailure.objects.exists()
