"""Which events are mailed to whom, once.

Five kinds of event are news worth an e-mail; the others (new plan, round closed, answers) are
in the RSS feed only. A mailbox is told of an event once: not again as a follower of a second
scope, nor when an app has mailed it the news itself (core.events.told_directly: a sender got
the round's summary).
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from wagtail.models import Page

from core import events as event_log
from core import outbox
from subscriptions.models import Notification, Scope, Subscription

# Named by the apps that record them (themeplans.events, participation.events), which
# subscriptions does not import: a milestone moved, a round opened or closing soon, a plan
# adopted.
# A round's summary published (what came in and what is done with it), too.
MAILED_KINDS = frozenset(
    {"milestone-moved", "round-opened", "round-closing", "plan-adopted", "summary-published"}
)
# What a follower of «når en innspillsrunde åpner» (Scope.ROUNDS) is told of.
KINDS_BY_SCOPE = {Scope.ROUNDS: frozenset({"round-opened"})}


def mailed_events(plans, now):
    """The mailed kinds of event on these plans whose moment has come, newest first."""
    return list(event_log.happened(now, plans, kinds=MAILED_KINDS))


def live_pages():
    return Page.objects.live().public()


def followed_plans():
    """Live, public pages whose own news someone follows: the plans followed one by one, and
    every plan under a page followed with all its plans (the index)."""
    confirmed = Subscription.objects.confirmed()
    own = Q(pk__in=confirmed.filter(scope=Scope.PLAN).values("plan_id"))
    wide = Q()
    for path, depth in Page.objects.filter(
        pk__in=confirmed.exclude(scope=Scope.PLAN).values("plan_id")
    ).values_list("path", "depth"):
        wide |= Q(path__startswith=path, depth__gt=depth)
    return live_pages().filter(own | wide if wide else own).order_by("title")


def concerns(subscription, event, path_of):
    """Whether the event is news to this follower: on their plan, or (following all) on a plan
    under the page they follow and of a kind their scope tells. `path_of`: page id -> path."""
    if not subscription.is_wide:
        return event.page_id == subscription.plan_id
    kinds = KINDS_BY_SCOPE.get(subscription.scope)
    if kinds is not None and event.kind not in kinds:
        return False
    path, below = path_of.get(event.page_id, ""), subscription.plan.path
    return path.startswith(below) and path != below


def events_for(subscription, now):
    """The mailed events that have come by now for this follower, newest first."""
    if not subscription.is_wide:
        return mailed_events([subscription.plan], now)
    under = live_pages().filter(
        path__startswith=subscription.plan.path, depth__gt=subscription.plan.depth
    )
    kinds = KINDS_BY_SCOPE.get(subscription.scope, MAILED_KINDS)
    return list(event_log.happened(now, under, kinds=kinds))


def record_known(subscription, now):
    """Mark the events that have already happened as told, without a mail: a new follower
    hears what happens from now on, not the plans' history."""
    Notification.objects.bulk_create(
        [
            Notification(
                subscription=subscription, event_key=event.key, created_at=now, known_before=True
            )
            for event in events_for(subscription, now)
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
    # The same mailbox told of the event as a follower of something else (a plan and all
    # plans): recorded as known, never mailed twice.
    told_elsewhere = {
        (email.casefold(), key)
        for email, key in Notification.objects.filter(
            event_key__in=keys,
            known_before=False,
            subscription__email__in=[subscription.email for subscription in subscriptions],
        )
        .exclude(subscription__in=subscriptions)
        .values_list("subscription__email", "event_key")
    }
    pending = [
        (subscription, event)
        for subscription in subscriptions
        for event in events
        if (subscription.pk, event.key) not in known
    ]
    # Or told by the app itself (a sender mailed the summary of the round): only what is
    # still to claim is asked about, so a run with nothing new asks nothing.
    told_directly = event_log.told_directly({event.key for _subscription, event in pending})
    claimed = []
    for subscription, event in pending:
        mailbox = outbox.recipient_key(subscription.email)
        elsewhere = (subscription.email.casefold(), event.key) in told_elsewhere or (
            (mailbox, event.key) in told_directly
        )
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    subscription=subscription,
                    event_key=event.key,
                    created_at=now,
                    known_before=elsewhere,
                )
        except IntegrityError:  # another run, or the follower just left
            continue
        if not elsewhere:
            claimed.append(notification)
    return claimed
