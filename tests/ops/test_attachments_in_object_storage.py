"""Citizens' attachments in the private bucket (S3_PRIVATE_BUCKET): posted through one app
server, downloaded by a moderator through another; a store that is away or refuses gives the
form's 503 page with the text kept and nothing stored. Two Django test clients, each with its
own empty local disks, stand in for two instances sharing the store."""

import re

import pytest
from django.test import Client

from asker.env import read_object_storage
from participation import links
from participation.models import Submission
from participation.moderation.permissions import MODERATORS_GROUP
from tests.factories import ParticipationRoundFactory
from tests.ops import object_store
from tests.participation import files
from tests.participation.moderation_support import make_user
from tests.participation.test_database_faults import database_fails_if, writes_submission
from tests.participation.test_submit import summary

pytestmark = pytest.mark.django_db

TEXT = "Sykkelvei langs Gamle Drammensvei, takk."
NOT_STORED = "Vi fikk ikke lagret vedlegget ditt akkurat nå, så innspillet er ikke sendt."


@pytest.fixture(autouse=True)
def no_fill_delay(settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0


@pytest.fixture
def round():
    return ParticipationRoundFactory(allow_attachments=True)


@pytest.fixture
def post(round, django_capture_on_commit_callbacks):
    """Post the form with a PDF through a fresh client (a browser reaching any instance)."""

    def send(failing=None):
        browser = Client()
        url = links.form_path(round.page)
        stamp = re.search(r'name="shown_at" value="([^"]+)"', browser.get(url).content.decode())
        data = {
            "shown_at": stamp.group(1),
            "round": str(round.pk),
            "name": "Kari Nordmann",
            "email": "kari@example.no",
            "category": "private",
            "text": TEXT,
            "publication": "named",
            "privacy": "on",
            "website": "",
            "attachment": files.upload(files.PDF, "innspill.pdf"),
        }
        with django_capture_on_commit_callbacks(execute=True), database_fails_if(failing):
            return browser.post(url, data)

    return send


def stored_objects(store, bucket):
    return [
        item["Key"] for item in store.client().list_objects_v2(Bucket=bucket).get("Contents", [])
    ]


def assert_told_and_kept(response):
    assert response.status_code == 503
    assert NOT_STORED in summary(response)
    html = response.content.decode()
    assert TEXT in html and 'value="kari@example.no"' in html
    assert not Submission.objects.exists()


def test_an_attachment_posted_through_one_server_is_downloaded_through_another(
    object_storage, s3_buckets, post, local_disks, plan_moderator
):
    response = post()  # instance A
    assert response.status_code == 302
    submission = Submission.objects.get()
    local_disks()  # instance B: its disks never saw the upload

    moderator = Client()
    moderator.force_login(plan_moderator)
    download = moderator.get(f"/admin/innspill/vedlegg/{submission.pk}/")

    assert download.status_code == 200
    assert b"".join(download.streaming_content) == files.PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert local_disks.files() == []  # in the bucket, on no server's disk
    # The private bucket has no public address for it.
    status, body = object_storage.anonymous_get(s3_buckets[1], submission.attachment.name)
    assert status == 403 and body != files.PDF


@pytest.fixture
def plan_moderator(round):
    return make_user("moderator", MODERATORS_GROUP)


def test_a_database_fault_after_the_upload_leaves_nothing_in_the_bucket(
    object_storage, s3_buckets, post
):
    before = stored_objects(object_storage, s3_buckets[1])

    response = post(failing=writes_submission("INSERT"))

    assert response.status_code == 503
    assert TEXT in response.content.decode()
    assert not Submission.objects.exists()
    assert stored_objects(object_storage, s3_buckets[1]) == before


@pytest.fixture
def store_away(settings, monkeypatch, local_disks):
    """The object store's address answers nothing: a closed port on loopback."""
    environment = object_store.Store(
        f"http://127.0.0.1:{object_store.closed_port()}", "testing", "testing"
    ).environment("asker-media", "asker-vedlegg")
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, **read_object_storage()}


def test_with_the_store_away_the_form_says_so_and_keeps_the_text(store_away, post, local_disks):
    assert_told_and_kept(post())
    assert local_disks.files() == []


def test_a_store_that_refuses_the_upload_gives_the_same_page(
    object_storage, s3_buckets, settings, post
):
    """An error answer (here: the bucket is gone), not only a connection that fails."""
    private = settings.STORAGES["private"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**private, "OPTIONS": {**private["OPTIONS"], "bucket_name": "finnes-ikke"}},
    }
    assert_told_and_kept(post())


def test_a_store_lost_while_cleaning_up_after_a_database_fault_is_logged(
    object_storage, post, monkeypatch, caplog
):
    """The sender is told what stopped the input (the database); the file left in the store
    is logged for the operator, not hidden behind a second error."""
    from core.object_storage import PrivateObjectStorage, StorageUnavailable

    def store_gone(self, name):
        raise StorageUnavailable("Objektlageret svarte ikke")

    monkeypatch.setattr(PrivateObjectStorage, "delete", store_gone)

    response = post(failing=writes_submission("INSERT"))

    assert response.status_code == 503
    assert "Vi fikk ikke lagret innspillet akkurat nå." in summary(response)
    assert NOT_STORED not in summary(response)
    assert "uten innspill ble ikke slettet" in caplog.text
