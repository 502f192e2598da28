"""Redaction (sladding): the moderator publishes an edited text and a redacted attachment, or
none, while the input as sent stays untouched for the case file.

What the public gets is read through Submission.public_text and public_attachment_source;
this module checks and stores the moderator's side of it.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from participation import attachments, public_copies

log = logging.getLogger(__name__)


def same_text(first, second):
    """Equal as a reader sees them: a browser sends line breaks as CRLF, and ends may differ."""
    return first.replace("\r\n", "\n").strip() == second.replace("\r\n", "\n").strip()


def stored_version(edited, original):
    """What to store as the public text: "" when it is the text as sent (nothing redacted)."""
    edited = edited.replace("\r\n", "\n").strip()
    return "" if same_text(edited, original) else edited


def checked_replacement(upload):
    """The kind of the moderator's redacted file, checked like a sender's attachment and
    cleanable of metadata as a published one must be; a ValidationError otherwise."""
    kind = attachments.validate(upload)
    try:
        public_copies.without_metadata(upload, kind.content_type)
    except public_copies.CannotClean as error:
        log.info("Sladdet vedlegg avvist, metadata kan ikke fjernes: %s", error)
        raise ValidationError(
            gettext(
                "Vi klarte ikke å fjerne skjulte opplysninger (metadata) fra filen, så den kan "
                "ikke publiseres. Lagre den på nytt som PDF og last den opp igjen."
            )
        ) from None
    finally:
        upload.seek(0)
    return kind


def store_replacement(submission, upload, kind):
    """Keep the redacted file on `submission` (saved by the caller, in a transaction); the one
    it replaces goes once that save is committed. Returns the new file's name, for the caller
    to delete if the save fails (forget_file)."""
    previous = submission.redacted_attachment.name if submission.redacted_attachment else ""
    storage = submission.redacted_attachment.storage
    submission.redacted_attachment.save("sladdet", upload, save=False)
    submission.redacted_attachment_type = kind.content_type
    if previous:
        transaction.on_commit(lambda: storage.delete(previous))
    return submission.redacted_attachment.name


def forget_file(submission, name):
    """Delete a redacted file whose row was not saved; a store that is away keeps it, logged."""
    try:
        submission.redacted_attachment.storage.delete(name)
    except OSError as error:
        log.error("Sladdet vedlegg %s uten innspill ble ikke slettet: %s", name, error)
