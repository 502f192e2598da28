"""The one way the site sends e-mail: post a mail, a task delivers it, one policy retries it.

`post()` renders the mail at once, in the recipient's language, and stores it as an OutboxMail
row, so the row holds exactly what goes out; delivery is queued when the transaction commits.
`deliver` claims the row with one conditional UPDATE before it sends, so a mail goes out once
however many workers or cron runs hand it over. `retry_due()` (manage.py retry_failed_mail)
hands over what failed or was never tried.

A public form mails an address anybody may type in, so those mails are capped per address
(`unverified`): the outbox counts the mails each address got, in the database, so the cap holds
across workers and without a shared cache.

A mail says what it concerns as `about` ("submission:12"): staff see its failures there, and the
app that owns the record deletes its mails with `forget()` when the personal data goes.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import TaskResultStatus, task

from core.models import OutboxMail
from core.singleton import advisory_key

MAX_ATTEMPTS = 3  # sends in all, the first one included
RETRY_AFTER = timedelta(minutes=10)
# A send takes seconds; a sender that died holding a mail lets go of it after this.
CLAIM_FOR = timedelta(minutes=5)
# A mail never tried this long after it was posted lost its queued delivery (a worker restart).
LOST_AFTER = timedelta(minutes=5)
# Sent mails are kept this long (to see what went out), then deleted by retry_failed_mail.
KEEP_SENT = timedelta(days=30)
# Mails to an address typed into a public form and not shown to be the typist's (receipts,
# follow confirmations): at most this many per address in each window, all forms together.
# Enough for a person taking part in several plans in an evening; too few to flood anybody.
UNVERIFIED_LIMITS = ((timedelta(hours=1), 5), (timedelta(days=1), 20))
# Providers that deliver every spelling of one mailbox to it: Gmail ignores dots and case.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}

log = logging.getLogger(__name__)


def render(template, context, language):
    """`<template>.subject.txt`, `.txt` and `.html` rendered in `language`.

    `context` may be a function: it is then called in that language, so links it builds take
    the language's address prefix."""
    with translation.override(language):
        if callable(context):
            context = context()
        return {
            "subject": " ".join(render_to_string(f"{template}.subject.txt", context).split()),
            "text": render_to_string(f"{template}.txt", context),
            "html": render_to_string(f"{template}.html", context),
        }


def recipient_key(address):
    """One mailbox's spellings as one key: case folded, a "+tag" dropped (most providers deliver
    name+anything@ to name@), and Gmail's dots."""
    local, _at, domain = address.strip().casefold().rpartition("@")
    local = local.split("+", 1)[0]
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", ""), DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"[:320]


def _lock(key):
    """Hold the key until the transaction ends, so two posts at once count each other.
    (SQLite lets one transaction write at a time, and the forms have written before they post.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [advisory_key(key)])


def over_unverified_limit(key, now=None):
    """Whether the address has had its share of mails from public forms."""
    now = now or timezone.now()
    # Every window counted in one query over the longest one.
    longest = max(window for window, _limit in UNVERIFIED_LIMITS)
    windows = {
        f"within_{number}": Count("pk", filter=Q(created_at__gt=now - window))
        for number, (window, _limit) in enumerate(UNVERIFIED_LIMITS)
    }
    recent = OutboxMail.objects.filter(recipient_key=key, created_at__gt=now - longest)
    counts = recent.aggregate(**windows)
    return any(
        counts[name] >= limit
        for name, (_window, limit) in zip(windows, UNVERIFIED_LIMITS, strict=True)
    )


def post(
    kind,
    to,
    template,
    context,
    *,
    language,
    about="",
    headers=None,
    supersede=False,
    unverified=False,
):
    """Store one mail, rendered now, and send it once the transaction commits.

    No recipients, no mail (returns None). `supersede` deletes the unsent mails of the same kind
    about the same record first: a changed answer replaces the one still waiting, and its tries
    are counted from the start. `unverified`: `to` is one address typed into a public form;
    when it has had UNVERIFIED_LIMITS' share, nothing is posted (None)."""
    if not to:
        return None
    # Inside the caller's transaction without a savepoint of its own (two round trips less per
    # mail): whatever fails here fails the caller's whole transaction, as it should.
    with transaction.atomic(savepoint=False):
        key = ""
        if unverified:
            (address,) = to
            key = recipient_key(address)
            _lock(key)
            if over_unverified_limit(key):
                log.info("E-post (%s) om %s ikke sendt: adressen har fått nok e-post", kind, about)
                return None
        if supersede:
            unsent().filter(kind=kind, about=about).delete()
        mail = OutboxMail.objects.create(
            kind=kind,
            about=about,
            to=list(to),
            recipient_key=key,
            headers=headers or {},
            **render(template, context, language),
        )
    transaction.on_commit(partial(deliver.enqueue, mail.pk))
    return mail


def unsent():
    return OutboxMail.objects.filter(sent_at__isnull=True)


def hand_over_untried(about):
    """Hand the mails about this record that were never tried to delivery now, rather than
    LOST_AFTER from now (retry_due): their queued delivery may never have been made, as when
    the connection broke at COMMIT and the commit's callbacks never ran. If it was, delivery's
    claim still sends each mail once."""
    untried = unsent().filter(about=about, attempts=0, given_up_at__isnull=True)
    for mail_id in untried.values_list("pk", flat=True):
        deliver.enqueue(mail_id)


def failing():
    """Mails tried and not sent (the e-mail server was away), given up or not."""
    return unsent().exclude(last_error="")


def forget(about):
    """Delete every mail about this record, sent or not: they hold its personal data."""
    return OutboxMail.objects.filter(about=about).delete()[0]


def _claim(mail_id, now):
    """Take the mail for one try, if nobody holds it and it is still to be sent."""
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    return (
        unsent()
        .filter(free, pk=mail_id, given_up_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .update(claimed_until=now + CLAIM_FOR, attempts=F("attempts") + 1, last_attempt_at=now)
    )


def _send(mail):
    message = EmailMultiAlternatives(mail.subject, mail.text, to=mail.to, headers=mail.headers)
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    message.send()


class DeliveryFailed(Exception):
    """A send failed. It names the error's class only and hides the error itself: an SMTP
    server's message may hold the address, and the database task backend keeps the traceback
    of what a task raised."""


@task()
def deliver(mail_id):
    """Send the mail if this call can claim it; True when it went out here.

    A failure is recorded on the row (the exception's class only: an SMTP server's message may
    hold the address), logged, and raised as DeliveryFailed, so the task counts as failed."""
    now = timezone.now()
    if not _claim(mail_id, now):
        return False  # sent or given up already, or another sender holds it
    mail = OutboxMail.objects.get(pk=mail_id)
    try:
        _send(mail)
    except Exception as error:
        given_up = mail.attempts >= MAX_ATTEMPTS
        OutboxMail.objects.filter(pk=mail.pk).update(
            claimed_until=None,
            last_error=type(error).__name__[:200],
            given_up_at=timezone.now() if given_up else None,
        )
        (log.error if given_up else log.warning)(
            "E-post (%s) om %s ble ikke sendt (forsøk %s av %s%s): %s",
            mail.kind,
            mail.about or f"utgående e-post {mail.pk}",
            mail.attempts,
            MAX_ATTEMPTS,
            ", gitt opp" if given_up else "; prøves igjen",
            type(error).__name__,
        )
        raise DeliveryFailed(type(error).__name__) from None
    OutboxMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now(), claimed_until=None)
    return True


@dataclass
class Summary:
    tried: int = 0  # handed to delivery by this run and tried by it (or queued)
    queued: int = 0  # of those, left to a worker backend: outcome not known here
    sent: int = 0  # of those sent here and now, delivered
    given_up: int = 0  # of those sent here and now, failed the last try: left for staff to see


def due(now, kinds=None):
    """Mails to hand to delivery again: failed ones RETRY_AFTER after their last try, and ones
    never tried LOST_AFTER after they were posted."""
    failed = Q(attempts__gt=0, last_attempt_at__lte=now - RETRY_AFTER)
    lost = Q(attempts=0, created_at__lte=now - LOST_AFTER)
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)
    rows = unsent().filter(failed | lost, free, given_up_at__isnull=True)
    rows = rows.filter(attempts__lt=MAX_ATTEMPTS)
    return rows.filter(kind__in=kinds) if kinds is not None else rows


def retry_due(now=None, kinds=None):
    """Hand every due mail (of these kinds, or all) to delivery; what happened, as a Summary.

    Two runs at once may hand over the same mail; delivery's claim sends it once, and each run
    counts only the tries it made."""
    now = now or timezone.now()
    summary = Summary()
    for mail_id in due(now, kinds).order_by("pk").values_list("pk", flat=True):
        result = deliver.enqueue(mail_id)
        if not result.is_finished:
            summary.tried += 1
            summary.queued += 1  # a worker backend sends it later
        elif result.status == TaskResultStatus.SUCCESSFUL:
            if result.return_value:
                summary.tried += 1
                summary.sent += 1
        else:  # this run tried and failed
            summary.tried += 1
            if OutboxMail.objects.filter(pk=mail_id, given_up_at__isnull=False).exists():
                summary.given_up += 1
    return summary


def delete_sent(now=None):
    """Delete the mails sent more than KEEP_SENT ago; returns how many."""
    now = now or timezone.now()
    return OutboxMail.objects.filter(sent_at__lte=now - KEEP_SENT).delete()[0]
