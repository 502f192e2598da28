"""Attachments are recognised by their content, never by their name or the browser's claim."""

from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.utils.formats import number_format
from django.utils.text import get_text_list, get_valid_filename
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from participation import archives


@dataclass(frozen=True)
class FileKind:
    extension: str
    content_type: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
PNG = FileKind("png", "image/png", "PNG")
DOCX = FileKind(
    "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (DOCX)",
)
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", _("OpenDocument-tekst (ODT)"))
ACCEPTED = (PDF, DOCX, ODT, JPEG, PNG)
EXTENSIONS = {kind.content_type: kind.extension for kind in ACCEPTED}
ACCEPT_ATTRIBUTE = ",".join(f".{kind.extension}" for kind in ACCEPTED) + ",.jpeg"


def allowed_text():
    """The accepted kinds as a sender reads them, in the active language: «PDF, …, JPEG eller
    PNG» (Django's own translation of "or")."""
    return get_text_list([str(kind.label) for kind in ACCEPTED])


def recognise(upload):
    """The kind of file the bytes say it is, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        return _office_document(upload)
    return None


def _office_document(upload):
    """DOCX or ODT by the archive's entries; UnsafeArchive for a zip bomb (see archives)."""
    try:
        with archives.opened(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archives.read_capped(archive, "mimetype", 100)
                return (
                    ODT if mimetype.decode("ascii", "replace").strip() == ODT.content_type else None
                )
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except archives.NotAnArchive:
        return None
    return None


def validate(upload):
    """The file's kind, or a ValidationError in words the sender can act on."""
    # The form's upload handler (upload_limits) stops a larger file as it arrives; this is the
    # same rule for a file that reaches here some other way.
    if upload.size > settings.PARTICIPATION_MAX_ATTACHMENT_BYTES:
        raise ValidationError(too_large_message())
    if upload.size == 0:
        raise ValidationError(gettext("Filen er tom. Velg en annen fil."))
    try:
        kind = recognise(upload)
    except archives.UnsafeArchive:
        raise ValidationError(unsafe_archive_message()) from None
    if kind is None:
        raise ValidationError(
            gettext("Vi kan ikke ta imot denne filtypen. Vedlegget må være %(types)s.")
            % {"types": allowed_text()}
        )
    return kind


def display_name(original_name, kind):
    """A safe name for showing and downloading: the sender's stem, the real extension."""
    try:
        stem = get_valid_filename(PurePath(original_name or "").stem)[:80]
    except SuspiciousFileOperation:  # nothing usable left of the name
        stem = ""
    stem = stem or "vedlegg"
    return f"{stem}.{kind.extension}"


def megabytes(size):
    """A size as people say it, with the active language's decimal mark: «10 MB», «2,5 MB»."""
    value = round(size / (1024 * 1024), 1)
    return f"{number_format(int(value) if value.is_integer() else value)} MB"


def too_large_message():
    return gettext(
        "Filen er for stor (over %(limit)s). Del den opp, eller lagre den som PDF med "
        "mindre bilder, og velg den på nytt. Vi har tatt vare på det andre du skrev."
    ) % {"limit": megabytes(settings.PARTICIPATION_MAX_ATTACHMENT_BYTES)}


def unsafe_archive_message():
    return gettext(
        "Vi kan ikke åpne dokumentet trygt: det er pakket slik at det blir mange ganger større "
        "når det åpnes. Lagre det på nytt i tekstbehandleren, eller som PDF, og velg det igjen. "
        "Vi har tatt vare på det andre du skrev."
    )
