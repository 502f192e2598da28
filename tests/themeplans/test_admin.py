"""Staff edit plans in tabs that follow the page, and find snippets by search and filters."""

import pytest

from themeplans.models import ThemePlanIndexPage, ThemePlanPage

pytestmark = pytest.mark.django_db


def test_plan_editor_has_tabs_in_the_order_of_the_page(admin_client, demo_site):
    index = ThemePlanIndexPage.objects.get()
    html = admin_client.get(
        f"/admin/pages/add/themeplans/themeplanpage/{index.id}/"
    ).content.decode()
    tablist = html.index('role="tablist"')
    tabs = ["Innhold", "Mandat og prosess", "Framdrift", "Personer", "Dokumenter"]
    positions = [html.index(tab, tablist) for tab in tabs]
    assert positions == sorted(positions)
    assert "Velg hvor nøyaktig datoen er kjent" in html


def test_climate_plan_opens_in_the_editor(admin_client, demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    response = admin_client.get(f"/admin/pages/{plan.id}/edit/")
    assert response.status_code == 200
    assert "Endelig vedtak i kommunestyret" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/snippets/themeplans/person/?q=Bente", "Bente Støa"),
        ("/admin/snippets/themeplans/politicalbody/?kind=utvalg", "Utvalg for Samfunnstjenester"),
        ("/admin/snippets/themeplans/politicaldecision/", "Utsettelser av en del temaplaner"),
    ],
)
def test_snippet_listings_search_and_filter(admin_client, demo_site, url, expected):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_plan_pages_only_live_under_the_index():
    assert ThemePlanIndexPage.allowed_subpage_models() == [ThemePlanPage]
    assert ThemePlanPage.allowed_parent_page_models() == [ThemePlanIndexPage]
    assert ThemePlanPage.allowed_subpage_models() == []
