"""Which events are mailed to whom, once.

Four kinds of event are news worth an e-mail; the others (new plan, round closed, answers) are
in the RSS feed only.
"""

from django.db import IntegrityError, transaction
from wagtail.models import Page

from core import events
from subscriptions.models import Notification, Subscription

# Named by the apps that record them (themeplans.events, participation.events), which
# subscriptions does not import: a milestone moved, a round opened or closing soon, a plan
# adopted.
MAILED_KINDS = frozenset({"milestone-moved", "round-opened", "round-closing", "plan-adopted"})


def mailed_events(plans, now):
    """The mailed kinds of event on these plans whose moment has come, newest first."""
    return list(events.happened(now, plans, kinds=MAILED_KINDS))


def followed_plans():
    """Live, public plans with at least one confirmed follower."""
    followed = Subscription.objects.confirmed().values("plan_id")
    return Page.objects.live().public().filter(pk__in=followed).order_by("title")


def record_known(subscription, now):
    """Mark the events that have already happened as told, without a mail: a new follower
    hears what happens from now on, not the plan's history."""
    Notification.objects.bulk_create(
        [
            Notification(
                subscription=subscription, event_key=event.key, created_at=now, known_before=True
            )
            for event in mailed_events([subscription.plan], now)
        ],
        ignore_conflicts=True,
    )


def claim(subscriptions, events, now):
    """The notifications of (follower, event) pairs nobody has told yet, each now recorded.

    Each row is inserted on its own: the unique constraint lets exactly one of two runs at the
    same time write it, and only the run that wrote it sends the mail.
    """
    keys = [event.key for event in events]
    known = set(
        Notification.objects.filter(subscription__in=subscriptions, event_key__in=keys).values_list(
            "subscription_id", "event_key"
        )
    )
    claimed = []
    for subscription in subscriptions:
        for event in events:
            if (subscription.pk, event.key) in known:
                continue
            try:
                with transaction.atomic():
                    notification = Notification.objects.create(
                        subscription=subscription,
                        event_key=event.key,
                        created_at=now,
                    )
            except IntegrityError:  # another run, or the follower just left
                continue
            claimed.append(notification)
    return claimed
