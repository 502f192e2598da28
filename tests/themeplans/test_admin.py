"""Staff edit plans in tabs that follow the page, and find snippets by search and filters."""

import pytest

from tests.factories import (
    MilestoneFactory,
    PersonFactory,
    PoliticalBodyFactory,
    PoliticalDecisionFactory,
    ThemePlanIndexPageFactory,
    ThemePlanPageFactory,
)
from themeplans.models import ThemePlanIndexPage, ThemePlanPage
from themeplans.models.snippets import PoliticalBodyKind

pytestmark = pytest.mark.django_db


def test_plan_editor_has_tabs_in_the_order_of_the_page(admin_client):
    index = ThemePlanIndexPageFactory()
    html = admin_client.get(
        f"/admin/pages/add/themeplans/themeplanpage/{index.id}/"
    ).content.decode()
    tablist = html.index('role="tablist"')
    tabs = ["Innhold", "Mandat og prosess", "Framdrift", "Personer", "Dokumenter"]
    positions = [html.index(tab, tablist) for tab in tabs]
    assert positions == sorted(positions)
    assert "Velg hvor nøyaktig datoen er kjent" in html


def test_a_plan_opens_in_the_editor_with_its_milestones(admin_client):
    plan = ThemePlanPageFactory()
    MilestoneFactory(page=plan, title="Endelig vedtak i kommunestyret")
    response = admin_client.get(f"/admin/pages/{plan.id}/edit/")
    assert response.status_code == 200
    assert "Endelig vedtak i kommunestyret" in response.content.decode()


def test_people_are_found_by_name(admin_client):
    PersonFactory(name="Bente Støa")
    PersonFactory(name="Ola Nordmann")
    html = admin_client.get("/admin/snippets/themeplans/person/?q=Bente").content.decode()
    assert "Bente Støa" in html
    assert "Ola Nordmann" not in html


def test_political_bodies_are_filtered_by_kind(admin_client):
    PoliticalBodyFactory(name="Utvalg for Samfunnstjenester", kind=PoliticalBodyKind.COMMITTEE)
    PoliticalBodyFactory(name="Kommunestyret", kind=PoliticalBodyKind.MUNICIPAL_COUNCIL)
    url = "/admin/snippets/themeplans/politicalbody/?kind=utvalg"
    html = admin_client.get(url).content.decode()
    assert "Utvalg for Samfunnstjenester" in html
    assert "Kommunestyret" not in html


def test_decisions_are_listed(admin_client):
    PoliticalDecisionFactory(title="Utsettelser av en del temaplaner")
    response = admin_client.get("/admin/snippets/themeplans/politicaldecision/")
    assert response.status_code == 200
    assert "Utsettelser av en del temaplaner" in response.content.decode()


def test_plan_pages_only_live_under_the_index():
    assert ThemePlanIndexPage.allowed_subpage_models() == [ThemePlanPage]
    assert ThemePlanPage.allowed_parent_page_models() == [ThemePlanIndexPage]
    assert ThemePlanPage.allowed_subpage_models() == []
