"""Files in an S3-compatible object store (django-storages), shared by every app server.

Chosen in the settings when S3_BUCKET and S3_PRIVATE_BUCKET are set (asker/env.py); this
module is imported only then, so a site on local disk never loads boto3.

Two stores, with different rules:
- PublicMediaStorage: Wagtail's images, renditions and documents. Images are fetched by the
  browser straight from the bucket (plain addresses, cacheable); documents are streamed by
  Wagtail's document view, so the bucket policy makes only the image folders public.
- PrivateObjectStorage: citizens' attachments and their public copies. They have no address at
  all: the app streams them after its own permission check, so a download is checked every
  time, keeps the app's headers (download only, no sniffing, sandbox) and works when the store
  is reachable from the app servers only. A signed URL could not be taken back once handed out.
"""

from functools import wraps

from boto3.exceptions import Boto3Error
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

# A request waits this long for the store, at most, before the form tells the sender.
CLIENT_CONFIG = Config(
    connect_timeout=3, read_timeout=15, retries={"mode": "standard", "total_max_attempts": 2}
)
# Everything boto3 raises when the store is away, refuses or breaks off: connection errors
# and timeouts (BotoCoreError), an error answer (ClientError), a failed upload (Boto3Error).
FAILURES = (BotoCoreError, ClientError, Boto3Error)


class StorageUnavailable(OSError):
    """The object store could not do what was asked. An OSError, as a full local disk gives,
    so callers handle both with one except clause."""


def configured(alias):
    """The storage settings.STORAGES names `alias`: what a deconstructed store rebuilds to."""
    return storages[alias]


class ObjectStorage(S3Storage):
    """django-storages' S3Storage with waits a web request can afford, and names never
    overwritten (S3Storage's default is to overwrite a file of the same name)."""

    file_overwrite = False
    alias = None  # its name in settings.STORAGES

    def __init__(self, **options):
        super().__init__(**options)
        self.client_config = self.client_config.merge(CLIENT_CONFIG)

    def deconstruct(self):
        """Its name in the settings, not its options: Wagtail queues a file's deletion with the
        deconstructed storage as the task's argument, and the options hold the secret key,
        which would then sit in the task table and every database dump."""
        return (f"{__name__}.configured", (self.alias,), {})


class PublicMediaStorage(ObjectStorage):
    """Plain, unsigned addresses: a signed one changes every time and defeats every cache."""

    alias = "default"

    querystring_auth = False


def _failing_as_oserror(method):
    @wraps(method)
    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except FAILURES as error:
            raise StorageUnavailable(f"Objektlageret svarte ikke: {error}") from error

    return call


class PrivateObjectStorage(ObjectStorage):
    """Files with no address, whose every failure is an OSError (StorageUnavailable)."""

    alias = "private"

    _save = _failing_as_oserror(ObjectStorage._save)
    _open = _failing_as_oserror(ObjectStorage._open)
    delete = _failing_as_oserror(ObjectStorage.delete)
    exists = _failing_as_oserror(ObjectStorage.exists)
    size = _failing_as_oserror(ObjectStorage.size)
    listdir = _failing_as_oserror(ObjectStorage.listdir)
    get_modified_time = _failing_as_oserror(ObjectStorage.get_modified_time)

    def url(self, name, *args, **kwargs):
        raise ValueError("Private filer har ingen adresse; appen strømmer dem etter sjekken.")
