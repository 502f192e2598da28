from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from themeplans.models import ThemePlanPage


@pytest.fixture
def clock(time_machine):
    """Set the date the site believes it is (noon in Europe/Oslo), for phases and timelines."""

    def set_today(day: date):
        time_machine.move_to(datetime.combine(day, time(12), ZoneInfo("Europe/Oslo")), tick=False)

    return set_today


@pytest.fixture
def climate_plan(demo_site):
    return ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
