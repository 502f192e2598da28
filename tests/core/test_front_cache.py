"""What leaves the cache in front (core.front_cache) when something public changes: each change
purges the addresses that show it, through a recording stand-in for the Varnish backend."""

import logging
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from core import front_cache
from participation import services
from participation.models import Publication
from tests.factories import (
    ParticipationRoundFactory,
    SubmissionFactory,
    ThemePlanIndexPageFactory,
    ThemePlanPageFactory,
)

pytestmark = pytest.mark.django_db


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        RecordingBackend.purged.append(url)

    def ban(self, url):
        RecordingBackend.purged.append(f"BAN {url}")


class FailingBackend(BaseBackend):
    def purge(self, url):
        raise ConnectionRefusedError("the cache is away")


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged = []

    def paths():
        found = {url.removeprefix("http://testserver") for url in RecordingBackend.purged}
        RecordingBackend.purged = []
        return found

    return paths


@pytest.fixture
def plan(settings):
    settings.WAGTAILFRONTENDCACHE = {}
    return ThemePlanPageFactory(slug="sykkel")


def plan_addresses(slug):
    own = {
        f"/temaplaner/{slug}/",
        f"/temaplaner/{slug}/rss/",
        f"/temaplaner/{slug}/kalender.ics",
        f"/temaplaner/{slug}/innspill/publiserte/",
    }
    listings = {"/", "/temaplaner/", "/temaplaner/rss/", "/temaplaner/kalender.ics"}
    pages = own | listings
    return (
        pages
        | {"/en" + path for path in pages}
        | {"/sitemap.xml", "/api/plans/", f"/api/plans/{slug}/", f"/api/plans/{slug}/submissions/"}
    )


def test_publishing_a_plan_purges_it_its_feeds_the_lists_above_it_the_sitemap_and_the_api(
    plan, purged, django_capture_on_commit_callbacks
):
    plan.title = "Ny tittel"
    with django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()
    found = purged()
    assert found == plan_addresses("sykkel")
    assert "/temaplaner/sykkel/innspill/" not in found  # the form is never cached


def test_unpublishing_a_plan_purges_the_same(plan, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan.unpublish()
    assert purged() == plan_addresses("sykkel")


def test_moving_a_plan_purges_its_old_address_and_both_lists(
    plan, purged, django_capture_on_commit_callbacks
):
    other = ThemePlanIndexPageFactory(slug="arkiv", parent=plan.get_parent().get_parent())
    purged()
    with django_capture_on_commit_callbacks(execute=True):
        plan.move(other, pos="last-child")
    found = purged()
    assert {"/temaplaner/sykkel/", "/en/temaplaner/sykkel/", "/temaplaner/"} <= found
    assert {"/arkiv/sykkel/", "/arkiv/sykkel/rss/", "/arkiv/", "/arkiv/rss/"} <= found


def test_a_changed_slug_purges_the_old_address(plan, purged, django_capture_on_commit_callbacks):
    plan.slug = "sykkelvei"
    with django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()
    found = purged()
    assert {"/temaplaner/sykkel/", "/temaplaner/sykkel/rss/"} <= found
    assert plan_addresses("sykkelvei") <= found


def test_publishing_and_declining_input_purges_its_plan(
    plan, purged, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(
        round=ParticipationRoundFactory(page=plan), publication=Publication.NAMED
    )
    assert purged() == set()  # input received: nothing public changed
    with django_capture_on_commit_callbacks(execute=True):
        assert services.publish(submission)
    assert purged() == plan_addresses("sykkel")
    with django_capture_on_commit_callbacks(execute=True):
        services.decline(submission, "Utenfor planens tema.")
    assert "/temaplaner/sykkel/innspill/publiserte/" in purged()


def test_a_round_opening_with_nobody_acting_is_purged_by_the_scheduled_job(
    plan, purged, django_capture_on_commit_callbacks
):
    opens = timezone.now() + timedelta(hours=2)
    ParticipationRoundFactory(page=plan, opens_at=opens, closes_at=opens + timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()  # stores the round's events ahead of their moments
        front_cache.purge_due_events(now=timezone.now())
    purged()

    with django_capture_on_commit_callbacks(execute=True):
        assert front_cache.purge_due_events(now=opens - timedelta(minutes=1)) == 0
    assert purged() == set()
    with django_capture_on_commit_callbacks(execute=True):
        assert front_cache.purge_due_events(now=opens + timedelta(minutes=1)) == 1
    assert purged() == plan_addresses("sykkel")
    with django_capture_on_commit_callbacks(execute=True):
        assert front_cache.purge_due_events(now=opens + timedelta(minutes=6)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_due_pages", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert purged() == set()


def test_what_every_page_shows_empties_the_whole_cache(
    plan, purged, django_capture_on_commit_callbacks
):
    from asker.models import AlertBanner

    index = plan.get_parent().specific
    index.title = "Alle temaplanene"  # in the main menu of every page
    with django_capture_on_commit_callbacks(execute=True):
        index.save_revision().publish()
    assert purged() == {"BAN http://localhost/"}

    banner = AlertBanner.for_site(plan.get_site())
    banner.is_active = True
    banner.text = "Stengt vei"
    with django_capture_on_commit_callbacks(execute=True):
        banner.save()
    assert purged() == {"BAN http://localhost/"}


def test_without_a_cache_nothing_is_purged(plan, settings, django_capture_on_commit_callbacks):
    settings.WAGTAILFRONTENDCACHE = {}
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        plan.save_revision().publish()
    assert callbacks == []


def test_a_failing_cache_never_stops_publishing(
    plan, settings, caplog, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"test": {"BACKEND": f"{__name__}.FailingBackend"}}
    plan.title = "Publisert likevel"
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        plan.save_revision().publish()
    plan.refresh_from_db()
    assert plan.title == "Publisert likevel" and plan.live
    assert "the cache is away" in caplog.text


def test_the_varnish_backend_gives_up_on_a_cache_that_is_away(caplog):
    backend = front_cache.VarnishBackend({"LOCATION": "http://127.0.0.1:9"})
    with caplog.at_level(logging.ERROR):
        backend.purge("http://testserver/temaplaner/")
    assert "PURGE http://testserver/temaplaner/" in caplog.text
