"""A round is open from its opening moment up to, not including, its closing moment (Oslo)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from participation.models import Submission
from tests.participation.conftest import FORM_URL, PLAN_URL
from tests.themeplans.visible_text import visible_text

pytestmark = pytest.mark.django_db
OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 12, 1, 12, 0, 0, tzinfo=OSLO)


@pytest.fixture
def frozen(time_machine):
    """Freeze the clock the rounds are judged by."""
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def only_round(demo_round, closed_round):
    closed_round.delete()
    Submission.objects.all().delete()
    return demo_round


def set_window(round, opens, closes):
    round.opens_at, round.closes_at = opens, closes
    round.save()


SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("opens", "closes", "accepted"),
    [
        (NOW - SECOND, NOW + timedelta(days=30), True),  # opened a second ago
        (NOW + SECOND, NOW + timedelta(days=30), False),  # opens in a second
        (NOW - timedelta(days=30), NOW + SECOND, True),  # closes in a second
        (NOW - timedelta(days=30), NOW, False),  # closes this very moment
        (NOW - timedelta(days=30), NOW - SECOND, False),  # closed a second ago
    ],
)
def test_posts_are_taken_exactly_within_the_window(
    frozen, only_round, send, opens, closes, accepted
):
    set_window(only_round, opens, closes)
    response = send(text="Innspill på kanten av fristen.") if accepted else None
    if accepted:
        assert response.status_code == 302
        assert Submission.objects.filter(text="Innspill på kanten av fristen.").exists()
    else:
        # The form is not shown at all when closed, so post as a browser left open would.
        from django.test import Client

        from tests.participation.conftest import valid_input

        response = Client().post(FORM_URL, valid_input(only_round, text="For sent."))
        assert response.status_code == 403
        assert not Submission.objects.exists()
        text = visible_text(response)
        assert "Innspillet ble ikke sendt" in text
        assert "For sent." in response.content.decode()  # the text is shown so it is not lost


def test_a_round_that_closes_while_the_sender_writes_refuses_and_shows_the_text(
    client, only_round, send, time_machine
):
    set_window(only_round, NOW - timedelta(days=1), NOW + timedelta(minutes=5))
    time_machine.move_to(NOW, tick=False)
    html = client.get(FORM_URL).content.decode()
    assert "Send innspill" in html
    time_machine.move_to(NOW + timedelta(minutes=5, seconds=1), tick=False)
    response = send(text="Skrevet mens fristen gikk ut.", shown_at="x")
    assert response.status_code == 403
    text = visible_text(response)
    assert "stengte 1. desember 2026 kl. 12.05" in text
    assert "Skrevet mens fristen gikk ut." in response.content.decode()


def test_closed_and_upcoming_rounds_say_when(client, frozen, only_round):
    set_window(only_round, NOW + timedelta(days=2), NOW + timedelta(days=40))
    text = visible_text(client.get(FORM_URL))
    assert "Planen tar ikke imot innspill nå" in text
    assert "åpner 3. desember 2026 kl. 12.00" in text
    set_window(only_round, NOW - timedelta(days=40), NOW - timedelta(days=2))
    text = visible_text(client.get(FORM_URL))
    assert "stengte 29. november 2026 kl. 12.00" in text
    plan_text = visible_text(client.get(PLAN_URL))
    assert "stengte 29. november 2026" in plan_text
    assert "Send innspill" not in plan_text


def test_the_plan_page_and_its_card_call_for_input_while_a_round_is_open(
    client, frozen, only_round
):
    set_window(only_round, NOW - timedelta(days=1), datetime(2026, 12, 24, 23, 59, tzinfo=OSLO))
    plan = visible_text(client.get(PLAN_URL))
    assert "Åpen for innspill" in plan
    assert "Frist: 24. desember 2026 kl. 23.59" in plan
    assert f'href="{FORM_URL}"' in client.get(PLAN_URL).content.decode()
    index = visible_text(client.get("/temaplaner/"))
    assert "Åpen for innspill til revisjon , frist 24. desember 2026" in index


def test_a_plan_without_rounds_says_there_are_none(client, demo_site):
    response = client.get("/temaplaner/kultur/innspill/")
    assert response.status_code == 200
    assert "Planen har ingen innspillsrunder ennå" in visible_text(response)


def test_unknown_plans_and_pages_that_are_not_plans_give_404(client, demo_site):
    assert client.get("/temaplaner/finnes-ikke/innspill/").status_code == 404
    assert client.get("/temaplaner/innspill/").status_code == 404  # the index is not a plan


def test_an_unpublished_plan_takes_no_input(client, plan, demo_round):
    plan.unpublish()
    assert client.get(FORM_URL).status_code == 404
