"""An attachment kept while the sender corrects the rest of the form.

A browser cannot fill in a file field again, so without this a sender who forgot a field had to
find the file once more. When a post fails on something else, an attachment that passed the
checks is written to the private storage (never a public address) under a random name, and the
form carries a signed token for it in a hidden field. The next post without a new file uses the
kept file, after the same checks as a new one (attachments.validate). The token says nothing but
the random name and the sender's own file name, is signed with SECRET_KEY and lasts KEEP_SECONDS;
a forged or old token is ignored. The file is deleted once the input is stored, when a new file
replaces it, and in any case by the daily anonymise_submissions run once it is older than
KEEP_SECONDS.
"""

import logging
import secrets
from contextlib import suppress
from datetime import timedelta

from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from participation.storage import private_storage

FOLDER = "innspill-venter"
KEEP_SECONDS = 6 * 60 * 60
SALT = "participation.kept-attachment"
log = logging.getLogger(__name__)


def keep(upload, kind):
    """Store a checked upload; the token for the form's hidden field, or "" if the store failed
    (the sender then chooses the file again, as before)."""
    name = f"{FOLDER}/{secrets.token_urlsafe(24)}.{kind.extension}"
    upload.seek(0)
    try:
        stored = private_storage.save(name, upload)
    except OSError as error:
        log.warning("Vedlegget kunne ikke tas vare på mens skjemaet rettes: %s", error)
        return ""
    finally:
        upload.seek(0)
    return signing.dumps({"file": stored, "name": upload.name}, salt=SALT, compress=True)


def _unsigned(token):
    try:
        value = signing.loads(token, salt=SALT, max_age=KEEP_SECONDS)
    except signing.BadSignature:  # forged, changed or expired
        return None
    stored = value.get("file", "") if isinstance(value, dict) else ""
    # Only names this module made: a signed token is ours, but stay inside the folder anyway.
    if not stored.startswith(f"{FOLDER}/") or ".." in stored:
        return None
    return value


def restore(token):
    """The kept file as an upload to check again, or None (no token, a bad one, the file gone)."""
    value = _unsigned(token) if token else None
    if value is None:
        return None
    try:
        with private_storage.open(value["file"], "rb") as stored:
            content = stored.read()
    except OSError:  # deleted by the clean-up, or the store is away: choose the file again
        return None
    return SimpleUploadedFile(value.get("name") or "vedlegg", content)


def name_of(token):
    """The sender's own file name for a valid token, for showing next to the file field."""
    value = _unsigned(token) if token else None
    return (value.get("name") or "") if value else ""


def discard(token):
    """Delete the kept file (the input is stored with its own copy, or a new file replaced it)."""
    value = _unsigned(token) if token else None
    if value is not None:
        with suppress(OSError):
            private_storage.delete(value["file"])


def remove_stale(now=None):
    """Delete kept files older than KEEP_SECONDS; the number deleted."""
    cutoff = (now or timezone.now()) - timedelta(seconds=KEEP_SECONDS)
    try:
        _folders, files = private_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return 0
    removed = 0
    for file in files:
        name = f"{FOLDER}/{file}"
        with suppress(FileNotFoundError):
            if private_storage.get_modified_time(name) < cutoff:
                private_storage.delete(name)
                removed += 1
    return removed
