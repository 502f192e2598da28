"""Input taken out of the admin: a spreadsheet of the listing and a round's attachments as ZIP.

The spreadsheet holds what the case file needs (reference, plan, round, time, category, topic,
the sender's choice about publication, state, text, the answer sent and the reason for not
publishing), never the sender's name or e-mail address.
"""

import logging
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from pathlib import PurePath

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participation import attachments
from participation.models import Submission

log = logging.getLogger(__name__)

COPY_CHUNK = 1024 * 1024


def local_time(moment):
    """Norwegian time without a zone, as a spreadsheet shows it, to the minute."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    value: Callable[[Submission], object]


COLUMNS = (
    Column("reference", _("Referanse"), attrgetter("reference")),
    Column("plan", _("Plan"), lambda submission: submission.round.page.title),
    Column("round", _("Innspillsrunde"), lambda submission: submission.round.title),
    Column("received_at", _("Mottatt"), lambda submission: local_time(submission.received_at)),
    Column("category", _("Type avsender"), Submission.get_category_display),
    Column("topic", _("Tema"), attrgetter("topic")),
    Column("publication", _("Ønske om publisering"), Submission.get_publication_display),
    Column("state", _("Status"), Submission.get_state_display),
    Column("text", _("Innspill"), attrgetter("text")),
    Column("answer", _("Kommunens svar"), attrgetter("answer_sent")),
    Column("decline_reason", _("Begrunnelse for ikke å publisere"), attrgetter("decline_reason")),
)
FIELDS = [column.key for column in COLUMNS]
HEADINGS = {column.key: column.heading for column in COLUMNS}


def row(submission):
    """One submission's values by column key, in the order of COLUMNS."""
    return {column.key: column.value(submission) for column in COLUMNS}


def attachment_extension(submission):
    """The extension of the kind of file recognised at upload (e.g. "pdf")."""
    for kind in attachments.ACCEPTED:
        if kind.content_type == submission.attachment_type:
            return kind.extension
    suffix = PurePath(submission.attachment_name or "").suffix.lstrip(".").lower()
    return suffix if suffix.isalnum() else "bin"


def attachment_filename(submission):
    """E.g. INN-2026-00042.pdf: the reference finds the input, the extension opens the file."""
    return f"{submission.reference}.{attachment_extension(submission)}"


def with_attachments(submissions):
    return submissions.exclude(attachment="").order_by("received_at", "pk")


def write_attachments_zip(submissions, output):
    """Write the attachments of `submissions` into a ZIP archive on the file object `output`,
    copying each file from storage in chunks so no file is held whole in memory.

    Returns the number of files written; a file missing from storage is logged and skipped.
    """
    written = 0
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_STORED) as archive:
        for submission in with_attachments(submissions):
            try:
                source = submission.attachment.open("rb")
            except FileNotFoundError:
                log.warning("Vedlegget til %s mangler på disken", submission.reference)
                continue
            info = zipfile.ZipInfo(
                attachment_filename(submission),
                date_time=local_time(submission.received_at).timetuple()[:6],
            )
            info.compress_type = zipfile.ZIP_STORED  # PDF, DOCX, JPEG: compressed already
            with source, archive.open(info, "w") as target:
                shutil.copyfileobj(source, target, COPY_CHUNK)
            written += 1
    return written
