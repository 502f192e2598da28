"""Where attachments live: outside MEDIA_ROOT, so no web server can serve them directly.

Staff download them through a permission-checked view, and the public only once the input is
published (see participation.views).
"""

import os
from contextlib import suppress

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="participation.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under PRIVATE_MEDIA_ROOT, read from the settings on every use, with no URL."""

    def __init__(self):
        super().__init__(base_url=None)

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


private_storage = PrivateStorage()
