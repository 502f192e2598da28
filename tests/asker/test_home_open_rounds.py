"""«Åpen for innspill nå» on the home page: what a citizen can do right now (issue 20, point 2)."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from participation.models import ParticipationRound, RoundKind, RoundPurpose
from tests.themeplans.visible_text import visible_text
from themeplans.models import ThemePlanPage

pytestmark = pytest.mark.django_db

OSLO = ZoneInfo("Europe/Oslo")


def open_section(response):
    text = visible_text(response)
    return text[text.index("Åpen for innspill nå") : text.index("Snarveier")]


def add_round(slug, title, days_left, **fields):
    now = timezone.now()
    return ParticipationRound.objects.create(
        page=ThemePlanPage.objects.get(slug=slug),
        title=title,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=days_left),
        **fields,
    )


def test_every_open_round_is_listed_with_its_plan_deadline_and_form(client, demo_site):
    # Only the climate plan's demo round stays open of the demo's rounds (the water plan's
    # hearing closes), then two are added.
    ParticipationRound.objects.exclude(title__startswith="Demo").update(
        closes_at=timezone.now() - timedelta(days=1)
    )
    ParticipationRound.objects.filter(title__startswith="Demo").update(
        closes_at=datetime(2027, 1, 2, 23, 59, tzinfo=OSLO)
    )
    add_round("kultur", "Høring av temaplan for kultur", 400, kind=RoundKind.HEARING)
    later = add_round("naering", "Runde som ikke har åpnet", 30)
    ParticipationRound.objects.filter(pk=later.pk).update(
        opens_at=timezone.now() + timedelta(days=2)
    )
    response = client.get("/")
    section = open_section(response)
    assert section == (
        "Åpen for innspill nå "
        "Temaplan for handling mot klimaendringene Demo: innspill til temaplan for klima "
        "Innspill tidlig i arbeidet: revisjon av vedtatt plan "
        "Frist: 2. januar 2027 kl. 23.59 "
        "Send innspill til Temaplan for handling mot klimaendringene "
        "Temaplan for kultur Høring av temaplan for kultur Offentlig høring "
        f"Frist: {section.split('Frist: ')[2].split(' Send')[0]} "
        "Send innspill til Temaplan for kultur "
    )
    markup = response.content.decode()
    assert 'href="/temaplaner/handling-mot-klimaendringene/innspill/"' in markup
    assert 'href="/temaplaner/kultur/innspill/"' in markup
    assert "Runde som ikke har åpnet" not in markup


def test_a_round_on_an_unpublished_plan_is_not_listed(client, demo_site):
    add_round("kultur", "Skjult runde", 10)
    ThemePlanPage.objects.get(slug="kultur").unpublish()
    assert "Skjult runde" not in client.get("/").content.decode()


def test_with_no_open_round_the_section_says_so(client, demo_site):
    ParticipationRound.objects.update(closes_at=timezone.now() - timedelta(days=1))
    section = open_section(client.get("/"))
    assert section.startswith("Åpen for innspill nå Ingen planer tar imot innspill akkurat nå.")
    assert "Send innspill" not in section


def test_home_queries_do_not_grow_with_open_rounds(client, demo_site, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(9):  # with the plans' index, for «Følg alle planene»
        one = client.get("/").content.decode()
    for slug in ("kultur", "naering", "naturmangfold"):
        add_round(slug, f"Runde for {slug}", 20, purpose=RoundPurpose.PLAN)
    with django_assert_num_queries(9):
        four = client.get("/").content.decode()
    # The demo's open rounds (the climate plan's, the water plan's hearing), then three more.
    assert len(re.findall(r'class="open-rounds__item"', one)) == 2
    assert len(re.findall(r'class="open-rounds__item"', four)) == 5
