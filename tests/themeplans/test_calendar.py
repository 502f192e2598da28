"""iCalendar for the index and each plan, as a calendar app reads it (icalendar)."""

import re
from datetime import date, datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from participation.models import ParticipationRound
from tests.themeplans.feed_content import add_plans, add_to_plan
from themeplans.models import Milestone, ThemePlanPage

# These tests read the demo site.
pytestmark = pytest.mark.usefixtures("demo_site")

INDEX_ICS = "/temaplaner/kalender.ics"
CLIMATE_URL = "/temaplaner/handling-mot-klimaendringene/"
CLIMATE_ICS = CLIMATE_URL + "kalender.ics"


def get_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def read_calendar(client, url):
    return Calendar.from_ical(get_calendar(client, url).content)


def by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.events}


def whole_days(event):
    """(first day, day after the last) of an all-day event."""
    start, end = event.start, event.end
    assert type(start) is date and type(end) is date, "an all-day event has dates, not times"
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    return start, end


@pytest.fixture
def climate_plan(demo_site):
    return ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")


def test_calendar_says_what_it_is(client, climate_plan):
    response = get_calendar(client, CLIMATE_ICS)
    calendar = Calendar.from_ical(response.content)

    assert response["Content-Disposition"] == 'inline; filename="handling-mot-klimaendringene.ics"'
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Asker kommune//Temaplaner//NO"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == f"{climate_plan.title} – Asker kommune"
    index = read_calendar(client, INDEX_ICS)
    assert str(index["X-WR-CALNAME"]) == "Temaplaner – Asker kommune"


def test_demo_milestones_span_the_days_their_precision_stands_for(client, climate_plan):
    events = by_summary(read_calendar(client, CLIMATE_ICS))
    title = climate_plan.title

    # Day: that day, DTEND the day after.
    mandate = events[f"{title}: Mandatet behandles"]
    assert whole_days(mandate) == (date(2020, 2, 13), date(2020, 2, 14))
    assert "Når: 13. februar 2020" in mandate["DESCRIPTION"]
    assert "Politisk organ: Utvalg for Samfunnstjenester" in mandate["DESCRIPTION"]
    # Quarters 1 to 3: January to September.
    participation = events[f"{title}: Medvirkningsprosesser gjennomføres"]
    assert whole_days(participation) == (date(2020, 1, 1), date(2020, 10, 1))
    assert "Når: 1.–3. kvartal 2020" in participation["DESCRIPTION"]
    # Month: the whole of September.
    knowledge = events[f"{title}: Kunnskapsgrunnlaget presenteres i utvalget"]
    assert whole_days(knowledge) == (date(2020, 9, 1), date(2020, 10, 1))
    assert "Når: september 2020" in knowledge["DESCRIPTION"]
    # One quarter.
    adoption = events[f"{title}: Endelig vedtak i kommunestyret"]
    assert whole_days(adoption) == (date(2021, 1, 1), date(2021, 4, 1))
    for event in (mandate, participation, knowledge, adoption):
        assert str(event["URL"]) == f"http://testserver{CLIMATE_URL}"


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "precision", "first", "after_last", "shown"),
    [
        (
            date(2022, 8, 15),
            None,
            "quarter",
            date(2022, 7, 1),
            date(2022, 10, 1),
            "3. kvartal 2022",
        ),
        (date(2022, 5, 20), None, "year", date(2022, 1, 1), date(2023, 1, 1), "2022"),
        (date(2022, 2, 10), None, "month", date(2022, 2, 1), date(2022, 3, 1), "februar 2022"),
        (
            date(2022, 11, 3),
            date(2023, 2, 1),
            "month",
            date(2022, 11, 1),
            date(2023, 3, 1),
            "november 2022 – februar 2023",
        ),
        (
            date(2022, 1, 30),
            date(2022, 2, 2),
            "day",
            date(2022, 1, 30),
            date(2022, 2, 3),
            "30. januar – 2. februar 2022",
        ),
        (
            date(2022, 1, 1),
            date(2024, 6, 1),
            "year",
            date(2022, 1, 1),
            date(2025, 1, 1),
            "2022–2024",
        ),
    ],
)
def test_every_precision_becomes_whole_days(
    client, climate_plan, starts_on, ends_on, precision, first, after_last, shown
):
    milestone = Milestone.objects.create(
        page=climate_plan,
        title="Prøvesteg",
        starts_on=starts_on,
        ends_on=ends_on,
        precision=precision,
        location="Asker rådhus",
    )

    event = by_summary(read_calendar(client, CLIMATE_ICS))[f"{climate_plan.title}: Prøvesteg"]

    assert whole_days(event) == (first, after_last)
    assert f"Når: {shown}" in event["DESCRIPTION"]
    assert str(event["LOCATION"]) == "Asker rådhus"
    assert str(event["UID"]) == f"milestone-{milestone.pk}@testserver"


def test_round_deadline_is_a_moment_in_oslo_time(client, climate_plan):
    demo_round = ParticipationRound.objects.get(page=climate_plan, title__startswith="Demo")
    response = get_calendar(client, CLIMATE_ICS)
    event = by_summary(Calendar.from_ical(response.content))[
        f"Frist for innspill: {climate_plan.title} – {demo_round.title}"
    ]

    start = event.start
    assert isinstance(start, datetime)
    assert str(start.tzinfo) == "Europe/Oslo"
    assert start == demo_round.closes_at
    assert start.strftime("%H:%M") == timezone.localtime(demo_round.closes_at).strftime("%H:%M")
    assert "DTEND" not in event
    assert str(event["UID"]) == f"round-{demo_round.pk}-deadline@testserver"
    assert str(event["URL"]) == f"http://testserver{CLIMATE_URL}innspill/"
    text = response.content.decode()
    assert re.search(r"^DTSTART;TZID=Europe/Oslo:\d{8}T\d{6}\r$", text, re.MULTILINE)
    assert "BEGIN:VTIMEZONE\r\nTZID:Europe/Oslo\r\n" in text


def test_uids_are_unique_and_the_same_on_every_request(client, climate_plan):
    first = get_calendar(client, INDEX_ICS).content
    second = get_calendar(client, INDEX_ICS).content

    # Nothing changed, so nothing a calendar app compares changed either.
    assert first == second
    uids = [str(event["UID"]) for event in Calendar.from_ical(first).events]
    assert len(uids) == len(set(uids))
    assert all(re.fullmatch(r"(milestone-\d+|round-\d+-deadline)@testserver", u) for u in uids)
    plan_uids = {str(e["UID"]) for e in read_calendar(client, CLIMATE_ICS).events}
    assert plan_uids <= set(uids), "a plan's events keep their UIDs in the calendar of all plans"


def test_index_calendar_has_every_live_public_plans_entries(client, demo_site):
    hidden = ThemePlanPage.objects.get(slug="kultur")
    Milestone.objects.create(page=hidden, title="Utkast", starts_on=date(2022, 1, 1))
    hidden.unpublish()
    events = read_calendar(client, INDEX_ICS).events
    uids = {str(event["UID"]) for event in events}

    live = ThemePlanPage.objects.live()
    milestones = Milestone.objects.filter(page__in=live)
    rounds = ParticipationRound.objects.filter(page__in=live)
    assert uids == {f"milestone-{m.pk}@testserver" for m in milestones} | {
        f"round-{r.pk}-deadline@testserver" for r in rounds
    }
    assert not uids & {f"milestone-{m.pk}@testserver" for m in hidden.milestones.all()}


@pytest.mark.parametrize("url", ["/temaplaner/finnes-ikke/kalender.ics", "/kalender.ics"])
def test_unknown_address_is_not_found(client, demo_site, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("extra", [0, 12])
def test_calendar_queries_stay_constant(client, climate_plan, django_assert_num_queries, extra):
    add_plans(extra)
    add_to_plan(climate_plan, extra)
    # The demo's 4 climate milestones and 2 rounds, the biodiversity plan's workshop and the water
    # plan's 2 rounds; each extra plan 3 milestones, and the climate plan one milestone and one
    # round per extra.
    expected = {INDEX_ICS: 9 + 3 * extra + 2 * extra, CLIMATE_ICS: 6 + 2 * extra}
    for url, count in ((INDEX_ICS, QUERIES["index"]), (CLIMATE_ICS, QUERIES["plan"])):
        client.get(url)
        with django_assert_num_queries(count):
            calendar = read_calendar(client, url)
        assert len(calendar.events) == expected[url]


# Pinned: the same whether the index has 7 or 19 plans and the plan 4 or 16 milestones and
# rounds.
QUERIES = {"index": 10, "plan": 10}


def test_moved_milestone_keeps_its_uid_and_says_what_moved_it(client, climate_plan):
    from themeplans.models import PoliticalDecision

    milestone = Milestone.objects.get(page=climate_plan, kind="adoption")
    uid = f"milestone-{milestone.pk}@testserver"
    milestone.original_starts_on, milestone.starts_on = milestone.starts_on, date(2021, 4, 1)
    milestone.moved_by = PoliticalDecision.objects.get(decided_on=date(2020, 11, 17))
    milestone.save()

    events = {str(e["UID"]): e for e in read_calendar(client, CLIMATE_ICS).events}
    assert whole_days(events[uid]) == (date(2021, 4, 1), date(2021, 7, 1))
    assert (
        "Formannskapet vedtok 17. november 2020 å flytte milepælen fra 1. kvartal 2021."
        in (events[uid]["DESCRIPTION"])
    )
