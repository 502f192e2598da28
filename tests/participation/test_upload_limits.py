"""Attachments: the size limit holds while the file arrives, and the promises about files that
other tests do not cover yet (see the list at the end of this module's docstring).

Which test covers which promise about uploads:
- recognised by content, not name: test_submit.test_attachments_are_recognised_by_content
- HTML, SVG, EXE refused when disguised: test_submit.test_files_of_other_kinds_are_refused_…;
  under their own names and with no name at all: test_active_content_is_refused_under_any_name
- stored under a random name, never the sender's: test_submit.test_attachments_are_recognised_…
- the sender's name made safe (no path): test_submit ACCEPTED «../../etc/passwd» → passwd.pdf
- never under MEDIA_ROOT, no URL: test_private_link.test_attachments_never_have_a_media_url
- Content-Disposition: attachment: test_private_link, test_review_fixes, test_moderation
- nosniff and CSP sandbox on every download: test_every_download_is_sandboxed_and_not_sniffed
- not public before publication: test_private_link (received), here declined and withdrawn
- size limit before the file is stored: the tests of the limit below
"""

import re
from collections import Counter

import pytest
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client

from participation import services
from participation.models import Submission
from participation.moderation.permissions import MODERATORS_GROUP
from participation.upload_limits import AttachmentSizeLimit
from tests.participation import files
from tests.participation.conftest import FORM_URL, form_stamp, valid_input
from tests.participation.moderation_support import make_user
from tests.participation.test_submit import field_error

pytestmark = pytest.mark.django_db

LIMIT = 10 * 1024 * 1024
CHUNK = AttachmentSizeLimit.chunk_size
TOO_LARGE = (
    "Filen er for stor (over 10 MB). Del den opp, eller lagre den som PDF med mindre bilder, "
    "og velg den på nytt. Vi har tatt vare på det andre du skrev."
)


@pytest.fixture(autouse=True)
def without_demo_input(demo_site):
    Submission.objects.all().delete()


@pytest.fixture
def received(monkeypatch):
    """Bytes of the attachment that reached the limit's counter and the handler that writes
    Django's temporary file (every file over 2.5 MB goes there)."""
    counts = Counter()

    def spy(handler_class, key):
        original = handler_class.receive_data_chunk

        def counting(self, raw_data, start):
            if self.field_name == "attachment":
                counts[key] += len(raw_data)
            return original(self, raw_data, start)

        monkeypatch.setattr(handler_class, "receive_data_chunk", counting)

    spy(AttachmentSizeLimit, "counted")
    spy(TemporaryFileUploadHandler, "written")
    return counts


def pdf_of(size):
    return files.PDF + b"0" * (size - len(files.PDF))


@pytest.mark.parametrize("over", [1, 512 * 1024])
def test_a_file_over_the_limit_is_skipped_as_it_arrives_and_the_rest_is_kept(send, received, over):
    response = send(attachment=files.upload(pdf_of(LIMIT + over), "stor.pdf"), text="Min tekst.")
    assert response.status_code == 400
    assert field_error(response, "attachment") == TOO_LARGE
    html = response.content.decode()
    assert "Min tekst." in html and 'value="Kari Nordmann"' in html  # fields after the file too
    assert Submission.objects.count() == 0
    # Never more than the limit written to disk; the counter stopped within a chunk of it.
    assert received["written"] <= LIMIT
    assert LIMIT < received["counted"] <= LIMIT + CHUNK
    assert received["counted"] < LIMIT + over or over < CHUNK


def test_a_file_of_exactly_the_limit_is_accepted(send, received):
    response = send(attachment=files.upload(pdf_of(LIMIT), "akkurat.pdf"))
    assert response.status_code == 302
    assert Submission.objects.get().attachment_size == LIMIT


class Unreadable:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_body_announced_far_over_the_limit_gets_413_unread(client, django_assert_num_queries):
    # Wagtail's routing to the plan (site, each page on the way, the plan's view restrictions),
    # then the site frame: banner, footer, menu, the footer's legal pages and their restrictions.
    with django_assert_num_queries(14):
        response = client.post(
            FORM_URL,
            **{"CONTENT_LENGTH": str(LIMIT + 2 * 1024 * 1024), "wsgi.input": Unreadable()},
            content_type="multipart/form-data; boundary=x",
        )
    assert response.status_code == 413
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "Innspillet ble ikke sendt: vedlegget er for stort" in text
    assert "Vedlegget kan være høyst 10 MB" in text
    assert "heller ikke fått teksten du skrev" in text
    assert "Send innspillet uten vedlegget" in text
    assert Submission.objects.count() == 0


def test_the_form_still_checks_csrf_after_the_limit_is_in_place(demo_round):
    browser = Client(enforce_csrf_checks=True)
    data = valid_input(demo_round, shown_at=form_stamp(browser))
    assert browser.post(FORM_URL, data).status_code == 403  # no token sent back
    data["csrfmiddlewaretoken"] = browser.cookies["csrftoken"].value
    assert browser.post(FORM_URL, data).status_code == 302


ACTIVE_CONTENT = [files.HTML, files.SVG, files.EXE]
NAMES = ["innspill.html", "kart.svg", "program.exe", "uten-endelse"]


@pytest.mark.parametrize("content", ACTIVE_CONTENT, ids=["html", "svg", "exe"])
@pytest.mark.parametrize("name", NAMES)
def test_active_content_is_refused_under_any_name(send, content, name):
    response = send(attachment=files.upload(content, name, "application/pdf"))
    assert response.status_code == 400
    assert Submission.objects.count() == 0


def with_pdf(demo_round):
    submission = services.submit(
        demo_round,
        valid_input(demo_round, privacy=True),
        files.upload(files.PDF, "innspill.pdf", "application/pdf"),
    )
    return Submission.objects.get(pk=submission.pk)


def test_every_download_is_sandboxed_and_not_sniffed(client, demo_round, plan):
    submission = with_pdf(demo_round)
    services.publish(submission)
    client.force_login(make_user("moderator", MODERATORS_GROUP))
    for url in (
        f"{FORM_URL}mitt/{submission.token}/vedlegg/",
        f"{FORM_URL}vedlegg/{submission.reference}/",
        f"/admin/innspill/vedlegg/{submission.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].startswith("attachment;"), url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Content-Security-Policy"] == "sandbox", url


@pytest.mark.parametrize("state", ["declined", "withdrawn"])
def test_a_declined_or_withdrawn_attachment_is_never_public(client, demo_round, state):
    submission = with_pdf(demo_round)
    if state == "declined":
        services.decline(submission, "Nevner andre personer.")
    else:
        services.withdraw(submission)
    assert client.get(f"{FORM_URL}vedlegg/{submission.reference}/").status_code == 404
