"""Demo participation from fixtures/participation.json: the climate plan's rounds and input.

Created when missing, never overwritten, except that the demo round is moved forward when it
has closed, so the form can always be tried on a site where the demo was loaded long ago.
"""

import json
from datetime import datetime, time, timedelta
from functools import cache

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from participation import events
from participation.models import ParticipationRound, Submission, SubmissionState

FIXTURE = settings.BASE_DIR / "fixtures" / "participation.json"


@cache
def demo_data():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def _moment(text):
    return timezone.make_aware(datetime.fromisoformat(text))


def _days_from_today(days, at):
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), at))


def load_rounds():
    """The historical rounds and the open demo round, added through a published revision so
    the plan editor sees them."""
    data = demo_data()
    plan = Page.objects.get(slug=data["plan"]).specific
    existing = {r.title: r for r in plan.participation_rounds.all()}
    created = []
    demo = data["demo_round"]
    for item in data["rounds"]:
        if item["title"] not in existing:
            plan.participation_rounds.add(
                _round(item, _moment(item["opens_at"]), _moment(item["closes_at"]))
            )
            created.append(item["title"])
    opens = _days_from_today(demo["opens_days_from_today"], time(0, 0))
    closes = _days_from_today(demo["closes_days_from_today"], time(23, 59))
    demo_round = existing.get(demo["title"])
    if demo_round is None:
        plan.participation_rounds.add(_round(demo, opens, closes))
        created.append(demo["title"])
    elif not demo_round.is_open():
        demo_round.opens_at, demo_round.closes_at = opens, closes
        demo_round.save(update_fields=["opens_at", "closes_at"])
        created.append(f"{demo['title']} (flyttet fram)")
    if demo_round is not None and demo_round.purpose != demo["purpose"]:
        # Loaded before rounds had a purpose: the adopted plan's open round is its revision.
        demo_round.purpose = demo["purpose"]
        demo_round.save(update_fields=["purpose"])
        created.append(f"{demo['title']} (gjelder revisjon)")
    if created:
        plan.save_revision().publish()
    return created


def _round(item, opens_at, closes_at):
    return ParticipationRound(
        title=item["title"],
        kind=item["kind"],
        purpose=item.get("purpose", ParticipationRound._meta.get_field("purpose").default),
        opens_at=opens_at,
        closes_at=closes_at,
        intro=item["intro"],
        allow_attachments=item["allow_attachments"],
    )


def load_submissions():
    data = demo_data()
    demo_round = ParticipationRound.objects.get(
        page__slug=data["plan"], title=data["demo_round"]["title"]
    )
    if demo_round.submissions.exists():
        return []
    created = []
    now = timezone.now()
    for item in data["demo_submissions"]:
        received = now - timedelta(days=item["days_ago"])
        submission = Submission.objects.create(
            round=demo_round,
            name=item["name"],
            email=item["email"],
            organisation=item["organisation"],
            category=item["category"],
            topic=item["topic"],
            text=item["text"],
            publication=item["publication"],
            privacy_accepted=True,
            state=item["state"],
            decline_reason=item.get("decline_reason", ""),
            answer=item["answer"],
            answer_sent=item["answer"],
            answered_at=received + timedelta(hours=20) if item["answer"] else None,
            received_at=received,
            published_at=received + timedelta(hours=20)
            if item["state"] == SubmissionState.PUBLISHED
            else None,
            withdrawn_at=received + timedelta(hours=2)
            if item["state"] == SubmissionState.WITHDRAWN
            else None,
        )
        submission.reference = submission.reference_for()
        submission.save(update_fields=["reference"])
        events.record_answer(submission)  # as the services do when staff answer
        created.append(submission.reference)
    return created
