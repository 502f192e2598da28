"""More content for the feed tests: plans, milestones, rounds and answers, so a test can show
that a feed's queries do not grow with them."""

from datetime import date, timedelta

from django.utils import timezone

from participation.models import ParticipationRound, SubmissionState
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
