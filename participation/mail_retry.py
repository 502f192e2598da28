"""Mails about input that failed (the e-mail server was away), tried again by
`manage.py retry_failed_mail` from cron every 15 minutes.

Each failed mail is sent at most MAX_ATTEMPTS times in all (the first send counts), RETRY_AFTER
apart. A run claims a mail with one conditional UPDATE that moves its time forward and counts the
try; the UPDATE only matches while time and count are as the run read them, so of two runs at
once only one claims (and queues) a given mail, and the count holds even when the tasks run
later on a worker. A new send from outside this command (a changed answer) starts the count
again (participation.tasks).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from participation import tasks
from participation.models import MailFailure

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=10)


@dataclass
class Summary:
    tried: int = 0  # claimed by this run and sent again (or queued)
    queued: int = 0  # of those, left to a worker backend: outcome not known here
    sent: int = 0  # of those sent here and now, delivered
    given_up: int = 0  # of those sent here and now, failed the last try: left for staff to see


def retry_failed(now=None):
    now = now or timezone.now()
    due = MailFailure.objects.filter(
        attempts__lt=MAX_ATTEMPTS, given_up_at__isnull=True, failed_at__lte=now - RETRY_AFTER
    )
    summary = Summary()
    for failure in due.order_by("pk"):
        claimed = MailFailure.objects.filter(
            pk=failure.pk,
            failed_at=failure.failed_at,
            attempts=failure.attempts,
            given_up_at__isnull=True,
        )
        if not claimed.update(failed_at=now, attempts=F("attempts") + 1):
            continue  # another run has it, or a new send changed it
        summary.tried += 1
        # The task records the outcome: the row goes when sent; when not, it keeps the count
        # raised above and is marked given up after the last try.
        result = tasks.BY_KIND[failure.kind].enqueue(failure.submission_id, retry=True)
        if not result.is_finished:
            summary.queued += 1  # a worker backend sends it later
            continue
        after = MailFailure.objects.filter(pk=failure.pk).values_list("given_up_at", flat=True)
        if not after:
            summary.sent += 1
        elif after[0] is not None:
            summary.given_up += 1
    return summary
