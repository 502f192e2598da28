"""Following a plan: subscribe, confirm, unsubscribe, and notify followers of what happened.

Views and the command call these; each runs in one transaction and queues its e-mails only
once that transaction has committed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from core import languages, links

# A failed mail to a follower is tried again as mail about input is: one policy for all mail.
from participation.mail_retry import MAX_ATTEMPTS, RETRY_AFTER
from subscriptions import notifications, tasks
from subscriptions.models import Notification, Subscription, normalise_email

# At most one confirmation e-mail per address and plan this often, however often the form is sent.
CONFIRMATION_INTERVAL = timedelta(minutes=10)


class UnknownToken(Exception):
    """No subscription has this token: never had, or the follower already left."""


class ExpiredToken(Exception):
    """The subscription was not confirmed in time."""

    def __init__(self, subscription):
        super().__init__(subscription.pk)
        self.subscription = subscription


@transaction.atomic
def subscribe(plan, email, now=None):
    """Start following, or remind: a confirmation e-mail unless one went out in the last ten
    minutes. The same outcome for a new, pending or confirmed address, so the page tells a
    visitor nothing about who follows what."""
    now = now or timezone.now()
    email = normalise_email(email)
    Subscription.objects.expired(now).filter(plan=plan, email=email).delete()
    subscription, _ = Subscription.objects.get_or_create(
        plan=plan, email=email, defaults={"created_at": now}
    )
    # The latest form sent decides the language of the mails.
    language = languages.active_language()
    if subscription.language != language:
        Subscription.objects.filter(pk=subscription.pk).update(language=language)
        subscription.language = language
    # One conditional UPDATE: of two posts at the same moment only one wins the right to mail.
    due = Q(confirmation_sent_at__isnull=True) | Q(
        confirmation_sent_at__lte=now - CONFIRMATION_INTERVAL
    )
    if Subscription.objects.filter(due, pk=subscription.pk).update(confirmation_sent_at=now):
        transaction.on_commit(partial(tasks.send_confirmation.enqueue, subscription.pk))
    return subscription


def _by_token(token):
    subscription = (
        Subscription.objects.select_for_update().select_related("plan").filter(token=token).first()
    )
    if subscription is None:
        raise UnknownToken(token)
    return subscription


@transaction.atomic
def confirm(token, now=None):
    now = now or timezone.now()
    subscription = _by_token(token)
    if subscription.is_confirmed:
        return subscription
    if subscription.is_expired(now):
        raise ExpiredToken(subscription)
    subscription.confirmed_at = now
    subscription.save(update_fields=["confirmed_at"])
    notifications.record_known(subscription, now)
    return subscription


@transaction.atomic
def unsubscribe(token):
    """Stop following: the address is deleted, with what it was told. Returns the plan."""
    subscription = _by_token(token)
    subscription.delete()
    return subscription.plan


@transaction.atomic
def delete_expired(now=None):
    """Forget addresses that were never confirmed; returns how many."""
    return Subscription.objects.expired(now).delete()[1].get(Subscription._meta.label, 0)


@dataclass
class Summary:
    followers: set = field(default_factory=set)  # subscription ids mailed
    events: set = field(default_factory=set)  # event keys mailed
    mails: int = 0  # queued now
    retried: int = 0  # failed before, queued again
    given_up: int = 0  # failed MAX_ATTEMPTS times: left for staff to see


def notify(now=None, report=None):
    """Mail every confirmed follower each new event on their plan, once.

    `report(plan, events, followers)` is called for each plan that had news (progress output).
    """
    now = now or timezone.now()
    plans = list(notifications.followed_plans())
    # Followers and events per plan and language: each follower is told in the language they
    # followed in, so the events are worded once per language in use.
    followers = defaultdict(list)
    for subscription in Subscription.objects.confirmed().filter(plan__in=plans).order_by("pk"):
        followers[subscription.plan_id, subscription.language].append(subscription)
    in_use = sorted({language for _plan, language in followers})
    events = defaultdict(list)
    for language in in_use:
        with translation.override(language):
            for event in notifications.mailed_events(plans, now):
                events[event.plan.pk, language].append(event)

    summary = Summary()
    for plan in plans:
        claimed = []
        for language in in_use:
            if events[plan.pk, language] and followers[plan.pk, language]:
                with translation.override(language):
                    claimed += _notify_plan(
                        followers[plan.pk, language], events[plan.pk, language], now
                    )
        if not claimed:
            continue
        followers = {notification.subscription_id for notification in claimed}
        events = {notification.event_key for notification in claimed}
        summary.followers |= followers
        summary.events |= events
        summary.mails += len(claimed)
        if report:
            report(plan, len(events), len(followers))
    summary.retried = retry_failed(now)
    summary.given_up = Notification.objects.failed().filter(attempts__gte=MAX_ATTEMPTS).count()
    return summary


@transaction.atomic
def _notify_plan(followers, events, now):
    claimed = notifications.claim(followers, events, now, message=_event_message)
    for notification in claimed:
        transaction.on_commit(partial(tasks.send_event.enqueue, notification.pk))
    return claimed


def retry_failed(now):
    """Queue again the mails that failed (the e-mail server was away), at most MAX_ATTEMPTS
    tries and not sooner than RETRY_AFTER after the last; returns how many."""
    due = Notification.objects.failed().filter(
        attempts__lt=MAX_ATTEMPTS, last_attempt_at__lte=now - RETRY_AFTER
    )
    retried = list(due.values_list("pk", flat=True))
    for pk in retried:
        tasks.send_event.enqueue(pk)
    return len(retried)


def _event_message(event):
    """What the mail says about the event, as plain values a task can carry."""
    return {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        # The plan's URL is a path on a single site, a full address with several.
        "link": event.link if "://" in event.link else links.absolute(event.link),
    }
