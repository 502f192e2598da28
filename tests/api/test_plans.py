"""The plans in the API: index, schema, list and detail, checked against the published schema."""

import pytest
from wagtail.models import PageViewRestriction

from tests.api.conftest import PLAN, add_plan
from tests.api.schema import schema_errors
from themeplans.models import ThemePlanIndexPage, ThemePlanPage

LIST = "/api/plans/"
DETAIL = "/api/plans/{slug}/"


def test_index_names_the_api_and_links_to_plans_and_schema(client, openapi):
    response = client.get("/api/")
    assert schema_errors(openapi, "/api/", response) == []
    data = response.json()
    assert data["name"] == "Asker kommune – temaplaner"
    assert "NLOD 2.0" in data["licence"]
    assert data["endpoints"] == {
        "plans": "http://testserver/api/plans/",
        "openapi": "http://testserver/api/openapi.json",
    }


def test_schema_describes_the_api_in_norwegian_without_a_docs_page(client, openapi):
    info = openapi["info"]
    assert openapi["openapi"].startswith("3.1")
    assert info["title"] == "Asker kommune – temaplaner"
    assert info["version"]
    assert "NLOD 2.0" in info["description"] and info["license"]["name"].endswith("(NLOD 2.0)")
    assert set(openapi["paths"]) == {
        "/api/",
        "/api/plans/",
        "/api/plans/{slug}/",
        "/api/plans/{slug}/submissions/",
    }
    # Swagger UI would load scripts from a CDN: no docs page.
    assert client.get("/api/docs").status_code in (301, 404)
    assert client.get("/api/docs/").status_code == 404


def test_list_matches_schema_and_has_the_plans_in_index_order(
    client, demo_site, openapi, climate_plan
):
    response = client.get(LIST)
    assert response.status_code == 200
    assert schema_errors(openapi, LIST, response) == []
    data = response.json()
    index = ThemePlanIndexPage.objects.get()
    assert [p["slug"] for p in data["items"]] == [p.slug for p in index.plans()]
    assert data["count"] == len(data["items"]) == 7
    climate = data["items"][0]
    assert climate["url"] == "http://testserver/temaplaner/handling-mot-klimaendringene/"
    assert climate["api_url"] == "http://testserver/api/plans/handling-mot-klimaendringene/"
    assert climate["open_round"]["state"] == {"code": "open", "label": "Åpen for innspill"}
    assert climate["open_round"]["form_url"].endswith("/handling-mot-klimaendringene/innspill/")


def test_list_shows_phase_and_next_milestone(client, openapi, rich_plan):
    data = client.get(LIST).json()
    climate = next(p for p in data["items"] if p["slug"] == PLAN)
    assert climate["phase"]["code"] in {
        "planned",
        "mandate",
        "knowledge_base",
        "participation",
        "hearing",
        "political",
        "adopted",
    }
    assert climate["phase"]["label"]
    assert climate["next_milestone"]["title"] == "Planen vedtas"
    assert climate["next_milestone"]["display_date"] == "4. kvartal 2031"


def test_list_pages_with_links_and_counts(client, demo_site, openapi):
    first = client.get(LIST, {"page_size": 3})
    assert schema_errors(openapi, LIST, first) == []
    data = first.json()
    assert (data["count"], data["pages"], len(data["items"])) == (7, 3, 3)
    assert data["previous"] is None
    assert data["next"] == "http://testserver/api/plans/?page_size=3&page=2"
    last = client.get(data["next"].replace("page=2", "page=3")).json()
    assert len(last["items"]) == 1 and last["next"] is None
    assert last["previous"] == "http://testserver/api/plans/?page_size=3&page=2"
    slugs = [p["slug"] for p in data["items"] + client.get(data["next"]).json()["items"]]
    assert len(set(slugs + [p["slug"] for p in last["items"]])) == 7


@pytest.mark.parametrize(
    "query, status, words",
    [
        ({"page": "abc"}, 400, "page"),
        ({"page": "0"}, 400, "page"),
        ({"page_size": "101"}, 400, "1 til 100"),
        ({"page_size": "-1"}, 400, "page_size"),
        ({"page": "99"}, 404, "Side 99 finnes ikke"),
        ({"page": "9" * 30}, 404, "finnes ikke"),
    ],
)
def test_bad_page_is_a_json_error_in_norwegian(client, openapi, query, status, words):
    response = client.get(LIST, query)
    assert response.status_code == status
    assert schema_errors(openapi, LIST, response) == []
    assert words in response.json()["detail"]


def test_detail_matches_schema_with_every_part_filled(client, demo_site, openapi, rich_plan):
    response = client.get(DETAIL.format(slug=PLAN))
    assert response.status_code == 200
    assert schema_errors(openapi, DETAIL, response) == []
    data = response.json()
    assert data["mandate"]["case_number"] == "0008/20"
    assert data["mandate"]["body"]["name"] == "Utvalg for Samfunnstjenester"
    assert data["summary_html"].startswith("<p>")
    assert [t["title"] for t in data["topics"]][:1] == ["Utslipp fra kommunal drift"]
    assert data["goals"] == [
        {"code": "9", "title": "Et klimavennlig Asker", "parent_code": None},
        {"code": "9.1", "title": "Lavere utslipp", "parent_code": "9"},
    ]
    assert data["focus_areas"][0]["strategies"] == ["Sykkel"]
    assert data["knowledge_base"]["document"]["url"].startswith("http://testserver/dokumenter/")
    assert [(d["title"], d["url"].split("/")[2]) for d in data["documents"]] == [
        ("Kunnskapsgrunnlag", "testserver"),
        ("Miljødirektoratet", "www.miljodirektoratet.no"),
        ("Temaplaner for Asker kommune", "testserver"),
    ]
    assert (data["horizon_years"], data["revision_years"]) == (12, 4)
    assert data["submissions_url"].endswith("/api/plans/handling-mot-klimaendringene/submissions/")


def test_detail_shows_a_moved_milestone_with_its_original_date_and_decision(
    client, demo_site, rich_plan
):
    milestones = client.get(DETAIL.format(slug=PLAN)).json()["milestones"]
    moved = next(m for m in milestones if m["title"] == "Planen vedtas")
    assert moved["kind"] == {"code": "adoption", "label": "Vedtak"}
    assert (moved["first_day"], moved["last_day"]) == ("2031-10-01", "2031-12-31")
    assert moved["original_starts_on"] == "2030-06-01"
    assert moved["display_original_date"] == "2. kvartal 2030"
    assert moved["moved_by"]["case_number"] == "0042/21"
    assert moved["moved_by"]["body"] == "Kommunestyret (test)"
    assert moved["moved_by"]["url"].startswith("http://testserver/dokumenter/")
    first = milestones[0]
    assert first["display_date"] == "13. februar 2020"
    assert first["status"] == {"code": "past", "label": "Gjennomført"}


def test_people_have_work_contacts_only(client, rich_plan):
    people = client.get(DETAIL.format(slug=PLAN)).json()["people"]
    kari = next(p for p in people if p["name"] == "Kari Kontakt")
    assert kari == {
        "name": "Kari Kontakt",
        "title": "rådgiver",
        "unit": "Klima og miljø",
        "role": {"code": "contact", "label": "Kontaktperson"},
        "email": "kari.kontakt@asker.kommune.no",
        "phone": "66 90 00 00",
    }


def test_detail_lists_rounds_with_state_and_published_count(client, demo_site, climate_plan):
    rounds = client.get(DETAIL.format(slug=PLAN)).json()["rounds"]
    by_title = {r["title"]: r for r in rounds}
    closed = by_title["Innspill til kunnskapsgrunnlaget"]
    assert closed["state"]["code"] == "closed" and closed["form_url"] is None
    demo = next(r for r in rounds if r["title"].startswith("Demo"))
    assert demo["state"]["code"] == "open"
    assert demo["published_count"] == 3
    assert demo["opens_at"] < demo["closes_at"]


@pytest.mark.parametrize("slug", ["finnes-ikke", "ÆØÅ", "a" * 300])
def test_unknown_plan_is_404_json(client, openapi, slug):
    response = client.get(DETAIL.format(slug=slug))
    assert response.status_code == 404
    assert schema_errors(openapi, DETAIL, response) == []
    assert "Fant ingen publisert temaplan" in response.json()["detail"]


def test_unpublished_and_restricted_plans_are_left_out(client, climate_plan):
    hidden = add_plan("Skjult plan")
    hidden.unpublish()
    private = add_plan("Intern plan")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    slugs = [p["slug"] for p in client.get(LIST).json()["items"]]
    assert PLAN in slugs
    assert "skjult-plan" not in slugs and "intern-plan" not in slugs
    assert client.get(DETAIL.format(slug="skjult-plan")).status_code == 404
    assert client.get(DETAIL.format(slug="intern-plan")).status_code == 404
    assert client.get("/api/plans/intern-plan/submissions/").status_code == 404
    assert ThemePlanPage.objects.filter(slug="intern-plan").exists()
