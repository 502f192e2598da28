"""E-mails to followers, sent in the background through django_tasks.

Each task reads its rows afresh: a follower who left before the task ran gets nothing.
"""

import logging

from django.db.models import F
from django.utils import timezone, translation
from django_tasks import task

from core import links
from participation.tasks import send_mail
from subscriptions import links as follow_links
from subscriptions.models import CONFIRMATION_VALID, Notification, Subscription

log = logging.getLogger(__name__)


def _context(subscription, **extra):
    plan = subscription.plan
    return {
        "subscription": subscription,
        "plan": plan,
        "plan_url": links.absolute(links.page_path(plan)),
        "unsubscribe_url": follow_links.unsubscribe_url(subscription),
        **extra,
    }


def _send(template, subscription, context):
    send_mail(
        f"subscriptions/emails/{template}",
        [subscription.email],
        context,
        headers=follow_links.unsubscribe_headers(subscription),
    )


@task()
def send_confirmation(subscription_id):
    subscription = Subscription.objects.select_related("plan").filter(pk=subscription_id).first()
    if subscription is None:
        return
    with translation.override(subscription.language):
        context = _context(
            subscription,
            confirm_url=follow_links.confirm_url(subscription),
            valid_days=CONFIRMATION_VALID.days,
        )
        _send("confirm", subscription, context)


@task()
def send_event(notification_id):
    """One event to one follower, as the row says (kind, title, description, absolute link).

    The try is counted first: a mail that fails is tried again by notify_followers."""
    notification = (
        Notification.objects.select_related("subscription__plan")
        .filter(pk=notification_id, sent_at__isnull=True, known_before=False)
        .first()
    )
    if notification is None:  # unsubscribed meanwhile, or already sent by an earlier try
        return
    rows = Notification.objects.filter(pk=notification.pk)
    rows.update(attempts=F("attempts") + 1, last_attempt_at=timezone.now())
    subscription = notification.subscription
    try:
        with translation.override(subscription.language):
            _send("event", subscription, _context(subscription, event=notification.message))
    except Exception:
        log.warning(
            "E-post om %s til følger nr. %s ble ikke sendt (forsøk %s); prøves igjen",
            notification.event_key,
            subscription.pk,
            notification.attempts + 1,
        )
        raise
    rows.update(sent_at=timezone.now())
