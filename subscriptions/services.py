"""Following a plan: subscribe, confirm, unsubscribe, and notify followers of what happened.

Views and the command call these; each runs in one transaction, and the e-mails it posts to
the outbox are stored in it and sent once it has committed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from core import languages, links, outbox
from subscriptions import mails, notifications
from subscriptions.models import Scope, Subscription, normalise_email

# At most one confirmation e-mail per address and plan this often, however often the form is sent.
CONFIRMATION_INTERVAL = timedelta(minutes=10)


class UnknownToken(Exception):
    """No subscription has this token: never had, or the follower already left."""


class ExpiredToken(Exception):
    """The subscription was not confirmed in time."""

    def __init__(self, subscription):
        super().__init__(subscription.pk)
        self.subscription = subscription


# What subscribe() did about the confirmation e-mail (Subscription.mail_state).
MAILED, MAILED_RECENTLY, TOO_MANY_MAILS = "mailed", "recently", "too_many"


@transaction.atomic
def subscribe(plan, email, now=None, scope=Scope.PLAN):
    """Start following, or remind: a confirmation e-mail unless one went out in the last ten
    minutes or the address has had its share of mails from the forms (core.outbox). The same
    outcome for a new, pending or confirmed address, so the page tells a visitor nothing about
    who follows what; `mail_state` on the returned subscription says which it was.

    KARI@example.no and kari@example.no are one follower: the first spelling is kept, and the
    ten minutes count for both."""
    now = now or timezone.now()
    email = normalise_email(email)
    same_address = Subscription.objects.filter(plan=plan, scope=scope, email__iexact=email)
    same_address.expired(now).delete()
    subscription = same_address.order_by("pk").first()
    if subscription is None:
        subscription, _ = Subscription.objects.get_or_create(
            plan=plan, scope=scope, email=email, defaults={"created_at": now}
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
    subscription.mail_state = MAILED_RECENTLY
    if Subscription.objects.filter(due, pk=subscription.pk).update(confirmation_sent_at=now):
        if mails.post_confirmation(subscription):
            subscription.mail_state = MAILED
        else:
            # Not mailed: the next form sent may try again, without waiting ten minutes.
            Subscription.objects.filter(pk=subscription.pk).update(
                confirmation_sent_at=subscription.confirmation_sent_at
            )
            subscription.mail_state = TOO_MANY_MAILS
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
    """Stop following: the address is deleted, with what it was told and the mails not yet
    sent to it (subscriptions.mails). Returns the plan."""
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
    mails: int = 0  # posted now
    retried: int = 0  # failed before (or never tried), tried or queued again
    given_up: int = 0  # failed outbox.MAX_ATTEMPTS times, in this run or before


def notify(now=None, report=None):
    """Mail every confirmed follower each new event on the plans they follow, once.

    `report(page, events, followers)` is called for each followed page that had news (progress
    output). One address following a plan and all plans is told of an event once: the plans
    followed one by one are done first, and the wider scopes skip what the address was told.
    """
    now = now or timezone.now()
    plans = list(notifications.followed_plans())
    path_of = {plan.pk: plan.path for plan in plans}
    # Followers per followed page, scope and language: each follower is told in the language
    # they followed in, so the events are worded once per language in use.
    groups = defaultdict(list)
    confirmed = (
        Subscription.objects.confirmed()
        .filter(plan__in=notifications.live_pages())
        .select_related("plan")
    )
    for subscription in confirmed.order_by("pk"):
        groups[subscription.plan_id, subscription.scope, subscription.language].append(subscription)
    in_use = sorted({language for *_page, language in groups})
    events = {}
    for language in in_use:
        with translation.override(language):
            events[language] = notifications.mailed_events(plans, now)

    summary = Summary()
    order = {Scope.PLAN: 0, Scope.ALL: 1, Scope.ROUNDS: 2}
    for page_id, scope, language in sorted(groups, key=lambda key: (order[key[1]], key)):
        followers = groups[page_id, scope, language]
        with translation.override(language):
            news = [
                event
                for event in events[language]
                if notifications.concerns(followers[0], event, path_of)
            ]
            claimed = _notify_plan(followers, news, now) if news else []
        if not claimed:
            continue
        told = {notification.subscription_id for notification in claimed}
        keys = {notification.event_key for notification in claimed}
        summary.followers |= told
        summary.events |= keys
        summary.mails += len(claimed)
        if report:
            report(followers[0].plan, len(keys), len(told))
    # Mail to followers is tried again as every mail is (core.outbox), here as well as by
    # retry_failed_mail, so this run reports its own mails.
    summary.retried = outbox.retry_due(now, kinds=mails.KINDS).tried
    summary.given_up = (
        outbox.failing().filter(kind__in=mails.KINDS, given_up_at__isnull=False).count()
    )
    return summary


@transaction.atomic
def _notify_plan(followers, events, now):
    """Claim the (follower, event) pairs not told yet and post their mails, all or nothing."""
    claimed = notifications.claim(followers, events, now)
    by_key = {event.key: event for event in events}
    for notification in claimed:
        mails.post_news(notification.subscription, _event_message(by_key[notification.event_key]))
    return claimed


def _event_message(event):
    """What the mail says about the event."""
    return {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        # The plan's URL is a path on a single site, a full address with several.
        "link": event.link if "://" in event.link else links.absolute(event.link),
    }
