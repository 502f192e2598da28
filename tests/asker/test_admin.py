"""Staff reach the Wagtail admin and edit the site settings there."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_a_superuser_and_prints_how_to_log_in(monkeypatch, capsys, tmp_path):
    from asker.management.commands import ensure_admin

    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "passord.txt")
    monkeypatch.setenv("ADMIN_USERNAME", "redaktor")
    monkeypatch.setenv("ADMIN_PASSWORD", "riktig-hest-batteri-stift")
    call_command("ensure_admin")
    out = capsys.readouterr().out
    assert "/admin/ som «redaktor»" in out
    assert "riktig-hest-batteri-stift" in out
    user = get_user_model().objects.get(username="redaktor")
    assert user.is_superuser and user.check_password("riktig-hest-batteri-stift")


def test_ensure_admin_remembers_a_generated_password(monkeypatch, capsys, tmp_path):
    from asker.management.commands import ensure_admin

    monkeypatch.setattr(ensure_admin, "PASSWORD_FILE", tmp_path / "passord.txt")
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    call_command("ensure_admin")
    password = (tmp_path / "passord.txt").read_text().strip()
    call_command("ensure_admin")
    assert capsys.readouterr().out.count(f"Passord: {password}") == 2
    assert get_user_model().objects.get(username="admin").check_password(password)
    assert get_user_model().objects.count() == 1


def test_staff_edit_the_alert_banner_in_the_admin(admin_client):
    site = HomePageFactory().get_site()
    url = f"/admin/settings/asker/alertbanner/{site.pk}/"
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "Vis varselet" in response.content.decode()


def test_editors_can_only_add_page_types_where_they_belong():
    from asker.models import ContentPage, HomePage
    from legal.models import AccessibilityStatementPage, CookiesPage, PrivacyPage
    from themeplans.models import ThemePlanIndexPage

    assert set(HomePage.allowed_subpage_models()) == {
        ContentPage,
        ThemePlanIndexPage,
        AccessibilityStatementPage,
        PrivacyPage,
        CookiesPage,
    }
    assert ThemePlanIndexPage.allowed_parent_page_models() == [HomePage]
    assert ContentPage.allowed_subpage_models() == [ContentPage]
