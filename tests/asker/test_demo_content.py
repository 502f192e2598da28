"""The demo site as `make run` loads it: the home page, every plan from the fixtures with its
milestones and people, the three legal pages; loading again adds nothing."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils.html import escape

from asker.models import HomePage
from legal.models import AccessibilityStatementPage, CookiesPage, LegalPage, PrivacyPage
from themeplans.models import Milestone, PlanPerson, ThemePlanPage

pytestmark = pytest.mark.django_db
PLANS = json.loads((Path(__file__).parents[2] / "fixtures" / "themeplans.json").read_text())[
    "plans"
]


def counts():
    return [
        model.objects.count()
        for model in (HomePage, ThemePlanPage, Milestone, PlanPerson, LegalPage)
    ]


def test_the_home_page_is_the_root_of_the_default_site(demo_site):
    assert demo_site.root_page.specific_class is HomePage
    assert demo_site.hostname == "testserver"


def test_every_plan_in_the_fixtures_is_published_under_the_index(client, demo_site):
    assert set(ThemePlanPage.objects.live().values_list("slug", flat=True)) == {
        plan["slug"] for plan in PLANS
    }
    index = client.get("/temaplaner/").text
    assert all(escape(plan["title"]) in index for plan in PLANS)


def test_the_climate_plan_has_its_milestones_and_people(demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    assert plan.milestones.exists()
    assert plan.people.exists()


def test_the_site_has_one_legal_page_of_each_type(client, demo_site):
    pages = LegalPage.objects.live().child_of(demo_site.root_page).order_by("path").specific()
    assert [type(page) for page in pages] == [AccessibilityStatementPage, PrivacyPage, CookiesPage]
    for page in pages:
        assert client.get(page.url).status_code == 200


def test_loading_again_adds_nothing(demo_site):
    before = counts()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts() == before
