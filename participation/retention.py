"""Deleting personal data on schedule: input keeps its text, counts and answers, loses its sender.

A round's input is anonymised when the round has been closed longer than
PARTICIPATION_RETENTION_DAYS. Name, e-mail, organisation and the attachment (which may hold
anything) go; the private link stops working. Text, category, topic, state and answer stay,
so the case file and the statistics keep what they need.

The daily job works in batches (`anonymise_batch`): a thousand rows locked, updated and their
mails deleted in a few statements, instead of a transaction per input.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core import outbox
from core.models import OutboxMail
from participation import mails, public_copies
from participation.models import ParticipationRound, Submission, new_token

log = logging.getLogger(__name__)


def due(now=None, days=None):
    """Input not yet anonymised in rounds closed more than `days` ago."""
    now = now or timezone.now()
    days = settings.PARTICIPATION_RETENTION_DAYS if days is None else days
    return Submission.objects.filter(
        anonymised_at__isnull=True, round__closes_at__lte=now - timedelta(days=days)
    )


# What anonymisation owns. Only these columns are written, so whatever else a moderator saves
# meanwhile (state, answer, note) stays as they saved it.
ANONYMISED_FIELDS = [
    "name",
    "email",
    "organisation",
    "attachment",
    "public_attachment",
    "redacted_attachment",
    "attachment_name",
    "token",
]


@transaction.atomic
def anonymise(submission, now):
    """Anonymise one input; False if it was already done.

    `submission` may be a row loaded long ago: the row is read afresh under a lock, so the
    attachment deleted is the one stored now and an overlapping run does the work only once."""
    current = (
        Submission.objects.select_for_update()
        .filter(pk=submission.pk, anonymised_at__isnull=True)
        .first()
    )
    if current is None:
        return False
    # The files go once the row is saved without them, so a failed save keeps them. The
    # redacted version is the sender's attachment too.
    for file in (current.attachment, current.redacted_attachment):
        if file:
            transaction.on_commit(lambda storage=file.storage, name=file.name: storage.delete(name))
    current.name = current.email = current.organisation = ""
    current.attachment = current.redacted_attachment = ""
    public_copies.delete(current)
    current.attachment_name = ""
    current.token = new_token()  # the old private link stops working
    current.anonymised_at = now
    current.save(update_fields=[*ANONYMISED_FIELDS, "anonymised_at", "updated_at"])
    # Sent or not, the mails hold the sender's name, address and text.
    outbox.forget(mails.about(current))
    return True


BATCH_SIZE = 1000


@transaction.atomic
def anonymise_batch(pks, now):
    """Anonymise the input with these primary keys, in one transaction; returns the rows done
    as (pk, reference, round_id).

    The rows are read afresh under a lock (rows anonymised meanwhile are skipped), so the
    attachments deleted are the ones stored now, an overlapping run does the work only once,
    and a moderator's save waits for the batch (or the batch for it). Only the fields
    anonymisation owns are written, with one UPDATE for what is the same for every row and one
    for the new private links; the mails about the input go with one DELETE."""
    current = list(
        Submission.objects.select_for_update()
        .filter(pk__in=pks, anonymised_at__isnull=True)
        .order_by("pk")
        .values_list(
            "pk", "reference", "round_id", "attachment", "public_attachment", "redacted_attachment"
        )
    )
    if not current:
        return []
    done = [pk for pk, *_rest in current]
    files = [name for row in current for name in row[3:] if name]
    Submission.objects.filter(pk__in=done).update(
        name="",
        email="",
        organisation="",
        attachment="",
        public_attachment="",
        redacted_attachment="",
        attachment_name="",
        anonymised_at=now,
        updated_at=now,
    )
    _new_tokens(done)
    # Sent or not, the mails hold the sender's name, address and text.
    OutboxMail.objects.filter(about__in=[mails.about(Submission(pk=pk)) for pk in done]).delete()
    if files:
        # The files go once the rows are saved without them, so a failed save keeps both.
        storage = Submission._meta.get_field("attachment").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in files])
    return [(pk, reference, round_id) for pk, reference, round_id, *_rest in current]


def _new_tokens(pks):
    """Each row its own new token (the old private link stops working): on PostgreSQL in one
    UPDATE from two arrays, elsewhere with bulk_update (a CASE per row, slower for many)."""
    tokens = [new_token() for _pk in pks]
    if connection.vendor != "postgresql":
        Submission.objects.bulk_update(
            [Submission(pk=pk, token=token) for pk, token in zip(pks, tokens, strict=True)],
            ["token"],
            batch_size=BATCH_SIZE,
        )
        return
    quote = connection.ops.quote_name
    table, pk, token = quote(Submission._meta.db_table), quote("id"), quote("token")
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} AS s SET {token} = v.token "
            f"FROM (SELECT unnest(%s::bigint[]) AS id, unnest(%s::text[]) AS token) AS v "
            f"WHERE s.{pk} = v.id",
            [list(pks), tokens],
        )


def anonymise_due(now=None, days=None, dry_run=False, progress=None):
    """Anonymise what is due, in batches of BATCH_SIZE; returns the references it handled,
    by round.

    `progress` (core.progress.Progress) is told after each batch."""
    now = now or timezone.now()
    due_now = due(now, days)
    rounds = {
        round.pk: round
        for round in ParticipationRound.objects.select_related("page").filter(
            pk__in=due_now.values("round_id")
        )
    }
    handled = {}
    pks = list(due_now.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        if dry_run:
            done = list(
                Submission.objects.filter(pk__in=batch)
                .order_by("pk")
                .values_list("pk", "reference", "round_id")
            )
        else:
            done = anonymise_batch(batch, now)  # fewer: an overlapping run was first
        for _pk, reference, round_id in done:
            handled.setdefault(rounds[round_id], []).append(reference)
        if progress:
            progress.step(len(batch))
    for round, references in handled.items():
        log.info(
            "%s %d innspill i «%s» (%s), stengt %s: %s",
            "Ville anonymisert" if dry_run else "Anonymiserte",
            len(references),
            round.title,
            round.page.title,
            timezone.localtime(round.closes_at).date(),
            ", ".join(references),
        )
    return handled
