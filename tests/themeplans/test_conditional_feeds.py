"""Feeds and calendars answer 304 Not Modified to a reader whose copy is current, decided from
the event log and the pages' publication times, without writing the feed."""

import pytest

from tests.themeplans.feed_content import add_answers, publish
from themeplans.models import ThemePlanPage

pytestmark = pytest.mark.usefixtures("demo_site")

CLIMATE = "/temaplaner/handling-mot-klimaendringene/"
FEEDS = ["/temaplaner/rss/", CLIMATE + "rss/", "/temaplaner/kalender.ics", CLIMATE + "kalender.ics"]
# Finding the page (site, page, routes, view restrictions) and the plans, then for RSS the
# feed's items (a bounded query on the event log): no milestones, rounds or writing.
NOT_MODIFIED_QUERIES = {"rss": 9, "ics": 8}


def climate_plan():
    return ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")


@pytest.mark.parametrize("url", FEEDS)
def test_a_current_copy_gets_304_and_a_changed_feed_200(client, url):
    first = client.get(url)
    assert first.status_code == 200 and first.content
    etag = first["ETag"]

    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # The 304 keeps the 200's caching policy, so a proxy's copy stays shared.
    assert again["Cache-Control"] == first["Cache-Control"]
    assert "public" in again["Cache-Control"]

    publish(climate_plan())  # the plan changed: every feed that shows it is new
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


@pytest.mark.parametrize("url", FEEDS)
def test_head_answers_304_too(client, url):
    etag = client.get(url)["ETag"]
    assert client.head(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_calendar_also_answers_if_modified_since(client):
    url = CLIMATE + "kalender.ics"
    first = client.get(url)
    assert first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_a_new_answer_changes_the_plans_feed(client):
    url = CLIMATE + "rss/"
    etag = client.get(url)["ETag"]
    add_answers(climate_plan(), 1)
    publish(climate_plan())
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "kommunen har svart" in changed.content.decode()


def test_each_language_has_its_own_etag(client):
    norwegian = client.get("/temaplaner/rss/")["ETag"]
    english = client.get("/en/temaplaner/rss/")
    assert english.status_code == 200
    assert english["ETag"] != norwegian
    assert client.get("/en/temaplaner/rss/", HTTP_IF_NONE_MATCH=norwegian).status_code == 200


@pytest.mark.parametrize("url", FEEDS)
def test_304_costs_only_the_pages_and_the_items(client, django_assert_num_queries, url):
    """With 300 answers more as with none: the validator reads a bounded number of rows."""
    for answers in (0, 300):
        if answers:
            add_answers(climate_plan(), answers)
            publish(climate_plan())
        etag = client.get(url)["ETag"]
        kind = "ics" if url.endswith(".ics") else "rss"
        with django_assert_num_queries(NOT_MODIFIED_QUERIES[kind]):
            assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
