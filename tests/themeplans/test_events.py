"""The plans' timeline: what the RSS feeds list and what followers are told, each event once."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from participation.models import ParticipationRound, Submission
from themeplans.events import events_for
from themeplans.models import Milestone, PoliticalDecision, ThemePlanPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def oslo(*parts):
    return timezone.make_aware(datetime(*parts))


def keys(events):
    return [event.key for event in events]


@pytest.fixture
def plans(demo_site):
    return list(ThemePlanPage.objects.live())


def test_every_published_plan_is_news_once(plans):
    events = events_for(plans)
    published = [key for key in keys(events) if key.startswith("plan-published:")]
    assert sorted(published) == sorted(f"plan-published:{plan.pk}" for plan in plans)


def test_events_are_newest_first_and_none_from_the_future(plans, climate_plan):
    ParticipationRound.objects.create(
        page=climate_plan,
        title="Høring som kommer",
        kind="hearing",
        opens_at=timezone.now() + timedelta(days=10),
        closes_at=timezone.now() + timedelta(days=60),
    )
    events = events_for(plans)
    moments = [event.moment for event in events]
    assert moments == sorted(moments, reverse=True)
    assert all(moment <= timezone.now() for moment in moments)
    assert not any("Høring som kommer" in event.title for event in events)


def test_a_round_opens_warns_three_days_before_and_closes(climate_plan):
    round = ParticipationRound.objects.create(
        page=climate_plan,
        title="Høring av planforslaget",
        kind="hearing",
        opens_at=oslo(2026, 3, 1, 0, 0),
        closes_at=oslo(2026, 4, 15, 23, 59),
    )
    opened = f"round-opened:{round.pk}"
    closing = f"round-closing:{round.pk}"
    closed = f"round-closed:{round.pk}"

    during = keys(events_for([climate_plan], now=oslo(2026, 4, 1, 12, 0)))
    assert opened in during and closing not in during and closed not in during

    last_days = events_for([climate_plan], now=oslo(2026, 4, 13, 12, 0))
    assert closing in keys(last_days)
    warning = next(event for event in last_days if event.key == closing)
    assert "15. april 2026 kl. 23.59" in warning.description
    assert warning.link.endswith("/innspill/")

    after = keys(events_for([climate_plan], now=oslo(2026, 4, 16, 9, 0)))
    assert opened in after and closed in after
    # The warning belongs to the last three days only: after closing it is no longer news.
    assert closing not in after


def test_moved_milestone_is_news_with_its_new_date_and_the_decision(climate_plan):
    decision = PoliticalDecision.objects.get(decided_on=date(2020, 11, 17))
    milestone = Milestone.objects.filter(page=climate_plan, kind="adoption").first()
    milestone.starts_on, milestone.precision = date(2021, 4, 1), "quarter"
    milestone.original_starts_on, milestone.moved_by = date(2021, 1, 1), decision
    milestone.save()

    moved = [e for e in events_for([climate_plan]) if e.kind == "milestone-moved"]
    assert len(moved) == 1
    assert moved[0].key == f"milestone-moved:{milestone.pk}:2021-04-01"
    assert "2. kvartal 2021" in moved[0].title
    assert "Opprinnelig 1. kvartal 2021" in moved[0].description
    assert "Formannskapet" in moved[0].description

    # Moved again, it is a new event: followers hear about the second move too.
    milestone.starts_on = date(2021, 7, 1)
    milestone.save()
    again = [e.key for e in events_for([climate_plan]) if e.kind == "milestone-moved"]
    assert again == [f"milestone-moved:{milestone.pk}:2021-07-01"]


def test_adopted_plan_is_news(climate_plan):
    climate_plan.adopted_on = date(2026, 6, 18)
    events = events_for([climate_plan])
    adopted = next(event for event in events if event.kind == "plan-adopted")
    assert adopted.title == f"{climate_plan.title} er vedtatt"
    assert "18. juni 2026" in adopted.description


def test_only_published_answers_are_news(climate_plan, demo_site):
    answered = Submission.objects.published_on(climate_plan).exclude(answer="")
    expected = {f"answer-published:{pk}" for pk in answered.values_list("pk", flat=True)}
    assert expected, "the demo content has answered input"
    found = {key for key in keys(events_for([climate_plan])) if key.startswith("answer-")}
    assert found == expected

    Submission.objects.filter(pk__in=answered.values("pk")).update(state="withdrawn")
    assert not any(k.startswith("answer-") for k in keys(events_for([climate_plan])))


def test_keys_are_stable_between_calls(plans):
    assert keys(events_for(plans)) == keys(events_for(plans))


def test_queries_do_not_grow_with_the_number_of_plans(plans, django_assert_num_queries):
    # One query per kind of source (moved milestones, rounds, answers), whatever the plans.
    with django_assert_num_queries(3):
        events_for(plans)


def test_asking_for_some_kinds_runs_only_their_sources(plans, django_assert_num_queries):
    with django_assert_num_queries(1):  # the rounds; no answers, no moved milestones
        events = events_for(plans, kinds={"round-opened", "round-closing"})
    assert events and {event.kind for event in events} == {"round-opened"}
