"""The public pages' cached content and routes (core.public_content, core.page_routes): a page
served again costs a few queries, and nothing a visitor would notice is ever older than the
database: each change that purges the cache in front shows at once."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import front_cache
from participation import services
from participation.models import Publication
from tests.factories import (
    ParticipationRoundFactory,
    PersonFactory,
    PlanPersonFactory,
    SubmissionFactory,
    ThemePlanIndexPageFactory,
    ThemePlanPageFactory,
)

pytestmark = pytest.mark.django_db

PLAN = "/temaplaner/sykkel/"


@pytest.fixture(autouse=True)
def content_cached(settings):
    settings.PUBLIC_CONTENT_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {}


@pytest.fixture
def plan():
    return ThemePlanPageFactory(slug="sykkel", title="Temaplan for sykkel")


def page_text(client, path=PLAN):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def queries_for(client, path):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_a_page_served_again_is_the_same_page_with_few_queries(client, plan):
    home, index = "/", "/temaplaner/"
    ParticipationRoundFactory(page=plan)
    first = {path: queries_for(client, path) for path in (home, index, PLAN)}
    rendered = {path: page_text(client, path) for path in (home, index, PLAN)}
    again = {path: queries_for(client, path) for path in (home, index, PLAN)}
    # The version, and Wagtail's check for view restrictions on the page and its aliases.
    assert again == {home: 3, index: 3, PLAN: 3}
    assert all(again[path] < first[path] for path in first), (first, again)
    assert {path: page_text(client, path) for path in rendered} == rendered


def test_publishing_a_change_shows_at_once(client, plan):
    assert "Temaplan for sykkel" in page_text(client)
    plan.title = "Temaplan for sykkel og gange"
    plan.save_revision().publish()
    assert "Temaplan for sykkel og gange" in page_text(client)
    assert "Temaplan for sykkel og gange" in page_text(client, "/temaplaner/")


def test_an_unpublished_or_moved_plan_leaves_its_address_at_once(client, plan):
    page_text(client)
    archive = ThemePlanIndexPageFactory(slug="arkiv", parent=plan.get_parent().get_parent())
    plan.move(archive, pos="last-child")
    moved = client.get(PLAN)  # Wagtail's redirect from the old address, not the old page
    assert (moved.status_code, moved["Location"]) == (301, "/arkiv/sykkel/")
    page_text(client, "/arkiv/sykkel/")
    plan.refresh_from_db()
    plan.unpublish()
    assert client.get("/arkiv/sykkel/").status_code == 404


def test_published_input_shows_on_its_plan_at_once(client, plan):
    submission = SubmissionFactory(
        round=ParticipationRoundFactory(page=plan), publication=Publication.NAMED
    )
    assert "publisert innspill" not in page_text(client)
    services.publish(submission)
    assert "Les 1 publisert innspill og svar fra kommunen" in page_text(client)


def test_a_changed_person_shows_on_the_plans_at_once(client, plan):
    person = PersonFactory(name="Kari Planlegger")
    PlanPersonFactory(page=plan, person=person)
    plan.save_revision().publish()
    assert "Kari Planlegger" in page_text(client)
    person.name = "Kari Nordmann-Planlegger"
    person.save()
    assert "Kari Nordmann-Planlegger" in page_text(client)


def test_a_round_opening_with_nobody_acting_shows_after_the_scheduled_job(client, plan):
    # Within the content's 300 s in the cache, so only the job can renew it.
    opens = timezone.now() + timedelta(minutes=2)
    ParticipationRoundFactory(page=plan, opens_at=opens, closes_at=opens + timedelta(days=10))
    plan.save_revision().publish()  # stores the round's events ahead of their moments
    front_cache.purge_due_events(now=timezone.now())
    call = "Send innspill"
    assert call not in page_text(client)
    with time_machine.travel(opens + timedelta(minutes=1), tick=False):
        front_cache.purge_due_events()  # manage.py purge_due_pages, every five minutes
        assert call in page_text(client)


def test_a_preview_is_never_kept_nor_served_from_the_cache(admin_client, plan):
    assert "Temaplan for sykkel" in page_text(admin_client)
    plan.title = "Utkast til ny tittel"
    plan.save_revision()  # a draft: the live page is unchanged
    preview = admin_client.get(f"/admin/pages/{plan.pk}/view_draft/")
    assert "Utkast til ny tittel" in preview.content.decode()
    live = page_text(admin_client)
    assert "Temaplan for sykkel" in live
    assert "Utkast til ny tittel" not in live


def test_nothing_is_kept_when_it_is_turned_off(client, plan, settings):
    settings.PUBLIC_CONTENT_CACHE_SECONDS = 0
    page_text(client)
    assert queries_for(client, PLAN) > 3


def test_only_the_address_of_a_page_itself_is_remembered(client, plan, monkeypatch):
    """A route below a page (a feed, a form, a sender's private link with its token) is not
    kept: anyone could fill the cache with made-up tokens."""
    from django.core.cache import cache

    from core import page_routes

    kept = []

    class Recording:
        get = staticmethod(cache.get)

        @staticmethod
        def set(key, value, timeout):
            kept.append(key)
            cache.set(key, value, timeout)

    monkeypatch.setattr(page_routes, "cache", Recording)
    page_text(client)
    assert len(kept) == 1  # the plan's own address
    for token in ("a" * 43, "b" * 43, "c" * 43):
        client.get(f"{PLAN}innspill/mitt/{token}/")
    client.get(f"{PLAN}rss/")
    assert len(kept) == 1
