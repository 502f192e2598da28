"""Staff get clear messages when plan facts do not add up."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PlanGoalFactory, PoliticalBodyFactory, PoliticalDecisionFactory
from themeplans.models import Milestone, PlanGoal, PoliticalDecision

pytestmark = pytest.mark.django_db


def test_milestone_ending_before_it_starts_is_refused():
    milestone = Milestone(
        title="Høring", kind="hearing", starts_on=date(2021, 5, 1), ends_on=date(2021, 4, 1)
    )
    with pytest.raises(ValidationError) as error:
        milestone.clean()
    assert "Slutten kan ikke være før starten" in str(error.value.message_dict["ends_on"])


def test_milestone_moved_by_a_decision_needs_its_original_date():
    body = PoliticalBodyFactory(name="Formannskapet")
    decision = PoliticalDecisionFactory(body=body, title="Utsettelser")
    milestone = Milestone(
        title="Vedtak", kind="adoption", starts_on=date(2021, 6, 1), moved_by=decision
    )
    with pytest.raises(ValidationError) as error:
        milestone.clean()
    assert "opprinnelige datoen" in str(error.value.message_dict["original_starts_on"])


def test_original_date_without_a_decision_is_refused():
    milestone = Milestone(
        title="Vedtak",
        kind="adoption",
        starts_on=date(2021, 6, 1),
        original_starts_on=date(2021, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        milestone.clean()
    assert "moved_by" in error.value.message_dict


@pytest.mark.parametrize("case_number", ["8/20", "0008-20", "sak 0008/20", "0008/2020"])
def test_case_number_in_the_wrong_form_is_refused(case_number):
    body = PoliticalBodyFactory(name="Kommunestyret")
    decision = PoliticalDecision(
        body=body, decided_on=date(2020, 2, 13), title="Mandat", case_number=case_number
    )
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "for eksempel 0008/20" in str(error.value.message_dict["case_number"])


def test_case_number_in_the_usual_form_is_accepted():
    body = PoliticalBodyFactory(name="Kommunestyret")
    PoliticalDecision(
        body=body, decided_on=date(2020, 2, 13), title="Mandat", case_number="0008/20"
    ).full_clean()


def test_milestone_shows_its_date_with_its_precision():
    milestone = Milestone(
        title="Medvirkning",
        kind="participation",
        starts_on=date(2020, 1, 1),
        ends_on=date(2020, 9, 30),
        precision="quarter",
    )
    assert milestone.display_date == "1.–3. kvartal 2020"
    assert (milestone.span.first_day, milestone.span.last_day) == (
        date(2020, 1, 1),
        date(2020, 9, 30),
    )


def test_sub_goal_cannot_have_sub_goals():
    sub = PlanGoalFactory(code="1.1", parent=PlanGoalFactory(code="1"))
    with pytest.raises(ValidationError):
        PlanGoal(code="1.1.1", title="For dypt", parent=sub).clean()
