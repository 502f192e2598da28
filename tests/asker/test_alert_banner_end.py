"""The alert banner hides itself at its end date, so an old notice cannot linger for years."""

from datetime import timedelta

import pytest
from django.utils import timezone

from asker.models import AlertBanner
from asker.site_frame import clear_site_frame

pytestmark = pytest.mark.django_db


def banner_html(client):
    clear_site_frame()
    return client.get("/").content.decode()


def test_the_demo_corona_banner_from_2020_has_ended(client, demo_site):
    banner = AlertBanner.objects.get(site=demo_site)
    assert banner.is_active and banner.ends_at.year == 2021
    assert "koronaviruset" not in banner_html(client)


def test_a_banner_shows_until_its_end_and_not_after(client, demo_site):
    banner = AlertBanner.objects.get(site=demo_site)
    banner.ends_at = timezone.now() + timedelta(hours=1)
    banner.save()
    assert "Oppdatert informasjon om koronaviruset." in banner_html(client)

    banner.ends_at = timezone.now() - timedelta(minutes=1)
    banner.save()
    html = banner_html(client)
    assert "koronaviruset" not in html
    assert "alert-banner" not in html


def test_a_banner_without_an_end_shows_while_active(client, demo_site):
    AlertBanner.objects.filter(site=demo_site).update(ends_at=None)
    assert "Oppdatert informasjon om koronaviruset." in banner_html(client)
