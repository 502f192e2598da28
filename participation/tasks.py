"""E-mails about input, sent in the background through django_tasks.

Each task takes the submission's id and reads it afresh, so a retry sends what is current.
A mail that fails is kept as a MailFailure (shown to staff, tried again by retry_failed_mail);
one that is sent clears it. The tasks take `retry=True` only from retry_failed_mail.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import Case, F, Value, When
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from participation import links

MODERATORS_GROUP = "Innspillsmoderatorer"
log = logging.getLogger(__name__)


def _submission(submission_id):
    from participation.models import Submission

    return Submission.objects.select_related("round__page").get(pk=submission_id)


def send_mail(template, to, context, headers=None):
    """Render participation/emails/<template>.{subject.txt,txt,html} and send it.

    A template with a folder («subscriptions/emails/confirm») is taken as it is; `headers` are
    extra e-mail headers, such as List-Unsubscribe.
    """
    base = template if "/" in template else f"participation/emails/{template}"
    subject = " ".join(render_to_string(f"{base}.subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject, render_to_string(f"{base}.txt", context), to=to, headers=headers
    )
    message.attach_alternative(render_to_string(f"{base}.html", context), "text/html")
    message.send()


def _context(submission):
    plan = submission.round.page
    return {
        "submission": submission,
        "round": submission.round,
        "plan": plan,
        "private_url": links.absolute(links.private_path(submission)),
        "plan_url": links.absolute(links.plan_path(plan)),
    }


def _deliver(kind, submission, template, to, context, retry=False):
    """Send one mail about the input (none when `to` is empty). A failure is kept for staff and
    for retry_failed_mail, then raised so the task counts as failed; a success clears it.

    `retry` is true when retry_failed_mail queued the send: it has counted the try already."""
    from participation.mail_retry import MAX_ATTEMPTS
    from participation.models import MailFailure

    try:
        if to:
            send_mail(template, to, context)
    except Exception as error:
        failure = _record_failure(kind, submission, type(error).__name__, retry)
        (log.error if failure.given_up_at else log.warning)(
            "E-post (%s) om %s ble ikke sendt (forsøk %s av %s%s): %s",
            kind,
            submission.reference,
            failure.attempts,
            MAX_ATTEMPTS,
            ", gitt opp" if failure.given_up_at else "",
            type(error).__name__,
        )
        raise
    MailFailure.objects.filter(submission=submission, kind=kind).delete()


def _record_failure(kind, submission, error, retry):
    """Keep the failed mail (one row per input and kind) and return the row as it now is.

    A send from outside the retry (new input, a changed answer) starts the count again at 1. A
    retry leaves `attempts` alone, since retry_failed_mail raised it when it claimed the row, and
    marks the row given up (once) when that was the last try allowed."""
    from participation.mail_retry import MAX_ATTEMPTS
    from participation.models import MailFailure

    now = timezone.now()
    if not retry:
        failure, _ = MailFailure.objects.update_or_create(
            submission=submission,
            kind=kind,
            defaults={"attempts": 1, "failed_at": now, "error": error, "given_up_at": None},
        )
        return failure
    failure, created = MailFailure.objects.get_or_create(
        submission=submission, kind=kind, defaults={"error": error}
    )
    if not created:
        MailFailure.objects.filter(pk=failure.pk).update(
            failed_at=now,
            error=error,
            given_up_at=Case(
                When(given_up_at__isnull=True, attempts__gte=MAX_ATTEMPTS, then=Value(now)),
                default=F("given_up_at"),
            ),
        )
        failure.refresh_from_db()
    return failure


def _to_sender(submission):
    """The sender's address; none once anonymised."""
    return [submission.email] if submission.email else []


@task()
def send_receipt(submission_id, retry=False):
    submission = _submission(submission_id)
    # In the language the sender used the form in, also when a later run retries it.
    with translation.override(submission.language):
        context = _context(submission)
        _deliver("receipt", submission, "receipt", _to_sender(submission), context, retry=retry)


def staff_recipients(plan):
    """People on the plan with a work e-mail; else everyone in the moderators' group."""
    emails = [p.person.email for p in plan.people.select_related("person") if p.person.email]
    if not emails:
        users = (
            get_user_model()
            .objects.filter(groups__name=MODERATORS_GROUP, is_active=True)
            .exclude(email="")
        )
        emails = list(users.values_list("email", flat=True))
    return sorted(set(emails))


@task()
def notify_staff(submission_id, retry=False):
    from django.conf import settings
    from django.urls import reverse

    submission = _submission(submission_id)
    admin_url = settings.SITE_URL + reverse(
        "wagtailsnippets_participation_submission:edit", args=[submission.pk]
    )
    recipients = staff_recipients(submission.round.page)
    # Staff read Norwegian, whatever language the sender's page was in.
    with translation.override(settings.LANGUAGE_CODE):
        context = {**_context(submission), "admin_url": admin_url}
        _deliver("staff_notice", submission, "staff_notice", recipients, context, retry=retry)


@task()
def send_answer(submission_id, retry=False):

    submission = _submission(submission_id)
    # The sender's language for the mail and its link, whatever the moderator's admin language
    # (the answer itself is written in Norwegian).
    with translation.override(submission.language):
        context = _context(submission)
        _deliver("answer", submission, "answer", _to_sender(submission), context, retry=retry)


# What retry_failed_mail sends again, by MailFailure.kind.
BY_KIND = {"receipt": send_receipt, "staff_notice": notify_staff, "answer": send_answer}
