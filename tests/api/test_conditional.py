"""The API answers 304 Not Modified to a client whose copy is current; the ETag comes from a few
indexed queries, before the answer is built."""

import pytest

from participation import services
from participation.models import ParticipationRound
from tests.api.conftest import PLAN
from tests.participation.conftest import make_submission
from themeplans.models import ThemePlanPage

pytestmark = pytest.mark.usefixtures("demo_site")

URLS = {
    "list": "/api/plans/",
    "detail": f"/api/plans/{PLAN}/",
    "submissions": f"/api/plans/{PLAN}/submissions/",
    "index": "/api/",
}
# The public content's version, the page and snippet logs' newest entries (2), view
# restrictions, and the rounds with the counts the answer shows, or the input's count and newest
# change: never the answer itself.
NOT_MODIFIED_QUERIES = {"list": 5, "detail": 5, "submissions": 5, "index": 0}


@pytest.mark.parametrize("name", URLS)
def test_a_current_copy_gets_304(client, django_assert_num_queries, name):
    url = URLS[name]
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]

    with django_assert_num_queries(NOT_MODIFIED_QUERIES[name]):
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == first["Cache-Control"] == "public, max-age=300"
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_another_page_of_a_list_has_its_own_etag(client):
    etag = client.get("/api/plans/")["ETag"]
    other = client.get("/api/plans/?page_size=1", HTTP_IF_NONE_MATCH=etag)
    assert other.status_code == 200


@pytest.mark.parametrize("name", ["list", "detail", "submissions"])
def test_publishing_input_gives_a_new_answer(client, name):
    url = URLS[name]
    etag = client.get(url)["ETag"]
    round = ParticipationRound.objects.get(page__slug=PLAN, title__startswith="Demo")
    assert services.publish(make_submission(round, text="Nytt publisert innspill."))

    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_publishing_the_plan_gives_a_new_answer(client):
    etag = client.get(URLS["detail"])["ETag"]
    plan = ThemePlanPage.objects.get(slug=PLAN)
    plan.title = "Ny tittel på klimaplanen"
    plan.save_revision().publish()
    changed = client.get(URLS["detail"], HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["title"] == "Ny tittel på klimaplanen"


def test_a_person_renamed_outside_the_admin_gives_a_new_answer(client):
    # No admin, so no log entry: a script or the shell, as an import of the staff list would.
    etag = client.get(URLS["detail"])["ETag"]
    person = ThemePlanPage.objects.get(slug=PLAN).people.first().person
    person.name = "Kari Nyinavn"
    person.save()
    changed = client.get(URLS["detail"], HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Kari Nyinavn" in changed.content.decode()


def test_errors_are_never_cached(client):
    response = client.get("/api/plans/finnes-ikke/")
    assert response.status_code == 404
    assert "public" not in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
