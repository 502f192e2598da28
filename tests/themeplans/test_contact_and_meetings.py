"""Contact routes on the plan pages (people, bodies, case numbers, a plan with little content)
and milestones with a time, a place and a sign-up link, on the page and in the calendar."""

import re
from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from asker.models import FooterSettings
from tests.themeplans.visible_text import visible_text
from themeplans.models import Milestone, Person, PlanPerson, ThemePlanPage

pytestmark = pytest.mark.usefixtures("demo_site")

CLIMATE_URL = "/temaplaner/handling-mot-klimaendringene/"
CULTURE_URL = "/temaplaner/kultur/"
NATURE_URL = "/temaplaner/naturmangfold/"


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def bente():
    person = Person.objects.get(name="Bente Støa")
    person.email = "bente.stoa@asker.kommune.no"
    person.phone = "66 90 12 34"
    person.save()
    return person


def person_in(plan, name):
    return next(person for person in plan["people"] if person["name"] == name)


def test_work_contact_details_are_shown_only_when_the_editor_ticks_the_box(client, bente):
    html = html_of(client, CLIMATE_URL)
    assert "bente.stoa@asker.kommune.no" not in html
    assert "66 90 12 34" not in html
    api = client.get("/api/plans/handling-mot-klimaendringene/")
    assert api.status_code == 200
    assert person_in(api.json(), "Bente Støa")["email"] is None

    bente.show_contact_publicly = True
    bente.save()
    html = html_of(client, CLIMATE_URL)
    assert '<a href="mailto:bente.stoa@asker.kommune.no">bente.stoa@asker.kommune.no</a>' in html
    assert '<a href="tel:66901234">66 90 12 34</a>' in html
    api = client.get("/api/plans/handling-mot-klimaendringene/").json()
    assert person_in(api, "Bente Støa")["email"] == "bente.stoa@asker.kommune.no"


def test_the_mandate_links_the_committee_and_the_case_number(client):
    html = html_of(client, CLIMATE_URL)
    mandate = html.split('id="mandat"', 1)[1].split("</section>", 1)[0]
    assert re.search(
        r'<a href="https://www\.asker\.kommune\.no/politikk/"[^>]*>Utvalg for Samfunnstjenester</a>'
        r"\s*behandlet mandatet",
        mandate,
    )
    assert 'Saksnummer: <a href="https://www.asker.kommune.no/politikk/">0008/20</a>.' in mandate


def test_the_index_links_the_decision_its_body_and_the_planning_strategy(client):
    html = html_of(client, "/temaplaner/")
    decisions = html.split('class="decision-list"', 1)[1].split("</ul>", 1)[0]
    assert '<a href="https://www.asker.kommune.no/politikk/">Formannskapet</a> vedtok' in decisions
    assert "Les vedtaket" in decisions
    assert re.search(r'Se også <a href="[^"]+">Planstrategi for Asker kommune</a>\.', html)


def test_a_case_number_links_to_its_decision(client):
    from themeplans.models import PoliticalDecision

    decision = PoliticalDecision.objects.get()
    decision.case_number = "0123/20"
    decision.link_url = "https://example.no/sak/0123-20"
    decision.save()
    html = html_of(client, "/temaplaner/")
    assert 'Saksnummer <a href="https://example.no/sak/0123-20">0123/20</a>' in html


def test_a_plan_with_little_content_says_what_it_is_where_it_stands_and_whom_to_ask(client):
    text = visible_text(client.get(CULTURE_URL))
    assert "Om planen" in text
    assert "Asker kommune ønsker å være en kommune med et rikt og levende kulturliv" in text
    assert "Arbeidet med planen har ikke startet ennå." in text
    assert "Spørsmål om planen?" in text
    html = html_of(client, CULTURE_URL)
    empty_state = html.split('class="plan-section plan-empty-state"', 1)[1].split("</section>")[0]
    assert "Servicetorget i Asker kommune" in empty_state
    assert 'href="mailto:postmottak@asker.kommune.no"' in empty_state
    assert 'href="tel:66909000"' in empty_state


def test_without_a_contact_person_the_plan_shows_the_municipalitys_contact(client):
    plan = ThemePlanPage.objects.get(slug="kultur")
    PlanPerson.objects.filter(page=plan).delete()
    plan.save_revision().publish()
    html = html_of(client, CULTURE_URL)
    empty_state = html.split('class="plan-section plan-empty-state"', 1)[1].split("</section>")[0]
    assert 'class="general-contact"' in empty_state
    assert 'href="tel:66909000"' in empty_state
    assert ">Kontakt oss</a>" in empty_state


def test_a_plan_with_content_has_no_empty_state(client):
    assert "plan-empty-state" not in html_of(client, CLIMATE_URL)


def test_the_footer_has_the_contact_block_from_the_settings(client):
    html = html_of(client, "/")
    footer = html.split('<footer class="site-footer">', 1)[1]
    contact = footer.split("</section>", 1)[0]
    assert "Postboks 353<br>1372 Asker" in contact
    assert '<a href="tel:66909000">66 90 90 00</a>' in contact
    assert '<a href="mailto:postmottak@asker.kommune.no">' in contact
    assert '<a href="https://www.asker.kommune.no/">Kontakt oss</a>' in contact


def test_the_footer_without_a_contact_link_shows_none(client):
    FooterSettings.objects.update(contact_url="")
    from asker.site_frame import clear_site_frame

    clear_site_frame()
    assert "Kontakt oss" not in html_of(client, "/")


def test_an_index_without_plans_links_onwards(client):
    for plan in ThemePlanPage.objects.live():
        plan.unpublish()
    text = visible_text(client.get("/temaplaner/"))
    assert "Ingen temaplaner er publisert ennå." in text
    html = html_of(client, "/temaplaner/")
    assert '<a href="#abonner">' in html and 'id="abonner"' in html
    assert 'href="tel:66909000"' in html.split('class="section layout-container--narrow')[1]


# ---------- Milestones with a time and a place ----------


def test_the_demo_workshop_shows_its_time_place_and_sign_up(client, clock):
    clock(date(2027, 1, 15))
    html = html_of(client, NATURE_URL)
    text = visible_text(client.get(NATURE_URL))
    assert "Verksted om naturmangfold i Asker" in text
    assert '<time datetime="2027-03-10T18:00">10. mars 2027, kl. 18.00–20.00</time>' in html
    assert '<span class="milestones__place">, <span>Asker kulturhus</span></span>' in html
    assert re.search(
        r'<a class="button button--secondary" href="https://www\.asker\.kommune\.no/">'
        r"Meld deg på",
        html,
    )


def test_a_past_meeting_offers_no_sign_up(client, clock):
    clock(date(2027, 3, 11))
    assert "Meld deg på" not in html_of(client, NATURE_URL)


def test_a_timed_milestone_is_a_timed_event_in_oslo_time_and_others_stay_all_day(client):
    raw = client.get(NATURE_URL + "kalender.ics").content.decode()
    assert "DTSTART;TZID=Europe/Oslo:20270310T180000" in raw
    assert "DTEND;TZID=Europe/Oslo:20270310T200000" in raw
    assert "BEGIN:VTIMEZONE" in raw and "TZID:Europe/Oslo" in raw
    event = next(e for e in Calendar.from_ical(raw).events if "Verksted" in str(e["SUMMARY"]))
    assert str(event["LOCATION"]) == "Asker kulturhus"
    assert "Påmelding: https://www.asker.kommune.no/" in str(event["DESCRIPTION"])
    assert "kl. 18.00–20.00" in str(event["DESCRIPTION"])

    climate = client.get(CLIMATE_URL + "kalender.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20200213" in climate  # the mandate stays an all-day event


def test_a_meeting_without_an_end_is_a_moment(client):
    plan = ThemePlanPage.objects.get(slug="kultur")
    Milestone.objects.create(
        page=plan,
        title="Folkemøte",
        kind="workshop",
        starts_on=date(2027, 5, 2),
        starts_at=time(19),
        location="Bibliotekets sal",
    )
    raw = client.get(CULTURE_URL + "kalender.ics").content.decode()
    assert "DTSTART;TZID=Europe/Oslo:20270502T190000" in raw
    assert "kl. 19.00" in visible_text(client.get(CULTURE_URL))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"ends_on": date(2027, 3, 12), "starts_at": time(18)}, "starts_at"),
        ({"precision": "month", "starts_at": time(18)}, "starts_at"),
        ({"ends_at": time(20)}, "starts_at"),
        ({"starts_at": time(20), "ends_at": time(18)}, "ends_at"),
    ],
)
def test_a_time_needs_one_day_and_a_start_before_the_end(fields, field):
    milestone = Milestone(
        page=ThemePlanPage.objects.get(slug="kultur"),
        title="Møte",
        kind="workshop",
        starts_on=date(2027, 3, 10),
        **fields,
    )
    with pytest.raises(ValidationError) as error:
        milestone.clean()
    assert field in error.value.message_dict
