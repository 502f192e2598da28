"""The event log: what happened to which page, stored by the app that owns the thing when it
happens, and read by the feeds and the mails to followers with one bounded query.

Each event is worded once per language of the site when it is recorded, so a feed in /en/ and
a Norwegian mail read their own wording without recomputing anything. An event may be stored
before its moment (a round that opens next week): readers see it once that moment has come,
and no longer after `until` if it has one.
"""

from collections.abc import Callable
from datetime import datetime, time

from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation

from core.models import Event

Words = Callable[[], tuple[str, str]]  # () -> (title, description) in the active language
UPDATED = ["page", "kind", "happened_at", "until", "data"]
BATCH = 500  # rows or keys per statement, well within every database's limit on parameters


def event(page, kind, key, happened_at, words: Words, *, below="", until=None) -> Event:
    """An event ready to record; `key` is stable ("<kind>:<id>[:<detail>]") so a feed item keeps
    its guid and a follower is told once; `below` is where to read more, below the page's URL.

    `happened_at` is a moment, or a date for what happened on a day (a decision): that is the
    start of the day in the site's time zone, so dates and moments sort together."""
    on_day = not isinstance(happened_at, datetime)
    if on_day:
        happened_at = timezone.make_aware(datetime.combine(happened_at, time.min))
    worded = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            worded[code] = list(words())
    return Event(
        page=page,
        kind=kind,
        key=key,
        happened_at=happened_at,
        until=until,
        recorded_at=timezone.now(),
        data={"words": worded, "below": below, "on_day": on_day},
    )


def record(*events: Event):
    """Store these events, replacing those with the same keys (new wording, a moved moment)."""
    Event.objects.bulk_create(
        events,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=UPDATED,
    )


def replace(page, kinds, events):
    """The page's events of these kinds are now exactly `events`: the others no longer hold (a
    round removed, a milestone moved again)."""
    keep = [event.key for event in events]
    Event.objects.filter(page=page, kind__in=kinds).exclude(key__in=keep).delete()
    record(*events)


def recorded(page, kind):
    """The page's events of this kind as stored: {key: {language: [title, description]}}."""
    events = Event.objects.filter(page=page, kind=kind).values_list("key", "data")
    return {key: data.get("words") for key, data in events}


def forget(*keys):
    """These events no longer hold (input taken off the public pages)."""
    keys = list(keys)
    for start in range(0, len(keys), BATCH):
        Event.objects.filter(key__in=keys[start : start + BATCH]).delete()


# Apps that tell some people of an event themselves (participation mails a round's summary to
# its senders): fn(keys) -> {(mailbox, key)}, mailbox as core.outbox.recipient_key spells it.
_TELLERS = []


def tells_directly(fn):
    """Register `fn` (an app's ready()): the follower mails skip whom it has told already."""
    _TELLERS.append(fn)
    return fn


def told_directly(keys):
    """The (mailbox, key) pairs of these events that an app has told by mail itself."""
    keys = set(keys)
    return set().union(*(teller(keys) for teller in _TELLERS)) if keys else set()


def happened(now, pages, kinds=None):
    """The events on `pages` (pages or a query of them) whose moment has come by `now`, newest
    first; callers take a slice."""
    events = Event.objects.filter(page__in=pages, happened_at__lte=now).filter(
        Q(until__isnull=True) | Q(until__gt=now)
    )
    if kinds is not None:
        events = events.filter(kind__in=kinds)
    return events.select_related("page").order_by("-happened_at", "-key")
