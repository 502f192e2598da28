"""The demo content's RSS items at a fixed clock, as plain values a fixture can hold: what the
feeds said before the event log, compared with what they say now (test_feed_fixture.py).

The demo content is loaded at whatever time the test session starts, so its moments that
depend on that (plans published, the demo round, the demo answers) are set to fixed ones
first; ids and receipt numbers are written as names, so the fixture outlives a change in the
order the demo content is loaded in.
"""

import re
from datetime import date, datetime, timedelta

import feedparser
from django.utils import timezone

from participation.models import ParticipationRound, Submission, SubmissionState
from themeplans.models import Milestone, PoliticalDecision, ThemePlanPage

# In the demo round's last three days: its «closing soon» warning is in the feeds too.
NOW = datetime(2026, 7, 9, 12, 0)
CLIMATE = "handling-mot-klimaendringene"
FEEDS = [
    "/temaplaner/rss/",
    f"/temaplaner/{CLIMATE}/rss/",
    "/en/temaplaner/rss/",
    f"/en/temaplaner/{CLIMATE}/rss/",
]


def oslo(*parts):
    return timezone.make_aware(datetime(*parts))


def fix_moments():
    """Give the moments the demo content takes from the clock fixed values; and a plan
    adopted and a milestone moved, which the demo content has not."""
    ThemePlanPage.objects.filter(slug="kultur").update(adopted_on=date(2026, 6, 18))
    adoption = Milestone.objects.filter(page__slug=CLIMATE, kind="adoption").first()
    Milestone.objects.filter(pk=adoption.pk).update(
        original_starts_on=adoption.starts_on,
        starts_on=date(2027, 4, 1),
        moved_by=PoliticalDecision.objects.get(decided_on=date(2020, 11, 17)),
    )
    for number, plan in enumerate(ThemePlanPage.objects.order_by("path")):
        moment = oslo(2026, 1, 5, 9, 0) + timedelta(days=number)
        ThemePlanPage.objects.filter(pk=plan.pk).update(first_published_at=moment)
    ParticipationRound.objects.filter(title__startswith="Demo").update(
        opens_at=oslo(2026, 6, 1, 0, 0), closes_at=oslo(2026, 7, 10, 23, 59)
    )
    # The climate plan's input: the demo input the fixture was captured with (the demo's
    # «handled privately» input came later, with that state, and has no answer).
    climate_input = (
        Submission.objects.filter(round__page__slug=CLIMATE)
        .exclude(state=SubmissionState.HANDLED_PRIVATE)
        .order_by("name")
    )
    for number, submission in enumerate(climate_input):
        Submission.objects.filter(pk=submission.pk).update(
            answered_at=oslo(2026, 6, 10, 14, 0) + timedelta(days=number)
            if submission.answered_at
            else None
        )


def _labels():
    """Each id in an event key, and each receipt number, as a name from the demo content."""
    ids = {
        "plan": {p.pk: p.slug for p in ThemePlanPage.objects.all()},
        "milestone": {m.pk: f"{m.page.slug}/{m.title}" for m in Milestone.objects.all()},
        "round": {r.pk: r.title for r in ParticipationRound.objects.all()},
        "answer": {s.pk: s.name for s in Submission.objects.all()},
    }
    references = {s.reference: f"<{s.name}>" for s in Submission.objects.exclude(reference="")}
    return ids, references


def _named_key(key, ids):
    kind, number, *detail = key.split(":")
    label = ids[kind.split("-")[0]][int(number)]
    return ":".join([kind, label, *detail])


def _named(text, references):
    return re.sub(r"INN-\d{4}-\d{5}", lambda found: references[found.group()], text)


def feed_items(client):
    """{feed address: [items as (guid, title, link, pubDate, description)]}."""
    ids, references = _labels()
    items = {}
    for url in FEEDS:
        feed = feedparser.parse(client.get(url).content)
        items[url] = [
            {
                "guid": _named_key(entry.id.split(",2026:", 1)[1], ids),
                "title": _named(entry.title, references),
                "link": _named(entry.link, references),
                "pubDate": entry.published,
                "description": _named(entry.summary, references),
            }
            for entry in feed.entries
        ]
    return items
