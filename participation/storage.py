"""Where attachments live: never where a web server serves files by name.

On one host that is a folder outside MEDIA_ROOT (LocalPrivateStorage); with several app servers
it is a private bucket of the object store (core.object_storage), chosen in the settings as
STORAGES["private"]. Staff download attachments through a permission-checked view, and the
public only once the input is published (see participation.views).
"""

import os
from contextlib import suppress

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils.deconstruct import deconstructible

PRIVATE = "private"


class LocalPrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from the settings on every use, with no URL."""

    def __init__(self, **options):
        super().__init__(base_url=None, **options)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # Django leaves what was written before the error (a full disk): remove it, so a
            # failed save leaves no orphan. The name is ours: random, and opened with O_EXCL.
            with suppress(OSError):
                os.remove(self.path(name))
            raise

    def url(self, name):
        raise ValueError("Vedlegg til innspill har ingen offentlig adresse.")


def _delegated(name):
    def method(self, *args, **kwargs):
        return getattr(self.backend, name)(*args, **kwargs)

    method.__name__ = name
    return method


@deconstructible(path="participation.storage.PrivateStorage")
class PrivateStorage(Storage):
    """The storage STORAGES["private"] names, looked up at every use.

    The models' fields hold this one object, so their migrations stay the same whichever store
    a site uses, and a test that changes STORAGES changes where the files go. Storage.save and
    Storage.open run here and call the store's own steps below; every failure is an OSError
    (a full disk, or core.object_storage.StorageUnavailable)."""

    @property
    def backend(self):
        return storages[PRIVATE]

    _open = _delegated("_open")
    _save = _delegated("_save")
    get_valid_name = _delegated("get_valid_name")
    get_available_name = _delegated("get_available_name")
    is_name_available = _delegated("is_name_available")
    path = _delegated("path")
    delete = _delegated("delete")
    exists = _delegated("exists")
    listdir = _delegated("listdir")
    size = _delegated("size")
    url = _delegated("url")
    get_accessed_time = _delegated("get_accessed_time")
    get_created_time = _delegated("get_created_time")
    get_modified_time = _delegated("get_modified_time")


private_storage = PrivateStorage()
