"""The plans' timeline in the event log: each writer stores its events when the thing happens,
and readers see an event once its moment has come."""

from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from core import events
from core.models import Event
from participation import services
from participation.models import ParticipationRound, Submission, SubmissionState
from tests.participation.conftest import make_submission
from tests.themeplans.feed_content import publish
from themeplans.models import Milestone, PoliticalDecision, ThemePlanPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_site")]


def oslo(*parts):
    return timezone.make_aware(datetime(*parts))


def keys(page, now=None, kinds=None):
    return [event.key for event in events.happened(now or timezone.now(), [page], kinds)]


def test_publishing_a_plan_records_it_once(climate_plan):
    Event.objects.filter(page=climate_plan).delete()
    publish(climate_plan)
    publish(climate_plan)
    event = Event.objects.get(key=f"plan-published:{climate_plan.pk}")
    assert event.happened_at == climate_plan.first_published_at
    assert event.title == f"Ny temaplan: {climate_plan.title}"
    assert event.description == climate_plan.teaser
    assert event.link == climate_plan.url


def test_each_event_is_worded_in_every_language(climate_plan):
    event = Event.objects.get(key=f"plan-published:{climate_plan.pk}")
    with translation.override("en"):
        assert event.title == f"New theme plan: {climate_plan.title}"
    assert event.title == f"Ny temaplan: {climate_plan.title}"


def test_a_round_is_stored_ahead_and_read_when_its_moments_come(climate_plan):
    round = ParticipationRound(
        title="Høring av planforslaget",
        kind="hearing",
        opens_at=oslo(2026, 3, 1, 0, 0),
        closes_at=oslo(2026, 4, 15, 23, 59),
    )
    climate_plan.participation_rounds.add(round)
    climate_plan.save_revision().publish()
    round = ParticipationRound.objects.get(page=climate_plan, title=round.title)
    opened, closing, closed = (
        f"{kind}:{round.pk}" for kind in ("round-opened", "round-closing", "round-closed")
    )

    assert not {opened, closing, closed} & set(keys(climate_plan, oslo(2026, 2, 28, 12, 0)))
    during = keys(climate_plan, oslo(2026, 4, 1, 12, 0))
    assert opened in during and closing not in during and closed not in during
    last_days = events.happened(oslo(2026, 4, 13, 12, 0), [climate_plan])
    warning = next(event for event in last_days if event.key == closing)
    assert "15. april 2026 kl. 23.59" in warning.description
    assert warning.link.endswith("/innspill/")
    after = keys(climate_plan, oslo(2026, 4, 16, 9, 0))
    # The warning belongs to the last three days only: after closing it is no longer news.
    assert opened in after and closed in after and closing not in after


def test_a_short_round_has_no_closing_warning(climate_plan):
    round = ParticipationRound(
        title="Kort runde", opens_at=oslo(2026, 3, 1, 0, 0), closes_at=oslo(2026, 3, 3, 0, 0)
    )
    climate_plan.participation_rounds.add(round)
    climate_plan.save_revision().publish()
    round = ParticipationRound.objects.get(page=climate_plan, title=round.title)
    assert not Event.objects.filter(key=f"round-closing:{round.pk}").exists()
    assert Event.objects.filter(key=f"round-closed:{round.pk}").exists()


def test_a_round_removed_from_the_plan_loses_its_events(climate_plan, demo_site):
    demo_round = ParticipationRound.objects.get(page=climate_plan, title__startswith="Demo")
    Submission.objects.filter(round=demo_round).delete()
    assert Event.objects.filter(key=f"round-opened:{demo_round.pk}").exists()
    plan = ThemePlanPage.objects.get(pk=climate_plan.pk)
    plan.participation_rounds.remove(
        next(r for r in plan.participation_rounds.all() if r.pk == demo_round.pk)
    )
    plan.save_revision().publish()
    assert not Event.objects.filter(key__endswith=f":{demo_round.pk}", kind__startswith="round-")


def test_moved_milestone_is_news_with_its_new_date_and_the_decision(climate_plan):
    decision = PoliticalDecision.objects.get(decided_on=date(2020, 11, 17))
    milestone = Milestone.objects.filter(page=climate_plan, kind="adoption").first()
    milestone.starts_on, milestone.precision = date(2021, 4, 1), "quarter"
    milestone.original_starts_on, milestone.moved_by = date(2021, 1, 1), decision
    milestone.save()
    publish(climate_plan)

    moved = list(events.happened(timezone.now(), [climate_plan], kinds=["milestone-moved"]))
    assert [event.key for event in moved] == [f"milestone-moved:{milestone.pk}:2021-04-01"]
    assert "2. kvartal 2021" in moved[0].title
    assert "Opprinnelig 1. kvartal 2021" in moved[0].description
    assert "Formannskapet" in moved[0].description
    assert moved[0].happened_at == oslo(2020, 11, 17, 0, 0)

    # Moved again, it is a new event (followers hear about it) and the first is gone.
    milestone.starts_on = date(2021, 7, 1)
    milestone.save()
    publish(climate_plan)
    again = keys(climate_plan, kinds=["milestone-moved"])
    assert again == [f"milestone-moved:{milestone.pk}:2021-07-01"]


def test_adopted_plan_is_news_from_the_start_of_that_day(climate_plan):
    climate_plan.adopted_on = date(2026, 6, 18)
    climate_plan.save_revision().publish()
    adopted = Event.objects.get(key=f"plan-adopted:{climate_plan.pk}")
    assert adopted.title == f"{climate_plan.title} er vedtatt"
    assert "18. juni 2026" in adopted.description
    assert adopted.happened_at == oslo(2026, 6, 18, 0, 0)


@pytest.fixture
def answered(climate_plan):
    """Input with an answer waiting for a moderator's decision."""
    round = ParticipationRound.objects.get(page=climate_plan, title__startswith="Demo")
    return make_submission(round, answer="Takk, vi ser på det.")


def test_an_answer_is_news_when_the_input_is_published(answered, climate_plan):
    key = f"answer-published:{answered.pk}"
    assert key not in keys(climate_plan)
    services.publish(answered)
    event = Event.objects.get(key=key)
    assert event.happened_at == answered.answered_at
    assert answered.reference in event.title
    assert event.link.endswith(f"/innspill/publiserte/#innspill-{answered.reference}")
    assert key in keys(climate_plan)


def test_a_declined_answer_is_not_news(answered):
    services.decline(answered, "Ikke relevant.")
    assert answered.answered_at
    assert not Event.objects.filter(key=f"answer-published:{answered.pk}").exists()


@pytest.mark.parametrize("leave", [services.reopen, lambda s: services.decline(s, "Feil.")])
def test_an_answer_is_forgotten_when_its_input_leaves_the_public_pages(answered, leave):
    services.publish(answered)
    leave(answered)
    assert not Event.objects.filter(key=f"answer-published:{answered.pk}").exists()


def test_input_published_after_its_answer_was_given_is_news(answered):
    services.decline(answered, "Først avslått.")
    answered.refresh_from_db()
    services.publish(answered)
    assert Event.objects.filter(key=f"answer-published:{answered.pk}").exists()


def test_the_command_rewrites_the_log_as_the_data_is(climate_plan):
    before = dict(Event.objects.values_list("key", "data"))
    Event.objects.all().delete()
    Event.objects.create(
        page=climate_plan, kind="round-opened", key="round-opened:0", happened_at=timezone.now()
    )
    call_command("record_events", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert dict(Event.objects.values_list("key", "data")) == before


def test_the_demo_content_ends_with_its_answers_in_the_log(climate_plan):
    answered = Submission.objects.filter(
        round__page=climate_plan, state=SubmissionState.PUBLISHED
    ).exclude(answer_sent="")
    assert answered, "the demo content has answered input"
    expected = {f"answer-published:{pk}" for pk in answered.values_list("pk", flat=True)}
    assert expected == set(keys(climate_plan, kinds=["answer-published"]))


def test_readers_ask_one_bounded_query(climate_plan, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = list(events.happened(timezone.now(), [climate_plan])[:5])
    assert len(found) == 5
    assert [event.happened_at for event in found] == sorted(
        (event.happened_at for event in found), reverse=True
    )


def test_renaming_a_plan_rewords_its_answers(climate_plan):
    answer = Event.objects.filter(page=climate_plan, kind="answer-published").first()
    climate_plan.title = "Klimaplanen"
    climate_plan.save_revision().publish()
    answer.refresh_from_db()
    assert answer.title.startswith("Klimaplanen: kommunen har svart på innspill")


def test_answers_given_outside_the_services_are_recorded_when_the_plan_is_published(
    answered, climate_plan
):
    Submission.objects.filter(pk=answered.pk).update(
        state=SubmissionState.PUBLISHED, answer_sent=answered.answer, answered_at=timezone.now()
    )
    publish(climate_plan)
    assert Event.objects.filter(key=f"answer-published:{answered.pk}").exists()
