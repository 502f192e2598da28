"""What happens to input: received, withdrawn by its sender, published or declined by staff.

Views and the admin call these functions; they keep the rules (who may do what, when) and
the side effects (timestamps, e-mails) in one place.
"""

import logging

from django.db import transaction
from django.utils import timezone

from participation import attachments, tasks
from participation.models import Publication, Submission, SubmissionState

log = logging.getLogger(__name__)


class RoundNotOpen(Exception):
    """The round closed (or has not opened) before the input was stored."""


def submit(round, data, upload=None):
    """Store one input with its reference number, all or nothing, then queue the e-mails."""
    now = timezone.now()
    if not round.is_open(now):
        raise RoundNotOpen(round)
    submission = Submission(
        round=round,
        name=data["name"].strip(),
        email=data["email"].strip(),
        organisation=data.get("organisation", "").strip(),
        category=data["category"],
        topic=data.get("topic") or "",
        text=data["text"].strip(),
        publication=data["publication"],
        privacy_accepted=bool(data.get("privacy")),
        received_at=now,
    )
    try:
        with transaction.atomic():
            if upload:
                kind = attachments.recognise(upload)
                submission.attachment_name = attachments.display_name(upload.name, kind)
                submission.attachment_type = kind.content_type
                submission.attachment_size = upload.size
                submission.attachment.save("vedlegg", upload, save=False)
            submission.save()
            # The primary key is unique under any concurrency, so the reference is too.
            submission.reference = submission.reference_for()
            submission.save(update_fields=["reference"])
            transaction.on_commit(lambda: _announce(submission.pk))
    except Exception:
        if submission.attachment:
            submission.attachment.delete(save=False)  # no file without its row
        raise
    return submission


def _announce(submission_id):
    tasks.send_receipt.enqueue(submission_id)
    tasks.notify_staff.enqueue(submission_id)


def withdraw(submission):
    if not submission.can_withdraw:
        return False
    submission.state = SubmissionState.WITHDRAWN
    submission.withdrawn_at = timezone.now()
    submission.save(update_fields=["state", "withdrawn_at", "updated_at"])
    log.info("Innspill %s trukket tilbake av avsenderen", submission.reference)
    return True


def can_publish(submission):
    return (
        submission.publication != Publication.NONE
        and submission.state != SubmissionState.WITHDRAWN
        and not submission.anonymised_at
    )


def publish(submission):
    """Publish as the sender chose; False when the sender said no or withdrew it."""
    if not can_publish(submission):
        return False
    if submission.state != SubmissionState.PUBLISHED:
        submission.state = SubmissionState.PUBLISHED
        submission.published_at = timezone.now()
        submission.decline_reason = ""
        submission.save(update_fields=["state", "published_at", "decline_reason", "updated_at"])
    send_answer_if_new(submission)
    return True


def decline(submission, reason):
    if submission.state == SubmissionState.WITHDRAWN:
        return False
    submission.state = SubmissionState.DECLINED
    submission.decline_reason = reason
    submission.published_at = None
    submission.save(update_fields=["state", "decline_reason", "published_at", "updated_at"])
    send_answer_if_new(submission)
    return True


def reopen(submission):
    """Back to «Mottatt», e.g. after publishing by mistake: off the public pages again."""
    if submission.state not in (SubmissionState.RECEIVED, SubmissionState.WITHDRAWN):
        submission.state = SubmissionState.RECEIVED
        submission.published_at = None
        submission.save(update_fields=["state", "published_at", "updated_at"])


def send_answer_if_new(submission):
    """E-mail the answer once it has been given on published or declined input, and again only
    when staff change it."""
    if (
        submission.answer.strip()
        and submission.answer != submission.answer_sent
        and submission.state in (SubmissionState.PUBLISHED, SubmissionState.DECLINED)
        and submission.email
    ):
        submission.answer_sent = submission.answer
        submission.answered_at = timezone.now()
        submission.save(update_fields=["answer_sent", "answered_at"])
        transaction.on_commit(lambda: tasks.send_answer.enqueue(submission.pk))
        return True
    return False
