"""Deleting personal data on schedule: input keeps its text, counts and answers, loses its sender.

A round's input is anonymised when the round has been closed longer than
PARTICIPATION_RETENTION_DAYS. Name, e-mail, organisation and the attachment (which may hold
anything) go; the private link stops working. Text, category, topic, state and answer stay,
so the case file and the statistics keep what they need.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import outbox
from participation import mails, public_copies
from participation.models import Submission, new_token

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
    if current.attachment:
        # The file goes once the row is saved without it, so a failed save keeps both.
        storage, name = current.attachment.storage, current.attachment.name
        transaction.on_commit(lambda: storage.delete(name))
    current.name = current.email = current.organisation = ""
    current.attachment = ""
    public_copies.delete(current)
    current.attachment_name = ""
    current.token = new_token()  # the old private link stops working
    current.anonymised_at = now
    current.save(update_fields=[*ANONYMISED_FIELDS, "anonymised_at", "updated_at"])
    # Sent or not, the mails hold the sender's name, address and text.
    outbox.forget(mails.about(current))
    return True


def anonymise_due(now=None, days=None, dry_run=False, progress=None):
    """Anonymise what is due; returns the references it handled, by round.

    `progress` (core.progress.Progress) is told after each input."""
    now = now or timezone.now()
    handled = {}
    for submission in due(now, days).select_related("round__page").order_by("pk"):
        done = dry_run or anonymise(submission, now)  # False: an overlapping run was first
        if done:
            handled.setdefault(submission.round, []).append(submission.reference)
        if progress:
            progress.step()
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
