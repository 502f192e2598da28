"""More content for the feed tests: plans, milestones, rounds and answers, so a test can show
that a feed's queries do not grow with them."""

from datetime import date, timedelta

from django.utils import timezone

from participation.models import ParticipationRound, Submission, SubmissionState
from tests.participation.conftest import make_submission
from themeplans.models import Milestone, ThemePlanIndexPage, ThemePlanPage


def add_plans(count, milestones=3):
    """`count` published plans under the index, each with `milestones` monthly milestones."""
    index = ThemePlanIndexPage.objects.get()
    for number in range(count):
        plan = ThemePlanPage(
            title=f"Målt plan {number}", slug=f"malt-plan-{number}", teaser="For å telle."
        )
        plan.milestones = [
            Milestone(
                title=f"Steg {step}", kind="other", starts_on=date(2024, step, 1), precision="month"
            )
            for step in range(1, milestones + 1)
        ]
        index.add_child(instance=plan)
        plan.save_revision().publish()


def add_to_plan(plan, count):
    """`count` milestones, closed rounds and answered input on `plan`."""
    now = timezone.now()
    for number in range(count):
        Milestone.objects.create(
            page=plan, title=f"Steg {number}", kind="other", starts_on=date(2025, 1, 1)
        )
        round = ParticipationRound.objects.create(
            page=plan,
            title=f"Runde {number}",
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=10),
        )
        make_submission(
            round,
            state=SubmissionState.PUBLISHED,
            answer="Takk for innspillet.",
            answered_at=now - timedelta(days=5),
        )
    publish(plan)


def add_answers(plan, count):
    """`count` answered, published inputs in a closed round on `plan`, newest first, stored
    directly (the next publish of the plan records them in the event log)."""
    now = timezone.now()
    round = ParticipationRound.objects.create(
        page=plan,
        title="Runde med mange svar",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=10),
    )
    answer = "Takk for innspillet, vi tar det med i arbeidet."
    inputs = (
        Submission(
            round=round,
            reference=f"INN-2026-M{number:05d}",
            name="Ola Nordmann",
            email="ola@example.no",
            category="private",
            text="Et innspill om klima og transport i Asker.",
            publication="named",
            privacy_accepted=True,
            received_at=now - timedelta(days=20),
            state=SubmissionState.PUBLISHED,
            published_at=now - timedelta(days=19),
            answer=answer,
            answer_sent=answer,
            answered_at=now - timedelta(minutes=number + 1),
        )
        for number in range(count)
    )
    Submission.objects.bulk_create(inputs, batch_size=1000)


def publish(plan):
    """Publish the plan as it is in the database (its milestones and rounds as saved), as an
    editor's «Publiser» does: its events are recorded."""
    ThemePlanPage.objects.get(pk=plan.pk).save_revision().publish()
