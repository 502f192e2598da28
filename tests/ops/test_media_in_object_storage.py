"""Images, renditions and documents in the object store (S3_BUCKET), where every app server
finds them: a real S3-compatible server on loopback (tests/ops/object_store.py)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from tests.asker.test_private_documents import move_from_the_uploaders_name

pytestmark = pytest.mark.django_db

SECRET = b"Budsjettutkast, ikke for publisering."


def streamed(response):
    return b"".join(response.streaming_content)


def test_an_uploaded_image_is_shown_from_the_bucket_by_every_server(
    object_storage, s3_buckets, local_disks
):
    bucket = s3_buckets[0]
    image = Image.objects.create(title="Kart", file=get_test_image_file(filename="kart.png"))
    local_disks()  # the page is rendered by another server: its disk never saw the upload

    html = Template("{% load wagtailimages_tags %}{% image image fill-80x60 %}").render(
        Context({"image": image})
    )

    src = re.search(r'src="([^"]+)"', html).group(1)
    assert src.startswith(f"{object_storage.endpoint}/{bucket}/images/"), src
    status, body = object_storage.anonymous_get(bucket, src.split(f"/{bucket}/", 1)[1])
    assert status == 200 and body.startswith(b"\x89PNG")  # the rendition, as a browser gets it
    assert local_disks.files() == []  # neither the original nor the rendition on a disk


def test_a_private_document_is_served_only_through_the_document_view(
    object_storage, s3_buckets, client, django_user_model, local_disks
):
    internal = Collection.get_first_root_node().add_child(name="Interne dokumenter")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = Document.objects.create(
        title="Budsjett",
        file=ContentFile(SECRET, name="budsjett-utkast.txt"),
        collection=internal,
    )
    local_disks()  # downloaded through another server

    assert document.url == f"/dokumenter/{document.pk}/budsjett-utkast.txt"
    status, body = object_storage.anonymous_get(s3_buckets[0], document.file.name)
    assert status == 403 and SECRET not in body  # the bucket's own address gives nothing
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    client.force_login(django_user_model.objects.create_user("ansatt", password="x"))
    response = client.get(document.url)
    assert response.status_code == 200 and streamed(response) == SECRET
    assert local_disks.files() == []


def test_documents_stored_under_their_uploaders_name_are_moved_in_the_bucket(
    object_storage, s3_buckets, client, django_capture_on_commit_callbacks
):
    document = Document.objects.create(
        title="Plan", file=ContentFile(b"Lastet opp for lenge siden.", name="gammel-plan.txt")
    )
    old = move_from_the_uploaders_name(document, django_capture_on_commit_callbacks)
    assert re.fullmatch(r"documents/[A-Za-z0-9_-]{16}/gammel-plan\.txt", document.file.name)
    assert not default_storage.exists(old)
    response = client.get(f"/dokumenter/{document.pk}/gammel-plan.txt")
    assert streamed(response) == b"Lastet opp for lenge siden."


def test_a_deleted_images_queued_task_holds_no_key_and_still_deletes(
    object_storage, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Wagtail queues a file's deletion with the deconstructed storage as the task's argument:
    with the store's options that was the secret key, kept in the task table and its dumps."""
    from wagtail.images import signal_handlers

    task = signal_handlers.delete_file_from_storage_task
    queued = []

    class Recording:
        def enqueue(self, *args, **kwargs):
            queued.append(repr((args, kwargs)))
            return task.enqueue(*args, **kwargs)

    monkeypatch.setattr(signal_handlers, "delete_file_from_storage_task", Recording())
    image = Image.objects.create(title="Kart", file=get_test_image_file(filename="kart.png"))
    name = image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()

    assert queued, "Wagtail no longer queues the deletion here: this test needs a new hook"
    secret = settings.STORAGES["default"]["OPTIONS"]["secret_key"]
    assert all(secret not in call and "secret_key" not in call for call in queued), queued
    assert not default_storage.exists(name)  # the storage rebuilt from its name deleted it
