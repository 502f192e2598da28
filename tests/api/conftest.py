from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from participation.models import ParticipationRound, SubmissionState
from tests.factories import ThemePlanIndexPageFactory, ThemePlanPageFactory
from tests.participation.conftest import make_submission
from themeplans.models import (
    Milestone,
    Person,
    PlanGoal,
    PlanPerson,
    PoliticalBody,
    PoliticalDecision,
    ThemePlanIndexPage,
    ThemePlanPage,
)

PLAN = "handling-mot-klimaendringene"


@pytest.fixture
def openapi(client, db):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def plan_index(db):
    return ThemePlanIndexPageFactory()


@pytest.fixture
def climate_plan(request, db):
    """The climate plan: the demo's in a test that reads the demo site, else built on its own."""
    if "demo_site" in request.fixturenames:
        return ThemePlanPage.objects.get(slug=PLAN)
    return ThemePlanPageFactory(
        parent=request.getfixturevalue("plan_index"),
        slug=PLAN,
        title="Temaplan for handling mot klimaendringene",
    )


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded documents go to a throwaway directory, never into the checkout."""
    settings.MEDIA_ROOT = tmp_path


def add_document(title):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 test", name=f"{title}.pdf")
    )


_serial = iter(range(1, 10_000))


def add_milestone(plan, **fields):
    values = {"title": "Høring", "kind": "hearing", "starts_on": date(2030, 3, 1)}
    return Milestone.objects.create(page=plan, **{**values, **fields})


def add_person(plan, role="contact", **fields):
    n = next(_serial)
    values = {
        "name": f"Ansatt {n}",
        "title": "rådgiver",
        "unit": "Klima og miljø",
        "email": f"ansatt{n}@asker.kommune.no",
        "phone": "66 90 00 00",
        "show_contact_publicly": True,  # the API shows contact details only when ticked
    }
    person = Person.objects.create(**{**values, **fields})
    PlanPerson.objects.create(page=plan, person=person, role=role)
    return person


def add_round(plan, days_open=(-5, 30), **fields):
    now = timezone.now()
    values = {
        "title": f"Runde {next(_serial)}",
        "opens_at": now + timedelta(days=days_open[0]),
        "closes_at": now + timedelta(days=days_open[1]),
    }
    return ParticipationRound.objects.create(page=plan, **{**values, **fields})


def add_published(round, **fields):
    submission = make_submission(round, **fields)
    submission.state = SubmissionState.PUBLISHED
    submission.published_at = timezone.now()
    submission.save(update_fields=["state", "published_at"])
    return submission


def add_plan(title):
    index = ThemePlanIndexPage.objects.get()
    return index.add_child(instance=ThemePlanPage(title=title, teaser=f"Om {title.lower()}."))


@pytest.fixture
def rich_plan(climate_plan, media):
    """The climate plan with every part the API shows: goals, focus areas, documents, a moved
    milestone, people with work contacts, a knowledge base document."""
    plan = climate_plan
    council = PoliticalBody.objects.create(
        name="Kommunestyret (test)",
        kind="kommunestyre",
        contact_url="https://www.asker.kommune.no/politikk/",
        contact_email="politisk@asker.kommune.no",
    )
    decision = PoliticalDecision.objects.create(
        body=council,
        decided_on=date(2021, 6, 15),
        case_number="0042/21",
        title="Utsatt framdrift",
        document=add_document("Vedtak om utsettelse"),
    )
    add_milestone(
        plan,
        title="Planen vedtas",
        kind="adoption",
        starts_on=date(2031, 10, 1),
        precision="quarter",
        body=council,
        original_starts_on=date(2030, 6, 1),
        moved_by=decision,
    )
    main = PlanGoal.objects.create(code="9", title="Et klimavennlig Asker")
    sub = PlanGoal.objects.create(code="9.1", title="Lavere utslipp", parent=main)
    plan.goals.set([main, sub])
    plan.focus_areas = [
        ("focus_area", {"title": "Transport", "description": "", "strategies": ["Sykkel"]})
    ]
    plan.documents = [
        (
            "link",
            {
                "title": "",
                "page": None,
                "document": add_document("Kunnskapsgrunnlag"),
                "url": "",
                "description": "Rapporten",
            },
        ),
        (
            "link",
            {
                "title": "Miljødirektoratet",
                "page": None,
                "document": None,
                "url": "https://www.miljodirektoratet.no/",
                "description": "",
            },
        ),
        (
            "link",
            {
                "title": "",
                "page": ThemePlanIndexPage.objects.get(),
                "document": None,
                "url": "",
                "description": "",
            },
        ),
    ]
    plan.knowledge_base_document = add_document("Statusrapport")
    plan.save()
    add_person(plan, name="Kari Kontakt", email="kari.kontakt@asker.kommune.no")
    return plan
