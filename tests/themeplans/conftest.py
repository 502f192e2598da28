from datetime import date

import pytest

from themeplans.models import ThemePlanPage


@pytest.fixture
def clock(monkeypatch):
    """Set the date the site believes it is (Europe/Oslo), for phases and timelines."""

    def set_today(day: date):
        monkeypatch.setattr("themeplans.models.plans.today", lambda: day)

    return set_today


@pytest.fixture
def climate_plan(demo_site):
    return ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
