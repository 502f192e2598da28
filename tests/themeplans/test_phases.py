"""The phase of a theme plan on a given day, and its next milestone, with a controlled clock."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import override

from themeplans.dates import DAY, MONTH, QUARTER, period
from themeplans.phases import (
    ABOUT_FOLLOW_UP,
    ABOUT_PLAN,
    ABOUT_REVISION,
    ADOPTION,
    EARLY_INPUT,
    HEARING,
    KINDS,
    KNOWLEDGE_BASE,
    MANDATE,
    OTHER,
    PARTICIPATION,
    PHASE_CHOICES,
    POLITICAL_TREATMENT,
    ROUND_HEARING,
    WORKSHOP,
    MilestoneSpan,
    Phase,
    PlanStatus,
    RoundSpan,
    current_phase,
    next_milestone,
    plan_status,
)


@pytest.fixture(autouse=True)
def norwegian():
    with override("nb"):
        yield


def span(kind, first_day, last_day=None):
    return MilestoneSpan(kind, first_day, last_day or first_day)


def stored(kind, day, precision):
    """A milestone as the models store it: one date and a precision."""
    return MilestoneSpan(kind, *period(day, precision))


# The climate plan of the seed: mandate 13 Feb 2020, participation Q1–Q3 2020, knowledge base
# presented September 2020, adoption Q1 2021.
CLIMATE_PLAN = [
    stored(MANDATE, date(2020, 2, 13), DAY),
    MilestoneSpan(PARTICIPATION, date(2020, 1, 1), date(2020, 9, 30)),
    stored(KNOWLEDGE_BASE, date(2020, 9, 1), MONTH),
    stored(ADOPTION, date(2021, 1, 1), QUARTER),
]


# The phases and kinds themselves


def test_phases_are_ordered_along_the_process():
    assert list(Phase) == sorted(Phase)
    assert Phase.PLANNED < Phase.MANDATE < Phase.PARTICIPATION < Phase.POLITICAL < Phase.ADOPTED


def test_phases_have_slugs_and_norwegian_labels():
    assert [(value, str(label)) for value, label in PHASE_CHOICES] == [
        ("planned", "Planlagt"),
        ("mandate", "Mandat vedtatt"),
        ("knowledge_base", "Kunnskapsgrunnlag"),
        ("participation", "Medvirkning"),
        ("hearing", "Høring"),
        ("political", "Politisk behandling"),
        ("adopted", "Vedtatt"),
    ]


def test_phase_can_be_found_by_its_slug():
    assert Phase("political") is Phase.POLITICAL


def test_phase_reads_as_its_label():
    assert str(Phase.ADOPTED) == "Vedtatt"


def test_every_milestone_kind_has_a_norwegian_label():
    assert [(value, str(label)) for value, label in KINDS] == [
        ("mandate", "Mandat"),
        ("knowledge_base", "Kunnskapsgrunnlag"),
        ("participation", "Medvirkning"),
        ("workshop", "Verksted"),
        ("hearing", "Høring"),
        ("political_treatment", "Politisk behandling"),
        ("adoption", "Vedtak"),
        ("other", "Annet"),
    ]


# Rule 1: nothing to go on


def test_plan_without_milestones_has_no_phase():
    assert current_phase([], date(2020, 1, 1)) is None


def test_plan_with_only_other_milestones_has_no_phase():
    milestones = [span(OTHER, date(2019, 1, 1), date(2021, 1, 1))]
    assert current_phase(milestones, date(2020, 1, 1)) is None


def test_milestones_may_be_any_iterable():
    assert current_phase(iter(CLIMATE_PLAN), date(2021, 2, 1)) is Phase.POLITICAL


# Rule 2: adopted_on


def test_plan_is_adopted_on_the_adoption_day():
    assert current_phase([], date(2021, 2, 10), adopted_on=date(2021, 2, 10)) is Phase.ADOPTED


def test_plan_is_adopted_after_the_adoption_day():
    assert current_phase([], date(2021, 2, 11), adopted_on=date(2021, 2, 10)) is Phase.ADOPTED


def test_plan_with_a_future_adoption_day_and_no_milestones_is_planned():
    assert current_phase([], date(2021, 2, 9), adopted_on=date(2021, 2, 10)) is Phase.PLANNED


def test_adoption_day_overrides_an_ongoing_milestone():
    milestones = [span(HEARING, date(2021, 1, 1), date(2021, 3, 31))]
    assert current_phase(milestones, date(2021, 2, 10), adopted_on=date(2021, 2, 10)) == (
        Phase.ADOPTED
    )


def test_adoption_day_overrides_an_adoption_milestone_still_running():
    assert (
        current_phase(CLIMATE_PLAN, date(2021, 2, 10), adopted_on=date(2021, 2, 10))
        is Phase.ADOPTED
    )


def test_day_before_the_adoption_day_follows_the_milestones():
    assert (
        current_phase(CLIMATE_PLAN, date(2021, 2, 9), adopted_on=date(2021, 2, 10))
        is Phase.POLITICAL
    )


def test_adoption_day_counts_even_when_all_milestones_are_other():
    milestones = [span(OTHER, date(2020, 1, 1))]
    assert current_phase(milestones, date(2021, 1, 1), adopted_on=date(2020, 6, 1)) == (
        Phase.ADOPTED
    )


# Rule 3: a finished adoption milestone

ADOPTION_Q1_2021 = [stored(ADOPTION, date(2021, 1, 1), QUARTER)]


def test_adoption_milestone_on_its_last_day_is_still_political_treatment():
    assert current_phase(ADOPTION_Q1_2021, date(2021, 3, 31)) is Phase.POLITICAL


def test_plan_is_adopted_the_day_after_the_adoption_milestone_ends():
    assert current_phase(ADOPTION_Q1_2021, date(2021, 4, 1)) is Phase.ADOPTED


def test_finished_adoption_wins_over_a_later_ongoing_milestone():
    milestones = [*ADOPTION_Q1_2021, span(HEARING, date(2021, 3, 1), date(2021, 6, 30))]
    assert current_phase(milestones, date(2021, 4, 1)) is Phase.ADOPTED


# Rule 4: ongoing milestones, boundaries of first and last day

# A knowledge base running all of 2020, with a hearing inside it.
KNOWLEDGE_BASE_WITH_HEARING = [
    span(KNOWLEDGE_BASE, date(2020, 1, 1), date(2020, 12, 31)),
    span(HEARING, date(2020, 3, 10), date(2020, 4, 20)),
]


def test_day_before_a_milestone_starts_it_does_not_count():
    assert current_phase(KNOWLEDGE_BASE_WITH_HEARING, date(2020, 3, 9)) is Phase.KNOWLEDGE_BASE


def test_milestone_counts_from_its_first_day():
    assert current_phase(KNOWLEDGE_BASE_WITH_HEARING, date(2020, 3, 10)) is Phase.HEARING


def test_milestone_counts_the_day_after_its_first_day():
    assert current_phase(KNOWLEDGE_BASE_WITH_HEARING, date(2020, 3, 11)) is Phase.HEARING


def test_milestone_counts_the_day_before_its_last_day():
    assert current_phase(KNOWLEDGE_BASE_WITH_HEARING, date(2020, 4, 19)) is Phase.HEARING


def test_milestone_counts_on_its_last_day():
    assert current_phase(KNOWLEDGE_BASE_WITH_HEARING, date(2020, 4, 20)) is Phase.HEARING


def test_ongoing_milestone_wins_over_one_that_ended_the_day_before():
    assert current_phase(KNOWLEDGE_BASE_WITH_HEARING, date(2020, 4, 21)) is Phase.KNOWLEDGE_BASE


def test_ongoing_milestone_furthest_along_the_process_sets_the_phase():
    milestones = [
        span(HEARING, date(2020, 5, 1), date(2020, 5, 31)),
        span(MANDATE, date(2020, 5, 10)),
        span(PARTICIPATION, date(2020, 1, 1), date(2020, 12, 31)),
    ]
    assert current_phase(milestones, date(2020, 5, 10)) is Phase.HEARING


def test_ongoing_mandate_gives_mandate_phase():
    assert current_phase([span(MANDATE, date(2020, 2, 13))], date(2020, 2, 13)) is Phase.MANDATE


def test_ongoing_workshop_gives_participation_phase():
    milestones = [span(WORKSHOP, date(2020, 5, 1), date(2020, 5, 2))]
    assert current_phase(milestones, date(2020, 5, 1)) is Phase.PARTICIPATION


def test_workshop_outranks_knowledge_base():
    milestones = [
        span(KNOWLEDGE_BASE, date(2020, 1, 1), date(2020, 12, 31)),
        span(WORKSHOP, date(2020, 5, 1)),
    ]
    assert current_phase(milestones, date(2020, 5, 1)) is Phase.PARTICIPATION


def test_ongoing_political_treatment_gives_political_phase():
    milestones = [span(POLITICAL_TREATMENT, date(2020, 11, 1), date(2020, 11, 30))]
    assert current_phase(milestones, date(2020, 11, 15)) is Phase.POLITICAL


def test_ongoing_adoption_milestone_gives_political_phase():
    assert current_phase(ADOPTION_Q1_2021, date(2021, 1, 1)) is Phase.POLITICAL


def test_political_treatment_outranks_hearing():
    milestones = [
        span(HEARING, date(2020, 10, 1), date(2020, 12, 31)),
        span(POLITICAL_TREATMENT, date(2020, 11, 1), date(2020, 11, 30)),
    ]
    assert current_phase(milestones, date(2020, 11, 15)) is Phase.POLITICAL


def test_ongoing_other_milestone_is_ignored():
    milestones = [
        span(MANDATE, date(2020, 2, 13)),
        span(OTHER, date(2020, 1, 1), date(2020, 12, 31)),
    ]
    assert current_phase(milestones, date(2020, 6, 1)) is Phase.MANDATE


def test_unknown_kind_is_ignored_like_other():
    milestones = [span("press_release", date(2020, 1, 1), date(2020, 12, 31))]
    assert current_phase(milestones, date(2020, 6, 1)) is None


# Rule 5: nothing ongoing, the milestone that ended last


def test_single_finished_milestone_keeps_its_phase():
    assert current_phase(
        [span(HEARING, date(2020, 3, 1), date(2020, 3, 31))], date(2020, 8, 1)
    ) == (Phase.HEARING)


def test_milestone_that_ended_last_sets_the_phase_even_if_less_far_along():
    milestones = [
        span(HEARING, date(2020, 3, 1), date(2020, 3, 31)),
        span(KNOWLEDGE_BASE, date(2020, 1, 1), date(2020, 6, 30)),
    ]
    assert current_phase(milestones, date(2020, 8, 1)) is Phase.KNOWLEDGE_BASE


def test_milestones_ending_the_same_day_are_ranked_along_the_process():
    milestones = [
        span(HEARING, date(2020, 3, 1), date(2020, 6, 30)),
        span(KNOWLEDGE_BASE, date(2020, 1, 1), date(2020, 6, 30)),
    ]
    assert current_phase(milestones, date(2020, 8, 1)) is Phase.HEARING


def test_finished_political_treatment_is_not_an_adoption():
    milestones = [span(POLITICAL_TREATMENT, date(2020, 11, 1), date(2020, 11, 30))]
    assert current_phase(milestones, date(2021, 1, 1)) is Phase.POLITICAL


def test_finished_milestone_wins_over_one_that_has_not_started():
    milestones = [span(MANDATE, date(2020, 2, 13)), span(HEARING, date(2020, 9, 1))]
    assert current_phase(milestones, date(2020, 5, 1)) is Phase.MANDATE


def test_finished_other_milestone_is_ignored():
    milestones = [
        span(MANDATE, date(2020, 2, 13)),
        span(OTHER, date(2020, 4, 1)),
        span(HEARING, date(2020, 9, 1)),
    ]
    assert current_phase(milestones, date(2020, 5, 1)) is Phase.MANDATE


# Rule 6: everything in the future


def test_plan_whose_milestones_all_lie_ahead_is_planned():
    assert current_phase([span(MANDATE, date(2020, 2, 13))], date(2020, 2, 12)) is Phase.PLANNED


def test_plan_with_future_milestones_and_a_past_other_milestone_is_planned():
    milestones = [span(OTHER, date(2019, 1, 1)), span(MANDATE, date(2020, 2, 13))]
    assert current_phase(milestones, date(2019, 6, 1)) is Phase.PLANNED


# The climate plan of the seed, through its whole process


@pytest.mark.parametrize(
    ("today", "phase"),
    [
        (date(2019, 6, 1), Phase.PLANNED),
        (date(2019, 12, 31), Phase.PLANNED),
        # Participation Q1–Q3 has started before the mandate day.
        (date(2020, 1, 1), Phase.PARTICIPATION),
        (date(2020, 2, 1), Phase.PARTICIPATION),
        # On the mandate day participation is ongoing too, and is further along.
        (date(2020, 2, 13), Phase.PARTICIPATION),
        # Participation and the knowledge base both run in September; participation ranks higher.
        (date(2020, 9, 15), Phase.PARTICIPATION),
        (date(2020, 9, 30), Phase.PARTICIPATION),
        # Both ended 30 September: the tie goes to the one further along, participation.
        (date(2020, 10, 1), Phase.PARTICIPATION),
        (date(2020, 11, 1), Phase.PARTICIPATION),
        (date(2020, 12, 31), Phase.PARTICIPATION),
        (date(2021, 1, 1), Phase.POLITICAL),
        (date(2021, 2, 1), Phase.POLITICAL),
        (date(2021, 3, 31), Phase.POLITICAL),
        (date(2021, 4, 1), Phase.ADOPTED),
        (date(2030, 1, 1), Phase.ADOPTED),
    ],
)
def test_climate_plan_phase_on_each_day(today, phase):
    assert current_phase(CLIMATE_PLAN, today) is phase


def test_climate_plan_with_knowledge_base_presented_in_october_shows_it_after_participation():
    milestones = [*CLIMATE_PLAN[:2], stored(KNOWLEDGE_BASE, date(2020, 10, 1), MONTH)]
    assert current_phase(milestones, date(2020, 11, 1)) is Phase.KNOWLEDGE_BASE


# next_milestone


def test_no_next_milestone_without_milestones():
    assert next_milestone([], date(2020, 1, 1)) is None


def test_no_next_milestone_when_all_have_ended():
    assert next_milestone(CLIMATE_PLAN, date(2021, 4, 1)) is None


def test_milestone_on_its_last_day_is_still_next():
    assert next_milestone(ADOPTION_Q1_2021, date(2021, 3, 31)) is ADOPTION_Q1_2021[0]


def test_milestone_is_not_next_the_day_after_its_last_day():
    mandate, hearing = span(MANDATE, date(2020, 2, 13)), span(HEARING, date(2020, 9, 1))
    assert next_milestone([mandate, hearing], date(2020, 2, 14)) is hearing


def test_future_milestone_is_next_the_day_before_it_starts():
    mandate = span(MANDATE, date(2020, 2, 13))
    assert next_milestone([mandate], date(2020, 2, 12)) is mandate


def test_next_milestone_is_the_one_starting_first_whatever_the_order():
    hearing, mandate = span(HEARING, date(2020, 9, 1)), span(MANDATE, date(2020, 2, 13))
    assert next_milestone([hearing, mandate], date(2020, 1, 1)) is mandate


def test_ongoing_milestone_comes_before_one_in_the_future():
    participation = span(PARTICIPATION, date(2020, 1, 1), date(2020, 9, 30))
    mandate = span(MANDATE, date(2020, 2, 13))
    assert next_milestone([mandate, participation], date(2020, 2, 1)) is participation


def test_milestones_starting_the_same_day_put_the_one_ending_first_next():
    long = span(PARTICIPATION, date(2020, 3, 1), date(2020, 9, 30))
    short = span(WORKSHOP, date(2020, 3, 1))
    assert next_milestone([long, short], date(2020, 1, 1)) is short


def test_next_milestone_includes_other_milestones():
    other = span(OTHER, date(2020, 3, 1))
    assert next_milestone([span(HEARING, date(2020, 9, 1)), other], date(2020, 1, 1)) is other


def test_climate_plan_next_milestone_after_participation_is_the_adoption():
    assert next_milestone(CLIMATE_PLAN, date(2020, 10, 1)) is CLIMATE_PLAN[3]


@dataclass
class Milestone:
    """Stands in for a model instance: a date and a precision, not a span."""

    title: str
    day: date
    precision: str


def test_next_milestone_maps_own_objects_through_span():
    milestones = [
        Milestone("Høring", date(2020, 9, 1), MONTH),
        Milestone("Mandat", date(2020, 2, 13), DAY),
    ]
    found = next_milestone(
        milestones,
        date(2020, 2, 14),
        span=lambda m: MilestoneSpan(OTHER, *period(m.day, m.precision)),
    )
    assert found.title == "Høring"


# One status from milestones and rounds together (rules 7–9)

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=OSLO)
TODAY = NOW.date()


def round_span(kind=EARLY_INPUT, purpose=ABOUT_PLAN, opens=-7, closes=30):
    """A round opening and closing so many days from NOW."""
    return RoundSpan(kind, purpose, NOW + timedelta(days=opens), NOW + timedelta(days=closes))


def test_the_demo_climate_plan_is_adopted_and_open_for_input_to_its_revision():
    """The demo: adopted in Q1 2021 by its milestones, with an open round about its revision."""
    status = plan_status(CLIMATE_PLAN, [round_span(purpose=ABOUT_REVISION)], TODAY, NOW)
    assert status.phase is Phase.ADOPTED
    assert status.is_open and status.adopted_and_open
    assert status.about == ABOUT_REVISION
    assert status.open_label == "Åpen for innspill til revisjon"


def test_an_adopted_plan_cannot_take_input_to_the_plan_being_made():
    """An open round about the plan itself means the plan is not finished: the round's phase."""
    early = plan_status(CLIMATE_PLAN, [round_span()], TODAY, NOW)
    assert (early.phase, early.is_open, early.about) == (Phase.PARTICIPATION, True, ABOUT_PLAN)
    assert not early.adopted_and_open
    assert early.open_label == "Åpen for innspill"
    hearing = plan_status([], [round_span(kind=ROUND_HEARING)], TODAY, NOW, TODAY)
    assert hearing.phase is Phase.HEARING and not hearing.adopted_and_open


def test_a_follow_up_round_keeps_the_plan_adopted_and_says_so():
    status = plan_status(CLIMATE_PLAN, [round_span(purpose=ABOUT_FOLLOW_UP)], TODAY, NOW)
    assert status.phase is Phase.ADOPTED and status.adopted_and_open
    assert status.open_label == "Åpen for innspill til oppfølging"


def test_an_open_round_moves_the_phase_forward_never_back():
    mandate_only = [span(MANDATE, date(2026, 1, 10))]
    assert plan_status(mandate_only, [round_span()], TODAY, NOW).phase is Phase.PARTICIPATION
    political = [span(POLITICAL_TREATMENT, date(2026, 11, 1), date(2026, 12, 31))]
    assert plan_status(political, [round_span()], TODAY, NOW).phase is Phase.POLITICAL
    # A plan with no milestones at all still shows where it stands while a round is open.
    assert plan_status([], [round_span(kind=ROUND_HEARING)], TODAY, NOW).phase is Phase.HEARING


def test_a_hearing_and_early_input_open_together_give_the_hearing():
    rounds = [round_span(), round_span(kind=ROUND_HEARING, closes=60)]
    assert plan_status([], rounds, TODAY, NOW).phase is Phase.HEARING


def test_a_drafting_round_wins_over_a_revision_round_open_at_the_same_time():
    rounds = [round_span(purpose=ABOUT_REVISION, closes=5), round_span(closes=40)]
    status = plan_status(CLIMATE_PLAN, rounds, TODAY, NOW)
    assert (status.phase, status.about) == (Phase.PARTICIPATION, ABOUT_PLAN)


@pytest.mark.parametrize(
    "opens, closes",
    [(1, 30), (-30, 0), (-30, -1)],  # not opened yet; closed this very moment; closed yesterday
)
def test_a_round_that_is_not_open_changes_nothing(opens, closes):
    status = plan_status(CLIMATE_PLAN, [round_span(opens=opens, closes=closes)], TODAY, NOW)
    assert status == PlanStatus(Phase.ADOPTED)
    assert (status.is_open, status.open_label, status.adopted_and_open) == (False, "", False)


def test_a_round_is_open_from_its_opening_moment():
    status = plan_status([], [round_span(opens=0)], TODAY, NOW)
    assert status.is_open


def test_no_milestones_and_no_open_round_shows_no_status():
    assert plan_status([], [round_span(opens=3)], TODAY, NOW) == PlanStatus(None)


def test_round_kinds_and_purposes_agree_with_participation():
    from participation.models import RoundKind, RoundPurpose

    assert {EARLY_INPUT, ROUND_HEARING} == set(RoundKind.values)
    assert {ABOUT_PLAN, ABOUT_REVISION, ABOUT_FOLLOW_UP} == set(RoundPurpose.values)
