"""Input taken out of the admin: a spreadsheet of the listing and a round's attachments as ZIP.

The spreadsheet holds what the case file needs (reference, plan, round, time, category, topic,
the sender's choice about publication, state, text, the answer sent and the reason for not
publishing). The sender's name and organisation are added only for staff with the permission
«Kan eksportere personopplysninger» who ask for them, and every such export is written to
Wagtail's audit log (`log_personal_export`). The e-mail address is never exported.

Rows are read as plain values, a chunk at a time (`rows`), and written as they come (CSV
streamed, XLSX as the XML of its sheet: core.xlsx), so memory stays flat
however many rows there are.
"""

import logging
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import ModelLogEntry

from core import spreadsheets
from participation import attachments
from participation.models import (
    ParticipationRound,
    Publication,
    SenderCategory,
    Submission,
    SubmissionState,
)

log = logging.getLogger(__name__)

COPY_CHUNK = 1024 * 1024
CHUNK_ROWS = 2000  # rows fetched per round trip by the server-side cursor

# The permission (Submission's Meta) and the audit log action (participation.wagtail_hooks).
PERSONAL_DATA_PERMISSION = "participation.export_personal_data"
PERSONAL_DATA_ACTION = "participation.export_personal_data"


def local_time(moment):
    """Norwegian time without a zone, as a spreadsheet shows it, to the minute."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(tzinfo=None, second=0, microsecond=0)


def _label(choices):
    labels = {value: str(label) for value, label in choices.choices}
    return lambda value: labels.get(value, value)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    field: str  # what is read from the database (values_list)
    convert: Callable[[object], object] | None = None


def _columns():
    """Made per export, so the labels are in the language active then."""
    return (
        Column("reference", _("Referanse"), "reference"),
        Column("plan", _("Plan"), "round__page__title"),
        Column("round", _("Innspillsrunde"), "round__title"),
        Column("received_at", _("Mottatt"), "received_at", local_time),
        Column("category", _("Type avsender"), "category", _label(SenderCategory)),
        Column("topic", _("Tema"), "topic"),
        Column("publication", _("Ønske om publisering"), "publication", _label(Publication)),
        Column("state", _("Status"), "state", _label(SubmissionState)),
        Column("text", _("Innspill"), "text"),
        # Empty unless a moderator redacted the text: the case file keeps the original above.
        Column("redacted_text", _("Publisert versjon (sladdet)"), "redacted_text"),
        Column("answer", _("Kommunens svar"), "answer_sent"),
        Column("decline_reason", _("Begrunnelse for ikke å publisere"), "decline_reason"),
    )


def _personal_columns():
    return (
        Column("name", _("Navn"), "name"),
        Column("organisation", _("Organisasjon"), "organisation"),
    )


def columns(personal=False):
    """The export's columns; with `personal`, name and organisation after the reference."""
    plain = _columns()
    return (plain[0], *_personal_columns(), *plain[1:]) if personal else plain


FIELDS = [column.key for column in _columns()]
HEADINGS = {column.key: column.heading for column in _columns()}


def headings(personal=False):
    return [column.heading for column in columns(personal)]


def ordered(submissions):
    """The export's order: as received, oldest first (what a case file lists)."""
    return submissions.order_by("received_at", "pk")


def rows(submissions, personal=False, chunk_size=CHUNK_ROWS):
    """Each submission as a list of cell values, read as plain values in chunks: only the
    columns needed, the plan and round joined in, no model instances."""
    wanted = columns(personal)
    fields = [column.field for column in wanted]
    converters = [column.convert for column in wanted]
    values = submissions.values_list(*fields).iterator(chunk_size=chunk_size)
    for record in values:
        yield [
            convert(value) if convert else value
            for value, convert in zip(record, converters, strict=True)
        ]


def row(submission, personal=False):
    """One submission's values by column key."""
    return {
        column.key: (column.convert or (lambda value: value))(_read(submission, column.field))
        for column in columns(personal)
    }


def _read(submission, field):
    value = submission
    for part in field.split("__"):
        value = getattr(value, part)
    return value


def stream_csv(submissions, personal=False):
    """The CSV (;-separated, BOM first) as encoded lines, for a StreamingHttpResponse."""
    return spreadsheets.csv_lines(headings(personal), rows(submissions, personal))


def write_csv(submissions, file, personal=False):
    spreadsheets.write_csv(file, headings(personal), rows(submissions, personal))


def write_xlsx(submissions, file, personal=False):
    widths = [18, *([24, 24] if personal else []), 30, 30, 17, 18, 20, 24, 16, 60, 40, 40]
    spreadsheets.write_xlsx(
        file, str(_("Innspill")), headings(personal), rows(submissions, personal), widths
    )


def can_export_personal_data(user):
    return user.is_active and user.has_perm(PERSONAL_DATA_PERMISSION)


def log_personal_export(user, round, count, format, filters=None):
    """Write an export with names and organisations to Wagtail's audit log («Logg» under
    Rapporter): on the round when the export is of one round, else on input as a whole (no row
    has primary key 0, so the entry names no single input)."""
    if round is not None:
        content_type = ContentType.objects.get_for_model(ParticipationRound)
        object_id, label = str(round.pk), str(round)
    else:
        content_type = ContentType.objects.get_for_model(Submission)
        object_id, label = "0", str(_("Innspill fra flere runder"))
    return ModelLogEntry.objects.create(
        content_type=content_type,
        object_id=object_id,
        label=label,
        action=PERSONAL_DATA_ACTION,
        user=user,
        timestamp=timezone.now(),
        data={"rows": count, "format": format, "filters": filters or {}},
    )


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
