"""What a page tells search engines and link previews: description, canonical address,
Open Graph, structured data, and a sitemap with every plan."""

import json
import re
import xml.etree.ElementTree as ET

import pytest

from themeplans.models import ThemePlanPage

pytestmark = pytest.mark.django_db

PLAN_URL = "/temaplaner/handling-mot-klimaendringene/"


def head_of(response):
    html = response.content.decode()
    return html[: html.index("</head>")]


def meta(head, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', head)
    return match.group(1) if match else None


def structured_data(head):
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', head, re.S)
    return json.loads(match.group(1))


def test_plan_page_describes_itself_with_its_teaser(client, demo_site, settings):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    head = head_of(client.get(PLAN_URL))
    assert meta(head, "name", "description") == plan.teaser
    assert f'<link rel="canonical" href="{settings.SITE_URL}{PLAN_URL}">' in head
    assert meta(head, "property", "og:title") == plan.title
    assert meta(head, "property", "og:url") == settings.SITE_URL + PLAN_URL
    assert meta(head, "property", "og:type") == "article"
    assert meta(head, "property", "og:locale") == "nb_NO"


def test_search_description_written_by_the_editor_wins(client, demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    plan.search_description = "Hvordan Asker skal kutte klimagassutslippene."
    plan.save_revision().publish()
    head = head_of(client.get(PLAN_URL))
    assert meta(head, "name", "description") == "Hvordan Asker skal kutte klimagassutslippene."


def test_structured_data_names_the_page_and_its_breadcrumb_trail(client, demo_site, settings):
    data = structured_data(head_of(client.get(PLAN_URL)))
    assert data["@type"] == "WebPage"
    assert data["publisher"]["name"] == "Asker kommune"
    trail = data["breadcrumb"]["itemListElement"]
    assert [item["name"] for item in trail] == [
        "Forside",
        "Temaplaner for Asker kommune",
        "Temaplan for handling mot klimaendringene",
    ]
    assert trail[-1]["item"] == settings.SITE_URL + PLAN_URL
    assert [item["position"] for item in trail] == [1, 2, 3]


def test_home_page_offers_the_site_search_to_search_engines(client, demo_site, settings):
    data = structured_data(head_of(client.get("/")))
    action = data["isPartOf"]["potentialAction"]
    assert action["target"] == settings.SITE_URL + "/sok/?q={search_term_string}"


def test_a_title_cannot_break_out_of_the_structured_data(client, demo_site):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    plan.title = "Klima </script><script>alert(1)</script>"
    plan.save_revision().publish()
    head = head_of(client.get(PLAN_URL))
    assert "<script>alert(1)" not in head
    assert structured_data(head)["name"] == plan.title


def test_canonical_address_keeps_the_page_number_and_drops_other_parameters(
    client, demo_site, settings
):
    url = PLAN_URL + "innspill/publiserte/"
    head = head_of(client.get(url, {"side": "2", "utm_source": "nyhetsbrev"}))
    assert f'<link rel="canonical" href="{settings.SITE_URL}{url}?side=2">' in head
    head = head_of(client.get(url, {"side": "1"}))
    assert f'<link rel="canonical" href="{settings.SITE_URL}{url}">' in head


def test_sitemap_lists_every_live_plan(client, demo_site):
    xml = client.get("/sitemap.xml").content
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = {loc.text for loc in ET.fromstring(xml).findall("s:url/s:loc", namespace)}
    plans = ThemePlanPage.objects.live().public()
    assert plans.count() == 7
    for plan in plans:
        assert plan.full_url in locations
