"""Documents are served only through the document view, which applies collection privacy, and
are stored under names nobody can guess (asker/media.py)."""

import os
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, default_storage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

pytestmark = pytest.mark.django_db

SECRET = b"Budsjettutkast, ikke for publisering."
# documents/<at least 16 random characters>/<the uploader's name>
HIDDEN = r"documents/(?P<random>[A-Za-z0-9_-]{16,})/(?P<name>[^/]+)"


@pytest.fixture
def internal():
    """A collection only logged-in users may see."""
    collection = Collection.get_first_root_node().add_child(name="Interne dokumenter")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def upload(name, content=SECRET, **fields):
    return Document.objects.create(title=name, file=ContentFile(content, name=name), **fields)


def move_from_the_uploaders_name(document, django_capture_on_commit_callbacks):
    """Store the document's file under the uploader's own name, as uploads were before
    asker/0004, and run that migration's move. Returns the old name; the document is reloaded."""
    content = document.file.open("rb").read()
    document.file.close()
    old = default_storage.save(f"documents/{document.filename}", ContentFile(content))
    Document.objects.filter(pk=document.pk).update(file=old)

    from asker import media  # the migration's work, as asker/0004 runs it

    with django_capture_on_commit_callbacks(execute=True):
        media.hide_existing_documents(Document)

    document.refresh_from_db()
    return old


def test_a_private_document_is_not_served_under_media(client, internal):
    document = upload("budsjett-utkast.txt", collection=internal)

    for path in (
        document.file.name,  # its stored name, had anyone learnt it
        "documents/budsjett-utkast.txt",  # the uploader's own name: the guess
        f"images/../{document.file.name}",  # the same, by a detour
    ):
        response = client.get(f"/media/{path}")
        assert response.status_code == 404, path
        assert SECRET not in b"".join(getattr(response, "streaming_content", [response.content]))
    assert client.get(document.url).status_code == 302  # the document view asks for a login


def test_documents_are_stored_under_names_nobody_can_guess(internal):
    first = upload("budsjett-utkast.txt", collection=internal)
    second = upload("budsjett-utkast.txt", collection=internal)

    # As Wagtail's "create from upload" admin view stores a file: before the row is saved.
    third = Document(title="Budsjett", collection=internal)
    third.file.save("budsjett-utkast.txt", ContentFile(SECRET), save=False)
    third.save()

    found = [re.fullmatch(HIDDEN, d.file.name) for d in (first, second, third)]
    assert all(found), (first.file.name, second.file.name, third.file.name)
    assert found[0]["random"] != found[1]["random"]
    assert {match["name"] for match in found} == {"budsjett-utkast.txt"}
    assert first.filename == "budsjett-utkast.txt"  # its address and download name stay


def test_the_document_view_serves_public_documents_under_their_own_name(client):
    document = upload("Plan-for-høringen.txt", b"Offentlig plan.")

    response = client.get(document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Offentlig plan."
    assert "filename*=UTF-8''Plan-for-h%C3%B8ringen.txt" in response["Content-Disposition"]
    assert document.url == f"/dokumenter/{document.pk}/Plan-for-h%C3%B8ringen.txt"


class ObjectStorage(InMemoryStorage):
    """Like S3: files with an address but no path on disk, for which Wagtail's default is to
    redirect to the storage's own address."""

    def _relative_path(self, name):  # where the in-memory tree finds a file
        return os.path.relpath(super().path(name), self.location)

    def path(self, name):
        raise NotImplementedError


def test_on_object_storage_the_document_view_streams_instead_of_redirecting(client, settings):
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.ObjectStorage"}}
    document = upload("plan.txt", b"Offentlig plan.")

    response = client.get(document.url)

    assert response.status_code == 200  # not a redirect to /media/ or a bucket
    assert b"".join(response.streaming_content) == b"Offentlig plan."


def test_the_document_view_serves_private_documents_to_logged_in_users_only(
    client, internal, django_user_model
):
    document = upload("budsjett-utkast.txt", collection=internal)

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]

    client.force_login(django_user_model.objects.create_user("ansatt", password="x"))
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == SECRET


def test_documents_stored_under_their_uploaders_name_are_moved(
    client, django_capture_on_commit_callbacks
):
    document = upload("gammel-plan.txt", b"Lastet opp for lenge siden.")
    old = move_from_the_uploaders_name(document, django_capture_on_commit_callbacks)
    assert re.fullmatch(HIDDEN, document.file.name), document.file.name
    assert not default_storage.exists(old)
    response = client.get(f"/dokumenter/{document.pk}/gammel-plan.txt")  # the old address
    assert b"".join(response.streaming_content) == b"Lastet opp for lenge siden."


def test_original_images_are_stored_under_names_nobody_can_guess(client):
    image = Image.objects.create(title="Kart", file=get_test_image_file(filename="kart.png"))

    assert re.fullmatch(r"original_images/[A-Za-z0-9_-]{16}_kart\.png", image.file.name)
    assert client.get("/media/original_images/kart.png").status_code == 404
    # Images stay public under /media/ for those who have their address.
    rendition = image.get_rendition("width-100")
    assert client.get(rendition.url).status_code == 200
    assert client.get(f"/media/{image.file.name}").status_code == 200
