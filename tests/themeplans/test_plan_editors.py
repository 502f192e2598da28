"""The group «Planredaktører»: writes and publishes plans, keeps the people and bodies they
name, and can add a person from inside the plan editor's chooser (issue #19, point 1)."""

import json

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from tests.participation.moderation_support import make_user
from themeplans.models import Person, ThemePlanIndexPage, ThemePlanPage
from themeplans.roles import PLAN_EDITORS_GROUP, set_up_group

pytestmark = pytest.mark.django_db

CHOOSER = "wagtailsnippetchoosers_themeplans_person"
NEW_PERSON = {"name": "Nina Ny", "title": "Rådgiver", "unit": "Kultur", "email": "", "phone": ""}


@pytest.fixture
def plan_editor(client, demo_site):
    client.force_login(make_user("planredaktor", PLAN_EDITORS_GROUP))
    return client


@pytest.fixture
def page_editor(client, demo_site):
    client.force_login(make_user("redaktor", "Editors"))
    return client


def modal_html(response):
    return json.loads(response.content)["html"]


def test_a_plan_editor_creates_a_person_in_the_chooser_and_gets_it_chosen(plan_editor):
    modal = modal_html(plan_editor.get(reverse(f"{CHOOSER}:choose")))
    assert "Ny person" in modal  # the tab beside «Søk»

    response = plan_editor.post(reverse(f"{CHOOSER}:create"), NEW_PERSON)

    answer = json.loads(response.content)
    person = Person.objects.get(name="Nina Ny")
    assert answer["step"] == "chosen"
    assert answer["result"]["id"] == str(person.pk)
    assert person.unit == "Kultur"


def test_a_person_without_a_name_is_refused_in_the_chooser_with_the_reason(plan_editor):
    response = plan_editor.post(reverse(f"{CHOOSER}:create"), {**NEW_PERSON, "name": ""})

    answer = json.loads(response.content)
    assert answer["step"] == "reshow_creation_form"
    assert "Dette feltet er påkrevet" in answer["htmlFragment"]
    assert not Person.objects.filter(title="Rådgiver", unit="Kultur").exists()


def test_wagtails_editors_may_choose_a_person_but_not_create_one(page_editor):
    modal = modal_html(page_editor.get(reverse(f"{CHOOSER}:choose")))
    assert "Ny person" not in modal

    page_editor.post(reverse(f"{CHOOSER}:create"), NEW_PERSON)

    assert not Person.objects.filter(name="Nina Ny").exists()


def test_a_new_plan_index_is_open_to_plan_editors_at_once(demo_site):
    """Page permissions hang on a page: an index made after the migration gets them too."""
    home = ThemePlanIndexPage.objects.get().get_parent()
    index = home.add_child(instance=ThemePlanIndexPage(title="Andre planer", slug="andre-planer"))
    plan = index.add_child(instance=ThemePlanPage(title="Ny plan", slug="ny-plan", live=False))
    user = make_user("planredaktor", PLAN_EDITORS_GROUP)

    permissions = plan.permissions_for_user(user)

    assert permissions.can_edit() and permissions.can_publish()
    assert index.permissions_for_user(user).can_add_subpage()
    assert not home.permissions_for_user(user).can_edit()  # only the plans' part of the site


def test_plan_editors_have_documents_and_images_but_not_input_or_followers(demo_site):
    user = make_user("planredaktor", PLAN_EDITORS_GROUP)

    assert user.has_perms(["themeplans.add_person", "themeplans.change_politicalbody"])
    assert not user.has_perm("participation.view_submission")
    assert not user.has_perm("subscriptions.view_subscription")


def rights(group):
    return (
        set(group.permissions.values_list("codename", flat=True)),
        set(
            GroupCollectionPermission.objects.filter(group=group).values_list(
                "collection_id", "permission__codename"
            )
        ),
        set(
            GroupPagePermission.objects.filter(group=group).values_list(
                "page_id", "permission__codename"
            )
        ),
    )


def test_setting_the_group_up_again_gives_the_rights_the_migration_gave(demo_site):
    group = Group.objects.get(name=PLAN_EDITORS_GROUP)
    made_by_migration = rights(group)
    group.permissions.clear()
    GroupCollectionPermission.objects.filter(group=group).delete()
    GroupPagePermission.objects.filter(group=group).delete()

    assert rights(set_up_group()) == made_by_migration
    assert len(made_by_migration[0]) == 1 + 16  # the admin, and four rights on four snippets
