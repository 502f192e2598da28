"""A full disk while the attachment is saved: the sender is told, keeps their text, and nothing
is half-stored."""

import errno
import logging
from pathlib import Path

import pytest

from participation.models import Submission
from participation.storage import PrivateStorage
from tests.participation import files
from tests.participation.test_submit import summary

pytestmark = pytest.mark.django_db

NOT_STORED = "Vi fikk ikke lagret vedlegget ditt akkurat nå, så innspillet er ikke sendt."


@pytest.fixture(autouse=True)
def without_demo_input(demo_site):
    Submission.objects.all().delete()


@pytest.fixture
def files_on_disk(settings):
    def found():
        return {p for p in Path(settings.PRIVATE_MEDIA_ROOT).rglob("*") if p.is_file()}

    return found


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def send_text_with_pdf(send, caplog):
    """The form with a long text and a PDF, the errors it logs captured."""
    with caplog.at_level(logging.ERROR):
        return send(
            attachment=files.upload(files.PDF, "innspill.pdf"),
            text="Min lange tekst om sykkelveier.",
        )


def assert_told_and_kept(response, caplog):
    assert response.status_code == 503  # as when the database is away: not stored, send again
    assert NOT_STORED in summary(response)
    html = response.content.decode()
    assert "Min lange tekst om sykkelveier." in html
    assert 'value="Kari Nordmann"' in html and 'value="kari@example.no"' in html
    assert Submission.objects.count() == 0
    assert "vedlegget kunne ikke skrives" in caplog.text


def test_a_full_disk_gives_a_clear_error_with_the_text_kept(
    send, monkeypatch, caplog, files_on_disk
):
    before = files_on_disk()
    monkeypatch.setattr(PrivateStorage, "save", disk_full)
    assert_told_and_kept(send_text_with_pdf(send, caplog), caplog)
    assert files_on_disk() == before


def test_a_disk_that_fills_up_halfway_through_the_file_leaves_no_part_of_it(
    send, monkeypatch, caplog, files_on_disk
):
    before = files_on_disk()
    original = PrivateStorage._save

    class FillsUp:
        """The upload's chunks: the first is written, then the disk is full."""

        def __init__(self, content):
            self.content = content

        def chunks(self):
            yield files.PDF
            disk_full()

        def __getattr__(self, name):
            return getattr(self.content, name)

    monkeypatch.setattr(
        PrivateStorage, "_save", lambda self, name, content: original(self, name, FillsUp(content))
    )
    assert_told_and_kept(send_text_with_pdf(send, caplog), caplog)
    assert files_on_disk() == before


def test_after_the_disk_is_freed_the_same_form_can_be_sent(send, monkeypatch, settings):
    settings.PARTICIPATION_RATE_LIMIT = 1  # the failed post is not counted against the sender
    with monkeypatch.context() as patched:
        patched.setattr(PrivateStorage, "save", disk_full)
        assert send(attachment=files.upload(files.PDF, "a.pdf")).status_code == 503
    assert send(attachment=files.upload(files.PDF, "a.pdf")).status_code == 302
    assert Submission.objects.get().attachment
