"""Input is a public record: the plan it belongs to cannot be deleted from under it."""

import pytest
from django.contrib.auth import get_user_model

from themeplans.models import ThemePlanPage

pytestmark = pytest.mark.django_db


def test_a_plan_with_input_cannot_be_deleted_only_unpublished(client, plan):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.no", "passord")
    client.force_login(admin)
    response = client.post(f"/admin/pages/{plan.pk}/delete/", follow=True)
    assert ThemePlanPage.objects.filter(pk=plan.pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("fordi 7 innspill hører til siden eller en side under den" in m for m in messages)


def test_a_plan_without_input_can_still_be_deleted(client, demo_site):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.no", "passord")
    client.force_login(admin)
    culture = ThemePlanPage.objects.get(slug="kultur")
    client.post(f"/admin/pages/{culture.pk}/delete/")
    assert not ThemePlanPage.objects.filter(pk=culture.pk).exists()
