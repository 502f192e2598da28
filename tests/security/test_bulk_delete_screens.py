"""Wagtail's bulk delete screen for snippets looked each id up before asking whether the user may
delete: 404 for a missing id, the item's label for one that exists. Anyone in the admin could
count and name records. Every snippet now asks the permission policy first."""

import pytest

from tests.factories import PersonFactory
from tests.participation.moderation_support import make_user

pytestmark = pytest.mark.django_db

BULK_DELETE = "/admin/bulk/themeplans/person/delete/"


def test_an_editor_who_may_not_delete_people_learns_nothing_from_the_screen(client):
    person = PersonFactory(name="Kari Nordmann")
    client.force_login(make_user("redaktor", "Editors"))
    answers = []
    for ids in ([person.pk], [person.pk + 1000]):
        response = client.get(BULK_DELETE, {"id": ids})
        assert "Kari Nordmann" not in response.content.decode()
        answers.append((response.status_code, response.get("Location")))
    assert answers == [(302, "/admin/")] * 2  # «no access», whatever the ids


def test_a_superuser_still_deletes_several_people_at_once(client):
    people = [PersonFactory(name=f"Person {n}") for n in range(2)]
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    url = f"{BULK_DELETE}?id={people[0].pk}&id={people[1].pk}"
    assert "Person 0" in client.get(url).content.decode()
    client.post(url)
    assert not type(people[0]).objects.filter(pk__in=[p.pk for p in people]).exists()
