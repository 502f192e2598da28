"""What happens to input: received, withdrawn by its sender, published or declined by staff.

Views and the admin call these functions; they keep the rules (who may do what, when) and
the side effects (timestamps, e-mails) in one place.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import front_cache, languages
from participation import answer_approval, attachments, events, mails, public_copies
from participation.models import Publication, Submission, SubmissionState

log = logging.getLogger(__name__)


class RoundNotOpen(Exception):
    """The round closed (or has not opened) before the input was stored."""


def submit(round, data, upload=None, form_stamp=None):
    """Store one input with its reference number and its e-mails, all or nothing.

    `form_stamp` names the form it came from (core.antispam.form_id): if the same form was
    stored meanwhile (a second post racing the first), that input is returned instead."""
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
        language=languages.active_language(),
        received_at=now,
        form_stamp=form_stamp or None,
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
            mails.post_receipt_and_staff_notice(submission)
    except Exception as error:
        if submission.attachment:
            _delete_orphan(submission.attachment)  # no file without its row
        if isinstance(error, IntegrityError) and (earlier := sent_before(form_stamp)):
            return earlier
        raise
    return submission


def sent_before(form_stamp):
    """The input already stored from this form, if any."""
    if not form_stamp:
        return None
    return Submission.objects.filter(form_stamp=form_stamp).first()


def _delete_orphan(attachment):
    """Delete a stored attachment whose row was not stored. A store that is away keeps it, and
    is logged: the sender is told about the error that stopped the input, not this one."""
    name = attachment.name
    try:
        attachment.delete(save=False)
    except OSError as error:
        log.error("Vedlegg %s uten innspill ble ikke slettet: %s", name, error)


def withdraw(submission):
    if not submission.can_withdraw:
        return False
    submission.state = SubmissionState.WITHDRAWN
    submission.withdrawn_at = timezone.now()
    submission.save(update_fields=["state", "withdrawn_at", "updated_at"])
    _public_changed(submission)
    log.info("Innspill %s trukket tilbake av avsenderen", submission.reference)
    return True


def _public_changed(submission):
    """The input's public state may have changed: its answer's event, and the plan's pages
    and feeds in the cache in front (core.front_cache)."""
    events.record_answer(submission)
    front_cache.purge_page(submission.round.page)


def why_not_withdrawable(submission):
    if submission.state == SubmissionState.WITHDRAWN:
        return _("Innspillet er allerede trukket tilbake.")
    return _("Runden har stengt, så du kan ikke lenger trekke tilbake innspillet.")


# Why input cannot be published (see publish_blocker).
WITHDRAWN, ANONYMISED, SENDER_SAID_NO = "withdrawn", "anonymised", "no"


def publish_blocker(submission):
    """Why this input cannot be published, as WITHDRAWN, ANONYMISED or SENDER_SAID_NO; ""
    when it can."""
    if submission.state == SubmissionState.WITHDRAWN:
        return WITHDRAWN
    if submission.anonymised_at:
        return ANONYMISED
    if submission.publication == Publication.NONE:
        return SENDER_SAID_NO
    return ""


def publish(submission):
    """Publish as the sender chose; False when the sender said no or withdrew it."""
    if publish_blocker(submission):
        return False
    if submission.state != SubmissionState.PUBLISHED:
        submission.state = SubmissionState.PUBLISHED
        submission.published_at = timezone.now()
        submission.decline_reason = ""
        submission.save(update_fields=["state", "published_at", "decline_reason", "updated_at"])
    if submission.has_public_attachment:
        public_copies.make_after_publishing(submission)  # the public gets no metadata
    send_answer_if_new(submission)
    _public_changed(submission)
    return True


def decline(submission, reason):
    return _not_published(submission, SubmissionState.DECLINED, reason)


def handle_privately(submission):
    """«Behandlet, ikke publisert etter ønske»: read and used, kept off the site because the
    sender asked. No reason is owed; False unless the sender said no to publication."""
    if submission.publication != Publication.NONE:
        return False
    return _not_published(submission, SubmissionState.HANDLED_PRIVATE, "")


def _not_published(submission, state, reason):
    if submission.state == SubmissionState.WITHDRAWN:
        return False
    submission.state = state
    submission.decline_reason = reason
    submission.published_at = None
    submission.save(update_fields=["state", "decline_reason", "published_at", "updated_at"])
    send_answer_if_new(submission)
    _public_changed(submission)
    return True


def reopen(submission):
    """Back to «Mottatt», e.g. after publishing by mistake: off the public pages again."""
    if submission.state not in (SubmissionState.RECEIVED, SubmissionState.WITHDRAWN):
        submission.state = SubmissionState.RECEIVED
        submission.published_at = None
        submission.save(update_fields=["state", "published_at", "updated_at"])
        _public_changed(submission)


# The states in which input is dealt with: its answer is given.
HANDLED = (SubmissionState.PUBLISHED, SubmissionState.DECLINED, SubmissionState.HANDLED_PRIVATE)


def send_answer_if_new(submission):
    """Give the answer once the input is published or declined: it then shows with the input
    (`answer_sent` is the answer given) and is e-mailed, again only when staff change it.
    Anonymised input has no e-mail address left, but its answer is still given. In a round
    whose answers need approval, only an approved answer is given (participation.answer_approval).
    """
    if (
        submission.answer.strip()
        and submission.answer != submission.answer_sent
        and submission.state in HANDLED
        and answer_approval.may_be_given(submission)
    ):
        submission.answer_sent = submission.answer
        submission.answered_at = timezone.now()
        submission.save(update_fields=["answer_sent", "answered_at"])
        mails.post_answer(submission)
        return True
    return False


def give_approved_answer(submission):
    """A second moderator approved the answer: given now if the input is published or
    declined (else when it is), as when staff save an answer in a round without approval."""
    if send_answer_if_new(submission):
        _public_changed(submission)
