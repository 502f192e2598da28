"""Staff see how much input came in, per plan, round, sender category and state, as tables, a
chart and a CSV file, filtered by plan and period; and only moderators see it."""

import csv
import io
import xml.etree.ElementTree as ET
from datetime import datetime, time, timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from participation.models import ParticipationRound, Submission
from tests.participation.conftest import make_submission
from themeplans.models import ThemePlanPage

STATISTICS = "/admin/innspillsstatistikk/"
STATES = [
    "Mottatt",
    "Publisert",
    "Ikke publisert",
    "Behandlet, ikke publisert etter ønske",
    "Trukket tilbake",
]
CSV_QUERIES = 7
SVG = "{http://www.w3.org/2000/svg}"
WATER = "Temaplan for vann og vannmiljø"


class Tables(HTMLParser):
    """The cells of every <table id=…> on a page, by id: a list of rows of cell texts."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.current, self.row, self.cell = {}, None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self.current = self.tables.setdefault(attrs["id"], [])
        elif tag == "tr" and self.current is not None:
            self.row = []
            self.current.append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
        elif tag == "div" and self.cell is not None:
            self.cell.append(" | ")  # a round's plan and state, under its title

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.current, self.row = None, None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(response):
    assert response.status_code == 200
    return Tables(response.content.decode()).tables


def body(table):
    """The rows under the heading, as {label: [counts per state…, total]}."""
    return {row[0]: [int(cell) for cell in row[1:]] for row in table[1:]}


@pytest.fixture
def water_round(demo_site):
    """A round on a plan without demo input, so the figures are exactly those made here (the
    demo's own rounds on this plan, with their input, go first)."""
    plan = ThemePlanPage.objects.get(title=WATER)
    Submission.objects.filter(round__page=plan).delete()
    ParticipationRound.objects.filter(page=plan).delete()
    now = timezone.now()
    return ParticipationRound.objects.create(
        page=plan,
        title="Innspill om overvann",
        opens_at=now - timedelta(days=60),
        closes_at=now + timedelta(days=30),
    )


@pytest.fixture
def water_input(water_round):
    """Eight inputs: two received, four published (one 40 days ago), one declined, one
    withdrawn; from each kind of sender."""
    # Noon in Oslo 40 calendar days ago: «now minus 40 days» can land on another Oslo date
    # near midnight when summer time lies between.
    old = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=40), time(12)))
    for category, state, received_at in [
        ("private", "received", None),
        ("private", "received", None),
        ("private", "published", old),
        ("association", "published", None),
        ("association", "published", None),
        ("association", "published", None),
        ("business", "declined", None),
        ("public", "withdrawn", None),
    ]:
        fields = {"received_at": received_at} if received_at else {}
        make_submission(water_round, category=category, state=state, **fields)
    return water_round


def test_the_figures_for_one_plan_count_its_input_per_state_round_and_sender(
    moderator_client, water_input
):
    page = tables(moderator_client.get(STATISTICS, {"plan": water_input.page_id}))
    assert page["tabell-planer"][0] == ["Plan", *STATES, "I alt"]
    assert body(page["tabell-planer"]) == {WATER: [2, 4, 1, 0, 1, 8]}
    assert body(page["tabell-avsendere"]) == {
        "Privatperson": [2, 1, 0, 0, 0, 3],
        "Lag eller forening": [0, 3, 0, 0, 0, 3],
        "Næringsliv": [0, 0, 1, 0, 0, 1],
        "Offentlig virksomhet": [0, 0, 0, 0, 1, 1],
        "I alt": [2, 4, 1, 0, 1, 8],
    }
    assert page["tabell-runder"][1] == [
        f"Innspill om overvann | {WATER} · Åpen for innspill",
        "2",
        "4",
        "1",
        "0",
        "1",
        "8",
    ]


def test_all_plans_add_the_demo_input_to_the_new(moderator_client, water_input, demo_round):
    page = tables(moderator_client.get(STATISTICS))
    demo = [
        Submission.objects.filter(round=demo_round, state=s).count()
        for s in ("received", "published", "declined", "handled_private", "withdrawn")
    ]
    assert body(page["tabell-planer"]) == {
        "Temaplan for handling mot klimaendringene": [*demo, 7],
        WATER: [2, 4, 1, 0, 1, 8],
        "I alt": [demo[0] + 2, demo[1] + 4, demo[2] + 1, demo[3], demo[4] + 1, 15],
    }
    # Rounds without input are there too, with nothing counted.
    rounds = {row[0].split(" |")[0]: row[1:] for row in page["tabell-runder"][1:]}
    assert rounds["Innspill til kunnskapsgrunnlaget"] == ["0"] * 6


def test_the_period_counts_input_received_on_the_days_chosen(moderator_client, water_input):
    today = timezone.localdate()
    since_last_week = {"plan": water_input.page_id, "from_date": f"{today - timedelta(7):%d.%m.%Y}"}
    page = tables(moderator_client.get(STATISTICS, since_last_week))
    assert body(page["tabell-planer"]) == {WATER: [2, 3, 1, 0, 1, 7]}

    forty_days_ago = f"{today - timedelta(40):%d.%m.%Y}"
    only_that_day = {"from_date": forty_days_ago, "to_date": forty_days_ago}
    page = tables(moderator_client.get(STATISTICS, {"plan": water_input.page_id, **only_that_day}))
    assert body(page["tabell-planer"]) == {WATER: [0, 1, 0, 0, 0, 1]}


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from_date": "31.02.2026"}, "Skriv datoen som dd.mm.åååå, for eksempel 31.12.2025."),
        ({"to_date": "i morgen"}, "Skriv datoen som dd.mm.åååå, for eksempel 31.12.2025."),
        (
            {"from_date": "10.03.2026", "to_date": "01.03.2026"},
            "Til-datoen kan ikke være før fra-datoen.",
        ),
        ({"to_date": "31.12.9999"}, "Velg en dato mellom år 2000 og 2100."),
        ({"from_date": "01.01.0001", "format": "csv"}, "Velg en dato mellom år 2000 og 2100."),
        ({"plan": "abc"}, "Velg en plan fra listen."),
        ({"plan": "999999"}, "Velg en plan fra listen."),
        ({"plan": "abc", "format": "csv"}, "Velg en plan fra listen."),
    ],
)
def test_invalid_filters_explain_themselves_instead_of_showing_figures(
    moderator_client, query, message
):
    response = moderator_client.get(STATISTICS, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert f'<p class="error-message">\n                    {message}' in html
    assert "Tallene vises ikke før utvalget er rettet" in html
    assert "tabell-planer" not in html and "<svg xmlns" not in html


# The chart


def chart(response):
    html = response.content.decode()
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg"')
    return ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])


def test_the_chart_draws_a_bar_per_figure_with_its_number(moderator_client, water_input):
    svg = chart(moderator_client.get(STATISTICS))
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert svg.find(f"{SVG}title").text == "Innspill per plan, etter status"
    assert "tabellen «Innspill per plan»" in svg.find(f"{SVG}desc").text

    bars = [
        (bar.get("data-label"), bar.get("data-value"))
        for bar in svg.iter(f"{SVG}rect")
        if bar.get("class") == "bar"
    ]
    # Climate: one of each state (1, 3, 1, 1, 1); water: 2, 4, 1, 0, 1; no bar for a zero.
    assert bars == [
        ("Mottatt", "1"),
        ("Publisert", "3"),
        ("Ikke publisert", "1"),
        ("Behandlet, ikke publisert etter ønske", "1"),
        ("Trukket tilbake", "1"),
        ("Mottatt", "2"),
        ("Publisert", "4"),
        ("Ikke publisert", "1"),
        ("Trukket tilbake", "1"),
    ]
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts[:5] == STATES  # the legend
    legend = [t for t in svg.iter(f"{SVG}text")][:5]
    # Each label inside the chart: the long one on a line of its own.
    assert all(float(t.get("x")) + len(t.text) * 9 <= 400 for t in legend)
    assert "Temaplan for handling mot klimaendringene" in texts and WATER in texts
    assert [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "total"] == ["7", "8"]
    # The numbers on the segments wide enough to hold them: here, all of them.
    assert texts[5:] == [
        "Temaplan for handling mot klimaendringene",
        "1",
        "3",
        "1",
        "1",
        "1",
        "7",
        WATER,
        "2",
        "4",
        "1",
        "1",
        "8",
    ]


def test_for_one_plan_the_chart_shows_its_rounds(moderator_client, plan):
    svg = chart(moderator_client.get(STATISTICS, {"plan": plan.pk}))
    assert svg.find(f"{SVG}title").text == "Innspill per runde, etter status"
    totals = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "total"]
    assert totals == ["0", "7"]  # the 2020 round had no input in the demo, the demo round seven


# The CSV file


def csv_sections(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    sections, current = {}, None
    for row in rows[1:]:
        if not row:
            current = None
        elif current is None:
            current = sections.setdefault(row[0], [])
        else:
            current.append(row)
    return rows[0], sections


def test_csv_has_the_same_figures_as_the_page(moderator_client, water_input):
    query = {"plan": water_input.page_id}
    page = tables(moderator_client.get(STATISTICS, query))
    response = moderator_client.get(STATISTICS, {**query, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="innspill-statistikk-{today}.csv"'
    )
    first, sections = csv_sections(response)
    assert first == ["Statistikk for innspill", f"{WATER}, hele perioden"]
    plans = sections["Innspill per plan"]
    assert plans[0] == ["Plan", *STATES, "I alt"]
    assert body(plans[:-1]) == body(page["tabell-planer"])
    assert sections["Innspill per type avsender"] == page["tabell-avsendere"]
    rounds = sections["Innspill per runde"]
    assert rounds[0] == ["Plan", "Innspillsrunde", "Status for runden", *STATES, "I alt"]
    assert rounds[1][:3] == [WATER, "Innspill om overvann", "Åpen for innspill"]
    assert rounds[1][3:] == ["2", "4", "1", "0", "1", "8"]


def test_csv_follows_the_period_and_makes_formulas_harmless(moderator_client, water_input):
    water_input.title = '=HYPERLINK("http://example.com")'
    water_input.save()
    # The day the recent input arrived (an hour ago: just after midnight that is yesterday).
    recent = Submission.objects.filter(round=water_input).latest("received_at").received_at
    day = f"{timezone.localdate(recent):%d.%m.%Y}"
    response = moderator_client.get(
        STATISTICS, {"plan": water_input.page_id, "from_date": day, "format": "csv"}
    )
    first, sections = csv_sections(response)
    assert first[1] == f"{WATER}, mottatt fra og med {day}"
    assert sections["Innspill per runde"][1][:2] == [WATER, '\'=HYPERLINK("http://example.com")']
    assert sections["Innspill per plan"][1] == [WATER, "2", "3", "1", "0", "1", "7"]


def test_no_personal_data_in_the_statistics(moderator_client, water_input):
    page = moderator_client.get(STATISTICS).content.decode()
    csv_text = moderator_client.get(STATISTICS, {"format": "csv"}).content.decode()
    names = set(Submission.objects.values_list("name", flat=True))
    emails = set(Submission.objects.values_list("email", flat=True))
    assert names and emails
    for value in names | emails:
        assert value not in page and value not in csv_text


# Who may see it, and what it costs


def test_moderators_find_it_in_the_menu_and_editors_are_refused(
    moderator_client, client, editor, water_input
):
    assert STATISTICS in moderator_client.get("/admin/").content.decode()
    client.force_login(editor)
    for query in ({}, {"format": "csv"}):
        response = client.get(STATISTICS, query)
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert STATISTICS not in client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(STATISTICS)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def add_plan_with_input(index):
    """Another round on another plan, with input in every state and from every sender."""
    plan = ThemePlanPage.objects.exclude(participation_rounds__isnull=False).first()
    now = timezone.now()
    round = ParticipationRound.objects.create(
        page=plan,
        title=f"Runde {index}",
        opens_at=now - timedelta(days=5),
        closes_at=now + timedelta(days=5),
    )
    for category in ("private", "association", "business", "public"):
        for state in ("received", "published", "declined", "withdrawn"):
            make_submission(round, category=category, state=state)


def test_queries_do_not_grow_with_plans_rounds_or_input(
    moderator_client, demo_round, django_assert_num_queries
):
    """Eleven for the page: the session, the user and their permissions (4), the admin's menu
    and profile (5), and the rounds and the counts (2). The CSV file has no menu."""
    moderator_client.get(STATISTICS)
    csv_query = {"format": "csv"}
    for index in range(4):
        with django_assert_num_queries(11):
            page = tables(moderator_client.get(STATISTICS))
        with django_assert_num_queries(CSV_QUERIES):
            assert moderator_client.get(STATISTICS, csv_query).status_code == 200
        # The heading, the two demo plans with input, the added plans and «I alt».
        assert len(page["tabell-planer"]) == 1 + 2 + index + 1
        add_plan_with_input(index)
