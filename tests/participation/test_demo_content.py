"""The demo: the climate plan's historical round, an open demo round, input in every state."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from participation.models import ParticipationRound, Submission, SubmissionState

pytestmark = pytest.mark.django_db


def test_the_climate_plan_has_its_historical_round_and_an_open_demo_round(plan):
    rounds = {r.title: r for r in ParticipationRound.objects.filter(page=plan)}
    history = rounds["Innspill til kunnskapsgrunnlaget"]
    assert timezone.localtime(history.opens_at).date().isoformat() == "2020-01-01"
    assert timezone.localtime(history.closes_at).date().isoformat() == "2020-09-30"
    demo = rounds["Demo: innspill til temaplan for klima"]
    assert demo.is_open() and "demo" in demo.intro.lower()
    # The rounds are in the published revision, so the plan editor shows them.
    revision_rounds = plan.get_latest_revision_as_object().participation_rounds.all()
    assert {r.title for r in revision_rounds} == set(rounds)


def test_demo_input_exists_in_every_state(demo_round):
    states = set(Submission.objects.filter(round=demo_round).values_list("state", flat=True))
    assert states == set(SubmissionState.values)


def test_loading_again_creates_nothing_and_reopens_a_closed_demo_round(demo_round):
    demo_round.closes_at = timezone.now() - timezone.timedelta(days=1)
    demo_round.save()
    count = Submission.objects.count()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    demo_round.refresh_from_db()
    assert demo_round.is_open()
    assert Submission.objects.count() == count
    assert ParticipationRound.objects.filter(title=demo_round.title).count() == 1
