"""One status from milestones and rounds on every page that shows it: the card, the plan page,
the index timeline and «Framdrift» (issue 20, point 1), with the demo's climate plan."""

import re

import pytest
from django.template import Context, Template

from participation.models import ParticipationRound, RoundPurpose
from tests.themeplans.visible_text import visible_text

pytestmark = pytest.mark.django_db

INDEX_URL = "/temaplaner/"
CLIMATE_URL = "/temaplaner/handling-mot-klimaendringene/"


@pytest.fixture
def demo_round(demo_site):
    return ParticipationRound.objects.get(
        page__slug="handling-mot-klimaendringene", title__startswith="Demo"
    )


def climate_card(text):
    """The climate plan's card on the index: from its title to the next card's."""
    start = text.index("Temaplanene Temaplan for handling mot klimaendringene")
    return text[start : text.index("Temaplan for kultur", start)]


def test_the_demo_plan_is_adopted_and_open_for_input_to_its_revision(client, demo_round):
    assert demo_round.purpose == RoundPurpose.REVISION and demo_round.is_open()
    page = visible_text(client.get(CLIMATE_URL))
    assert "Fase: Vedtatt" in page
    assert "Planen er vedtatt. Nå ber vi om innspill til revisjonen av den." in page
    assert "Innspill tidlig i arbeidet: revisjon av vedtatt plan" in page
    # «Framdrift» (after the table of contents) starts with the open round, then the milestones.
    framdrift = page.split("Avfall og gjenvinning Framdrift ")[1].split(" Ansvarlige ")[0]
    assert re.match(
        r"\d+\. \w+ \d{4} – \d+\. \w+ \d{4} kl\. 23\.59 Demo: innspill til temaplan for klima "
        r"Åpen for innspill Innspill tidlig i arbeidet: revisjon av vedtatt plan Send innspill",
        framdrift,
    ), framdrift[:200]

    index = visible_text(client.get(INDEX_URL))
    card = climate_card(index)
    assert "Fase: Vedtatt" in card and "Åpen for innspill til revisjon , frist" in card


def test_a_round_on_the_plan_being_made_replaces_vedtatt(client, demo_round):
    demo_round.purpose = RoundPurpose.PLAN
    demo_round.save(update_fields=["purpose"])
    page = visible_text(client.get(CLIMATE_URL))
    assert "Fase: Medvirkning" in page and "Vedtatt" not in page.split("Kort fortalt")[0]
    assert "Planen er vedtatt" not in page
    card = climate_card(visible_text(client.get(INDEX_URL)))
    assert "Fase: Medvirkning" in card and "Åpen for innspill , frist" in card
    assert "Fase: Vedtatt" not in card


def test_a_closed_round_leaves_the_plan_adopted_and_out_of_framdrift(client, demo_round):
    demo_round.closes_at = demo_round.opens_at.replace(year=2020)
    demo_round.opens_at = demo_round.opens_at.replace(year=2019)
    demo_round.save(update_fields=["opens_at", "closes_at"])
    page = visible_text(client.get(CLIMATE_URL))
    assert "Fase: Vedtatt" in page and "Planen er vedtatt. Nå" not in page
    assert "Åpen for innspill" not in page
    markup = client.get(INDEX_URL).content.decode()
    chart = markup[markup.index('class="timeline__chart"') : markup.index("timeline__legend")]
    assert "Demo: innspill til temaplan for klima" not in chart  # other plans' rounds stay


def test_the_index_timeline_draws_the_open_round_as_a_span(client, demo_round):
    markup = client.get(INDEX_URL).content.decode()
    chart = markup[markup.index('class="timeline__chart"') : markup.index("timeline__legend")]
    bar = re.search(
        r'<li class="timeline__item timeline__item--round timeline__item--round-open '
        r'timeline__item--(?:start|end) (tl-l-\d+ tl-w-\d+)">\s*<span class="timeline__item-label">'
        r'<span class="timeline__round-status">Åpen for innspill:</span>',
        chart,
    )
    assert bar, "the open round is not drawn on the chart"
    table = visible_text_of(markup[markup.index('<table class="schedule-table"') :])
    assert "Demo: innspill til temaplan for klima (innspillsrunde)" in table
    assert "Åpen for innspill" in table
    legend = visible_text_of(markup[markup.index("timeline__legend") :])
    assert "Åpen for innspill Planlagt innspillsrunde" in legend


def test_the_timeline_needs_no_nonce_no_inline_style_and_no_table_roles(client, demo_site):
    markup = client.get(INDEX_URL).content.decode()
    timeline = markup[markup.index('id="tidslinje"') : markup.index("</table>")]
    assert "<style" not in markup
    assert " style=" not in timeline and "nonce" not in timeline
    assert re.findall(r"<(?:table|thead|tbody|tr|th|td)\b[^>]*\brole=", timeline) == []
    assert "tl-l-" in timeline


def test_time_elements_give_at_most_milliseconds():
    """HTML takes at most three digits after the seconds in <time datetime>."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    moment = datetime(2026, 12, 3, 10, 4, 5, 123456, tzinfo=ZoneInfo("UTC"))
    html = Template(
        "{% load site_tags %}{{ moment|time_tag }}|{{ moment|machine_time }}|{{ day|machine_time }}"
    ).render(Context({"moment": moment, "day": moment.date()}))
    tag, machine, day = html.split("|")
    assert 'datetime="2026-12-03T11:04:05+01:00"' in tag
    assert machine == "2026-12-03T11:04:05+01:00"
    assert day == "2026-12-03"


def visible_text_of(markup):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)).strip()
