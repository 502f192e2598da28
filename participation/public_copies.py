"""The public downloads a published attachment as a copy without its hidden details (metadata).

A photo's EXIF may hold where it was taken (GPS) and by whom; a PDF's and a document's
properties the author's name and organisation, also for a sender who asked to be published
without their name. The original stays untouched for staff; the public gets a copy made once,
when the input is published (or at the first public download of input published before).
"""

import io
import logging
import zipfile

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter

from participation import archives, attachments
from participation.models import Submission, attachment_path

log = logging.getLogger(__name__)

# A picture's pixels are unpacked to be saved again: 60 megapixels (a large phone camera)
# is some 180 MB in memory; more is refused rather than risked.
MAX_PIXELS = 60_000_000
# What a picture keeps: how its colours and transparency are to be read, nothing about who.
KEPT_IMAGE_INFO = ("icc_profile", "transparency", "dpi", "gamma")

# Document properties (author, company, template, editing time) replaced by empty ones; the
# parts stay, so the package's own references to them still hold.
EMPTY_PARTS = {
    "docProps/core.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        "<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>'
    ),
    "docProps/app.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>'
    ),
    "docProps/custom.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns='
        '"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
    ),
    "meta.xml": (
        '<?xml version="1.0" encoding="UTF-8"?>\n<office:document-meta '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" office:version="1.2">'
        "<office:meta/></office:document-meta>"
    ),
}


class CannotClean(Exception):
    """The file could not be read well enough to remove its metadata: it is not published."""


def _image(file, format):
    with Image.open(file) as image:
        if image.width * image.height > MAX_PIXELS:
            raise CannotClean("for mange piksler")
        # Turned as EXIF says before EXIF goes, or a phone photo would lie on its side.
        upright = ImageOps.exif_transpose(image)
        kept = {key: image.info[key] for key in KEPT_IMAGE_INFO if key in image.info}
        upright.info = kept  # drops EXIF, XMP, comments and PNG text chunks
        output = io.BytesIO()
        extra = {"quality": 90} if format == "JPEG" else {}
        upright.save(output, format, **kept, **extra)
    return output.getvalue()


def _pdf(file):
    reader = PdfReader(file)
    if reader.is_encrypted:
        raise CannotClean("kryptert PDF")
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None  # the /Info dictionary: author, creator, producer, dates
    writer.xmp_metadata = None  # the document's XMP stream
    for page in writer.pages:
        for key in ("/Metadata", "/PieceInfo"):  # per page XMP and application data
            page.pop(key, None)
    writer.compress_identical_objects()  # drops what no longer is referred to
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _office_document(file):
    output = io.BytesIO()
    with archives.opened(file) as archive, zipfile.ZipFile(output, "w") as clean:
        for entry in archive.infolist():
            # A fresh entry: no time stamps, comments or extra fields from the original.
            part = zipfile.ZipInfo(entry.filename)
            part.compress_type = entry.compress_type  # an ODT's mimetype stays first, stored
            if entry.filename in EMPTY_PARTS:
                clean.writestr(part, EMPTY_PARTS[entry.filename])
            elif not entry.is_dir():
                with clean.open(part, "w") as target:
                    archives.copy_capped(archive, entry, target, archives.MAX_UNPACKED_BYTES)
    return output.getvalue()


def without_metadata(file, content_type):
    """The file's bytes without its metadata; CannotClean when that cannot be done."""
    try:
        if content_type == attachments.JPEG.content_type:
            return _image(file, "JPEG")
        if content_type == attachments.PNG.content_type:
            return _image(file, "PNG")
        if content_type == attachments.PDF.content_type:
            return _pdf(file)
        if content_type in (attachments.DOCX.content_type, attachments.ODT.content_type):
            return _office_document(file)
    except (archives.NotAnArchive, archives.UnsafeArchive) as error:
        raise CannotClean(type(error).__name__) from error
    except Exception as error:
        # Pillow and pypdf read hostile files and fail on damaged ones in many ways (OSError,
        # ValueError, PyPdfError, KeyError, RecursionError…): any of them means not cleaned,
        # so not published, never a 500.
        raise CannotClean(f"{type(error).__name__}: {error}") from error
    raise CannotClean(f"ukjent filtype {content_type!r}")


def ensure(submission):
    """The public copy of the submission's attachment, made now if it is not yet; False when
    there is nothing to publish or it could not be made (logged for staff)."""
    source, content_type = submission.public_attachment_source
    if not source:  # none sent, or withheld by the moderator (participation.redaction)
        return False
    if submission.public_attachment:
        return True
    storage = source.storage
    try:
        with source.open("rb") as original:
            cleaned = without_metadata(original, content_type)
        name = storage.save(attachment_path(submission, ""), ContentFile(cleaned))
    except (CannotClean, OSError) as error:
        log.error(
            "Vedlegget til %s publiseres ikke: metadata kunne ikke fjernes (%s)",
            submission.reference,
            error,
        )
        return False
    # Two first downloads at once make two copies: the row keeps the first, the other goes.
    if Submission.objects.filter(pk=submission.pk, public_attachment="").update(
        public_attachment=name
    ):
        submission.public_attachment = name
    else:
        storage.delete(name)
        submission.refresh_from_db(fields=["public_attachment"])
    return bool(submission.public_attachment)


def make_after_publishing(submission):
    """Make the copy once the publication is committed: a rolled-back publication leaves no
    file behind, and the first public download makes it if this fails."""
    transaction.on_commit(lambda: ensure(submission))


def delete(submission):
    """Remove the public copy once the row is saved without it (anonymisation, or a moderator
    withholding or replacing the attachment)."""
    if submission.public_attachment:
        storage, name = submission.public_attachment.storage, submission.public_attachment.name
        transaction.on_commit(lambda: storage.delete(name))
        submission.public_attachment = ""
