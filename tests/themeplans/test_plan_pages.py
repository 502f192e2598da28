"""Citizens read every fact of the seed pages on the index and the climate plan."""

from datetime import date

import pytest

from tests.themeplans.visible_text import visible_text
from themeplans.models import Milestone, ThemePlanIndexPage, ThemePlanPage

pytestmark = pytest.mark.django_db

CLIMATE_URL = "/temaplaner/handling-mot-klimaendringene/"

# Every fact of shared/seeds/temaplan-klima.txt, as a reader finds it on the plan page.
CLIMATE_FACTS = [
    "Temaplan for handling mot klimaendringene",
    "Klimaendringene har alvorlige og irreversible konsekvenser både for økosystemer, "
    "mennesker og samfunn over hele verden.",
    "Å begrense temperaturøkningen på jorda krever raske og omfattende endringer i de fleste "
    "samfunnssektorer.",
    "Klimautfordringene er globale, men må også løses lokalt.",
    "Kort fortalt",
    "Temaplanen «Handling mot klimaendringene» skal sette mål for reduksjon av "
    "klimagassutslipp i Asker og vise hvordan kommunen skal nå disse målene.",
    "I tillegg til å omhandle direkte utslipp fra blant annet transport, vil planen også "
    "omhandle indirekte utslipp fra vårt forbruk.",
    'Sirkulærøkonomi, der det tradisjonelle "bruk og kast"-samfunnet erstattes av et samfunn '
    "der alle ressurser ivaretas i et kretsløp, vil derfor bli et viktig stikkord i planen.",
    "Utvalg for Samfunnstjenester",
    "13. februar 2020",
    "0008/20",
    "Temaer som skal utredes",
    "Utslipp fra kommunal drift",
    "Utslipp fra kommunesamfunnet",
    "Direkte utslipp som slippes ut lokalt innenfor kommunens grenser",
    "Indirekte utslipp som slippes ut andre steder i verden, som en konsekvens av kommunal "
    "virksomhet og Askersamfunnets aktivitet og forbruk",
    "Sirkulærøkonomi",
    "Avfall og gjenvinning",
    "Kunnskapsgrunnlaget presenteres i utvalget",
    "september 2020",
    "Medvirkningsprosesser gjennomføres",
    "1.–3. kvartal 2020",
    "Endelig vedtak i kommunestyret",
    "1. kvartal 2021",
    "Ansvarlig direktør",
    "Ragnar Sand Fuglum",
    "direktør for Samfunnstjenester",
    "Fagansvarlig",
    "miljørådgiver",
    "Bente Støa",
    "Oppdatert informasjon om koronaviruset.",
    "Information on coronavirus.",
]

INDEX_FACTS = [
    "Temaplaner for Asker kommune",
    "Tidsplan for temaplanene",
    "17. november 2020",
    "Formannskapet vedtok 17. november 2020",
    "Utsettelser av en del temaplaner som følge av koronapandemien",
    "Vedtaket viser hvilke planer som forskyves i tid.",
    "Hva er en temaplan?",
    "En temaplan er kommunens strategiske plan om et spesifikt tema.",
    "Temaplaner har gjerne et 12-årsperspektiv, og revideres hvert fjerde år.",
    "Det skal ikke defineres nye mål i temaplanen.",
    "Se også Planstrategi for Asker kommune",  # a link now, followed by the full stop
    "Medvirkning",
    "Etter hvert vil du også kunne komme med innspill og tilbakemeldinger via disse nettsidene.",
    "Temaplan for handling mot klimaendringene",
    "Temaplan for kultur",
    "Asker kommune ønsker å være en kommune med et rikt og levende kulturliv, med tilbud og "
    "muligheter for alle sine innbyggere.",
    "Temaplan for fysisk aktivitet",
    "Formålet med temaplanen for fysisk aktivitet, idrett og friluftsliv, er å legge til rette "
    "for at alle innbyggere har høy livskvalitet i hverdagen...",
    "Temaplan for medborgerskap",
    "Formålet med temaplanen for medborgerskap, er å legge til rette for at alle målgrupper kan "
    "lære hele livet, være aktive, selvstendige og oppleve...",
    "Temaplan for vann og vannmiljø",
    "Tradisjonelt har vann- og avløpsområdet i hovedsak omfattet rør og nedgravde løsninger.",
    "Temaplan næring",
    "Åtte innsatsområder skal drive utviklingen av næringslivet i Asker framover.",
    "Temaplan for naturmangfold",
    "Temaplan for naturmangfold skal være en strategisk og sektorovergripende plan, og vise "
    "hvordan kommunen kan nå målet om å verne om og sikre...",
    "Informasjon om koronapandemien og vaksinering i Asker.",
    "Les om smittesituasjonen og registrer deg for vaksinering.",
]


def show_the_ended_banner(site):
    """The seeds' corona notice is in the demo with its end in 2021; the seed facts include it."""
    from asker.models import AlertBanner

    AlertBanner.objects.filter(site=site).update(ends_at=None)


def test_climate_plan_page_shows_every_fact_of_the_seed(client, demo_site):
    show_the_ended_banner(demo_site)
    text = visible_text(client.get(CLIMATE_URL))
    missing = [fact for fact in CLIMATE_FACTS if fact not in text]
    assert missing == []


def test_index_shows_every_fact_of_the_seed(client, demo_site):
    show_the_ended_banner(demo_site)
    text = visible_text(client.get("/temaplaner/"))
    missing = [fact for fact in INDEX_FACTS if fact not in text]
    assert missing == []


def test_climate_plan_links_people_sections_and_table_of_contents(client, demo_site):
    html = client.get(CLIMATE_URL).content.decode()
    assert 'aria-label="Innhold på siden"' in html
    for section in ["Kort fortalt", "Mandat", "Temaer som skal utredes", "Framdrift"]:
        assert f">{section}</a>" in html
    # The seed's empty placeholders never become placeholder text.
    assert "Her kommer informasjon" not in html


def test_empty_sections_are_left_out(client, demo_site):
    text = visible_text(client.get("/temaplaner/kultur/"))
    assert "Temaplan for kultur" in text
    for heading in [
        "Kort fortalt",
        "Mandat",
        "Temaer som skal utredes",
        "Framdrift",
        "Kunnskapsgrunnlag",
    ]:
        assert heading not in text


@pytest.mark.parametrize(
    ("today", "phase"),
    [
        (date(2019, 6, 1), "Planlagt"),
        (date(2020, 9, 15), "Medvirkning"),
        (date(2021, 2, 1), "Politisk behandling"),
        (date(2021, 4, 1), "Vedtatt"),
    ],
)
def test_phase_follows_the_calendar_on_plan_page_and_card(client, demo_site, clock, today, phase):
    clock(today)
    assert phase in visible_text(client.get(CLIMATE_URL))
    index_text = visible_text(client.get("/temaplaner/"))
    card = index_text[index_text.index("Temaplan for handling mot klimaendringene") :]
    assert phase in card


def test_moved_milestone_shows_new_date_original_date_and_decision(client, climate_plan):
    from themeplans.models import PoliticalDecision

    decision = PoliticalDecision.objects.get(decided_on=date(2020, 11, 17))
    Milestone.objects.filter(page=climate_plan, kind="adoption").update(
        starts_on=date(2021, 4, 1), original_starts_on=date(2021, 1, 1), moved_by=decision
    )
    text = visible_text(client.get(CLIMATE_URL))
    assert "2. kvartal 2021" in text
    assert "1. kvartal 2021" in text
    assert "Formannskapet" in text
    html = client.get(CLIMATE_URL).content.decode()
    assert "Flyttet" in html


def _add_plans(index, count):
    for number in range(count):
        plan = ThemePlanPage(
            title=f"Temaplan {number}", slug=f"plan-{number}", teaser="Demodata for måling."
        )
        plan.milestones = [
            Milestone(
                title=f"Steg {step}", kind="other", starts_on=date(2024, step, 1), precision="month"
            )
            for step in range(1, 4)
        ]
        index.add_child(instance=plan)
        plan.save_revision().publish()


@pytest.mark.parametrize("extra_plans", [0, 43])
def test_index_queries_stay_constant_with_7_and_50_plans(
    client, demo_site, django_assert_max_num_queries, extra_plans
):
    _add_plans(ThemePlanIndexPage.objects.get(), extra_plans)
    client.get("/temaplaner/")
    with django_assert_max_num_queries(13) as captured:
        response = client.get("/temaplaner/")
    assert response.content.decode().count('<article class="card plan-card">') == 7 + extra_plans
    assert len(captured) == QUERIES["index"]


@pytest.mark.parametrize("extra", [0, 20])
def test_plan_page_queries_stay_constant(client, climate_plan, django_assert_num_queries, extra):
    from themeplans.models import Person, PlanPerson

    for number in range(extra):
        Milestone.objects.create(
            page=climate_plan, title=f"Steg {number}", kind="other", starts_on=date(2022, 1, 1)
        )
        person = Person.objects.create(name=f"Person {number}", title="rådgiver")
        PlanPerson.objects.create(page=climate_plan, person=person, role="contact")
    client.get(CLIMATE_URL)
    with django_assert_num_queries(QUERIES["plan"]):
        text = visible_text(client.get(CLIMATE_URL))
    assert extra == 0 or f"Person {extra - 1}" in text


# Pinned: the index with 7 or 50 plans, and a plan page however many milestones and people.
# The plan: 14 with the climate plan's documents («Gjeldende plan»), loaded in one query.
QUERIES = {"index": 11, "plan": 14}
