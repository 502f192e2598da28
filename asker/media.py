"""What of the uploaded media anyone may fetch by name, and the names files are stored under.

Wagtail keeps the uploader's file name, so a file's address under /media/ could be guessed.
Documents are only ever served through Wagtail's document view (/dokumenter/<id>/<name>), which
applies the collection's privacy; they are stored under a random folder besides, so a copy that
is served by name (a bucket, a proxy, a backup) cannot be found by guessing. The file keeps its
own name inside that folder: the document view's address and its download name stay the
uploader's. Images have no privacy in Wagtail: renditions stay public by name, and original
images get a random prefix, so an original in a private collection cannot be guessed either.
"""

import posixpath
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.views.static import serve
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

# The folders of MEDIA_ROOT /media/ may serve: Wagtail's renditions and original images.
# Documents ("documents/") are not among them.
PUBLIC_FOLDERS = {"images", "original_images"}

DOCUMENTS = "documents"
HIDDEN_DOCUMENT = re.compile(rf"{DOCUMENTS}/[A-Za-z0-9_-]{{16}}/[^/]+")


def random_part():
    """16 characters, 96 random bits: too many to guess, short enough to leave room for the
    file's own name in Wagtail's 100-character column."""
    return secrets.token_urlsafe(12)


def serve_public_media(request, path):
    """/media/ in development and single-host setups (SERVE_MEDIA), public folders only."""
    # The same normalisation django.views.static.serve applies, so "images/../documents/x"
    # is judged as the "documents/x" it would fetch.
    folder = posixpath.normpath(path).lstrip("/").split("/", 1)[0]
    if folder not in PUBLIC_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def in_random_folder(name):
    return f"{random_part()}/{posixpath.basename(name)}"


def with_random_prefix(name):
    return f"{random_part()}_{posixpath.basename(name)}"


def store_uploads_under_random_names():
    """Documents: documents/<random>/<name>. Original images: original_images/<random>_<name>
    (Wagtail's image model makes the folder and allows no subfolder)."""
    store_under_random_names(get_document_model(), in_random_folder)
    store_under_random_names(get_image_model(), with_random_prefix)


def store_under_random_names(model, rename):
    """Every new file of `model` is stored under `rename(its name)`, then under the model's own
    folder rules. At the field's generate_filename, which every way of storing a file passes
    (forms, Model.save, FieldFile.save as Wagtail's "create from upload" views use), and which
    migrations do not compare, so Wagtail's models and migrations stay as they are."""
    field = model._meta.get_field("file")
    generate = field.generate_filename
    if getattr(generate, "renames", False):
        return

    def generate_filename(instance, filename):
        return generate(instance, rename(filename))

    generate_filename.renames = True
    field.generate_filename = generate_filename


def hide_existing_documents(Document):
    """Move documents stored under their uploader's name to documents/<random>/<name>.

    Through the storage's own open, save and delete, so it works on any storage (local disk,
    S3). An old file is deleted only once its row points at the copy and that is committed."""
    field = Document._meta.get_field("file")
    storage = field.storage
    for document in Document.objects.exclude(file="").only("pk", "file").iterator():
        old = document.file.name
        if HIDDEN_DOCUMENT.fullmatch(old) or not storage.exists(old):
            continue  # done already, or the file is lost and there is nothing to move
        with storage.open(old, "rb") as content:
            new = storage.save(
                f"{DOCUMENTS}/{in_random_folder(old)}",
                content,
                max_length=field.max_length,
            )
        Document.objects.filter(pk=document.pk).update(file=new)
        transaction.on_commit(lambda old=old: storage.delete(old))
