"""A sender who must correct the form keeps the file they chose: it waits in the private
storage under a signed token, passes the same checks again, and is gone once used or old."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.utils import timezone

from participation import kept_attachments
from participation.models import Submission
from participation.storage import private_storage
from tests.participation import files
from tests.participation.conftest import FORM_URL, form_stamp, valid_input

pytestmark = pytest.mark.django_db


def kept_token(response):
    match = re.search(r'name="kept_attachment" value="([^"]*)"', response.content.decode())
    return match.group(1) if match else ""


def newest():
    return Submission.objects.order_by("-pk").first()


def kept_files():
    try:
        return private_storage.listdir(kept_attachments.FOLDER)[1]
    except FileNotFoundError:
        return []


@pytest.fixture(autouse=True)
def empty_folder():
    for name in kept_files():
        private_storage.delete(f"{kept_attachments.FOLDER}/{name}")


def test_a_file_chosen_before_an_error_is_kept_and_sent_with_the_corrected_form(send):
    failed = send(name="", attachment=files.upload(files.PDF, "Forslag fra laget.pdf"))
    html = failed.content.decode()
    assert failed.status_code == 400
    assert "Skriv navnet ditt." in html
    assert "Vi har tatt vare på vedlegget <strong>Forslag fra laget.pdf</strong>" in html
    token = kept_token(failed)
    assert token and "Forslag" not in token  # signed and compressed, not the plain name
    assert len(kept_files()) == 1

    sent = send(name="Kari Nordmann", kept_attachment=token)
    assert sent.status_code == 302
    submission = newest()
    assert submission.attachment_name == "Forslag_fra_laget.pdf"
    assert submission.attachment_type == "application/pdf"
    assert submission.attachment.read() == files.PDF
    assert kept_files() == []  # stored with the input's own copy, the waiting one deleted


def test_a_second_error_keeps_the_same_file_without_storing_it_again(send):
    first = send(name="", attachment=files.upload(files.PDF, "innspill.pdf"))
    second = send(name="", kept_attachment=kept_token(first))
    assert second.status_code == 400
    assert kept_token(second) == kept_token(first)
    assert len(kept_files()) == 1


def test_a_new_file_replaces_the_kept_one(send):
    first = send(name="", attachment=files.upload(files.PDF, "gammel.pdf"))
    second = send(
        name="", kept_attachment=kept_token(first), attachment=files.upload(files.PNG, "ny.png")
    )
    assert "Vi har tatt vare på vedlegget <strong>ny.png</strong>" in second.content.decode()
    assert len(kept_files()) == 1
    send(kept_attachment=kept_token(second))
    assert newest().attachment_name == "ny.png"


def test_the_sender_can_send_without_the_kept_file(send):
    failed = send(name="", attachment=files.upload(files.PDF, "innspill.pdf"))
    assert send(kept_attachment=kept_token(failed), remove_kept="on").status_code == 302
    assert not newest().attachment


def test_a_refused_file_is_not_kept(send):
    response = send(name="", attachment=files.upload(files.HTML, "innspill.pdf"))
    assert kept_token(response) == ""
    assert kept_files() == []
    assert "Velg en annen fil, eller send innspillet uten vedlegg." in response.content.decode()


def test_a_forged_or_old_token_brings_no_file(send, client, demo_round):
    forged = signing.dumps({"file": "innspill/annens-vedlegg.pdf", "name": "x.pdf"}, salt="x")
    assert send(kept_attachment=forged).status_code == 302
    assert not newest().attachment

    failed = send(name="", attachment=files.upload(files.PDF, "innspill.pdf"))
    token = kept_token(failed)
    later = timezone.now() + timedelta(seconds=kept_attachments.KEEP_SECONDS + 60)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: later.timestamp())
        assert kept_attachments.restore(token) is None


def test_a_token_outside_the_folder_is_refused():
    token = signing.dumps(
        {"file": "innspill/vedlegg.pdf", "name": "x.pdf"}, salt=kept_attachments.SALT
    )
    assert kept_attachments.restore(token) is None


def test_a_kept_file_must_pass_the_same_checks_again(client, demo_round):
    """A file swapped in the store behind a valid token is checked like a new upload."""
    name = private_storage.save(
        f"{kept_attachments.FOLDER}/lurt.pdf", files.upload(files.HTML, "x")
    )
    token = signing.dumps({"file": name, "name": "lurt.pdf"}, salt=kept_attachments.SALT)
    data = valid_input(demo_round, kept_attachment=token, shown_at=form_stamp(client))
    before = Submission.objects.count()
    response = client.post(FORM_URL, data)
    assert response.status_code == 400
    assert "Vi kan ikke ta imot denne filtypen" in response.content.decode()
    assert Submission.objects.count() == before


def test_the_daily_run_deletes_kept_files_that_were_never_sent(send):
    send(name="", attachment=files.upload(files.PDF, "innspill.pdf"))
    assert len(kept_files()) == 1
    call_command("anonymise_submissions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(kept_files()) == 1  # still fresh: the sender may come back
    later = timezone.now() + timedelta(seconds=kept_attachments.KEEP_SECONDS + 60)
    assert kept_attachments.remove_stale(later) == 1
    assert kept_files() == []
