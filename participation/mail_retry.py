"""Mails about input that failed (the e-mail server was away), tried again by
`manage.py retry_failed_mail` from cron every 15 minutes.

Each failed mail is tried at most MAX_ATTEMPTS times in all, RETRY_AFTER apart. Safe to run
twice at once: a run claims each mail by moving its time forward, so the other skips it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from participation import tasks
from participation.models import MailFailure

MAX_ATTEMPTS = 3
RETRY_AFTER = timedelta(minutes=10)


@dataclass
class Summary:
    tried: int = 0  # sent again now
    sent: int = 0  # of those, delivered
    given_up: int = 0  # failed MAX_ATTEMPTS times: left for staff to see


def retry_failed(now=None):
    now = now or timezone.now()
    due = MailFailure.objects.filter(attempts__lt=MAX_ATTEMPTS, failed_at__lte=now - RETRY_AFTER)
    summary = Summary()
    for failure in due.order_by("pk"):
        claimed = MailFailure.objects.filter(pk=failure.pk, failed_at=failure.failed_at)
        if not claimed.update(failed_at=now):
            continue  # another run has it
        summary.tried += 1
        # The task records the outcome: the row goes when sent, counts one more try when not.
        # (A worker backend sends later; the immediate one here and now.)
        tasks.BY_KIND[failure.kind].enqueue(failure.submission_id)
    summary.sent = summary.tried - MailFailure.objects.filter(failed_at__gte=now).count()
    summary.given_up = MailFailure.objects.filter(attempts__gte=MAX_ATTEMPTS).count()
    return summary
