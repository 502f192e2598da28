"""«Følgere» in the admin: moderators look up, export and delete; nobody else sees addresses."""

import io
import re
from csv import reader
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.utils import timezone

from core import admin_paging
from participation.moderation.permissions import MODERATORS_GROUP
from subscriptions.models import Subscription
from tests.participation.moderation_support import make_user

LISTING = "/admin/folgere/"


@pytest.fixture
def followers(plan):
    active = Subscription.objects.create(
        plan=plan, email="aktiv@example.no", confirmed_at=timezone.now()
    )
    waiting = Subscription.objects.create(
        plan=plan, email="venter@example.no", created_at=timezone.now() - timedelta(days=1)
    )
    return active, waiting


def test_moderators_list_filter_and_search_followers(moderator_client, followers, plan):
    assert LISTING in moderator_client.get("/admin/").content.decode()  # the menu item
    html = moderator_client.get(LISTING).content.decode()
    assert "aktiv@example.no" in html and "venter@example.no" in html
    assert "Venter på bekreftelse" in html and "Aktiv" in html
    assert plan.title in html

    waiting = moderator_client.get(LISTING, {"status": "venter"}).content.decode()
    assert "venter@example.no" in waiting and "aktiv@example.no" not in waiting
    by_plan = moderator_client.get(LISTING, {"plan": plan.pk}).content.decode()
    assert "aktiv@example.no" in by_plan
    found = moderator_client.get(LISTING, {"q": "aktiv"}).content.decode()
    assert "aktiv@example.no" in found and "venter@example.no" not in found


def test_moderators_export_followers(moderator_client, followers, plan):
    csv = moderator_client.get(LISTING, {"export": "csv", "status": "aktiv"})
    assert csv.status_code == 200
    assert 'filename="folgere.csv"' in csv["Content-Disposition"]
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0] == "E-post,Plan,Status,Meldt på,Bekreftet"
    assert len(lines) == 2
    assert lines[1].startswith(f"aktiv@example.no,{plan.title},Aktiv,")

    xlsx = moderator_client.get(LISTING, {"export": "xlsx"})
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_moderators_delete_a_follower_on_request(moderator_client, followers):
    active, _ = followers
    assert moderator_client.get(f"{LISTING}inspect/{active.pk}/").status_code == 200
    response = moderator_client.post(f"{LISTING}delete/{active.pk}/")
    assert response.status_code == 302
    assert not Subscription.objects.filter(pk=active.pk).exists()
    # The admin's history keeps a label of what was deleted: never the address itself.
    from wagtail.models import ModelLogEntry

    labels = list(ModelLogEntry.objects.values_list("label", flat=True))
    assert labels and not any(active.email in label for label in labels)


def test_nobody_adds_or_edits_followers(client, followers):
    client.force_login(make_user("sjef", is_superuser=True, is_staff=True))
    active, _ = followers
    assert client.get(LISTING).status_code == 200
    for url in (f"{LISTING}add/", f"{LISTING}edit/{active.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
    listing = client.get(LISTING).content.decode()
    assert f"{LISTING}add/" not in listing
    assert f"{LISTING}edit/" not in listing


def test_editors_without_the_moderators_group_are_refused(editor_client, followers):
    active, _ = followers
    for url in (
        LISTING,
        f"{LISTING}?export=csv",
        f"{LISTING}inspect/{active.pk}/",
        f"{LISTING}delete/{active.pk}/",
    ):
        response = editor_client.get(url)
        assert response.status_code in (302, 403), url
        assert b"aktiv@example.no" not in response.content
    assert LISTING not in editor_client.get("/admin/").content.decode()
    assert Subscription.objects.filter(pk=active.pk).exists()


def test_the_moderators_group_may_view_and_delete_followers_only(db):
    group = Group.objects.get(name=MODERATORS_GROUP)
    codenames = group.permissions.filter(content_type__app_label="subscriptions")
    assert set(codenames.values_list("codename", flat=True)) == {
        "view_subscription",
        "delete_subscription",
    }


BULK_DELETE = "/admin/bulk/subscriptions/subscription/delete/"


def test_editors_cannot_count_followers_on_the_bulk_delete_screen(editor_client, followers):
    """Wagtail's bulk delete screen answered 404 for an unknown id and listed «1 item you may
    not delete» for a follower that exists: enough to count the followers one id at a time."""
    active, waiting = followers
    missing = max(active.pk, waiting.pk) + 1000
    outcomes = []
    for ids in ([active.pk], [missing], [active.pk, waiting.pk]):
        query = "&".join(f"id={pk}" for pk in ids)
        response = editor_client.get(f"{BULK_DELETE}?{query}")
        html = response.content.decode()
        assert "aktiv@example.no" not in html and "venter@example.no" not in html
        assert "Følger nr." not in html
        outcomes.append((response.status_code, response.get("Location")))
    # Refused the same way whatever the ids: «no access», nothing about the followers.
    assert outcomes == [(302, "/admin/")] * 3
    response = editor_client.post(f"{BULK_DELETE}?id={active.pk}")
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert Subscription.objects.filter(pk=active.pk).exists()


def test_moderators_delete_several_followers_at_once(moderator_client, followers):
    active, waiting = followers
    url = f"{BULK_DELETE}?id={active.pk}&id={waiting.pk}&next={LISTING}"
    assert "Følger nr." in moderator_client.get(url).content.decode()
    response = moderator_client.post(url)
    assert (response.status_code, response["Location"]) == (302, LISTING)
    assert not Subscription.objects.filter(pk__in=[active.pk, waiting.pk]).exists()


def test_an_address_a_spreadsheet_would_run_is_exported_as_text(moderator_client, plan):
    """The follow form takes =cmd|'/Ccalc'!A0@example.no as an address; opened in Excel, the
    export must show it, not run it."""
    formula = "=cmd|'/Ccalc'!A0@example.no"
    Subscription.objects.create(plan=plan, email=formula, confirmed_at=timezone.now())
    csv = moderator_client.get(LISTING, {"export": "csv"})
    rows = list(reader(io.StringIO(b"".join(csv.streaming_content).decode())))
    assert rows[1][0] == "'" + formula
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_followers_listing_costs_the_same_queries_with_more_followers(
    moderator_client, followers, plan, django_assert_num_queries
):
    addresses = [LISTING, f"{LISTING}?status=aktiv", f"{LISTING}?q=example", f"{LISTING}?p=2"]
    for address in addresses:
        moderator_client.get(address)  # caches warm
        # Session, user, permissions, the plans to filter by, the count, the page, Wagtail's.
        with django_assert_num_queries(12):
            assert moderator_client.get(address).status_code == 200
    Subscription.objects.bulk_create(
        Subscription(plan=plan, email=f"f{number}@example.no", confirmed_at=timezone.now())
        for number in range(120)
    )
    for address in addresses:
        with django_assert_num_queries(12):
            assert moderator_client.get(address).status_code == 200


on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (DATABASE_URL=postgres://…): its indexes and statistics",
)


@on_postgres
def test_the_follower_search_has_a_trigram_index(followers):
    searched = Subscription.objects.filter(email__icontains="aktiv@exa")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test table is tiny
        cursor.execute("SET LOCAL enable_indexscan = off")  # nor walk another index
        plan = searched.explain()
    assert "subscription_email_trgm" in plan, plan


@on_postgres
def test_the_whole_followers_list_is_counted_from_statistics(
    moderator_client, followers, monkeypatch, plan
):
    Subscription.objects.bulk_create(
        Subscription(plan=plan, email=f"f{number}@example.no") for number in range(60)
    )
    monkeypatch.setattr(admin_paging, "ESTIMATE_FROM", 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE subscriptions_subscription")
    html = moderator_client.get(LISTING).content.decode()
    label = re.search(r'class="pagination__end">\s*(.*?)\s*<', html)[1].replace("\xa0", " ")
    assert label.lower() == f"ca. {Subscription.objects.count()} følgere"
