"""Admin date fields say their format and never swap what was typed for today (issue #19)."""

import json
import re

import pytest
from django import forms

from core.admin_dates import TypedDateInput, TypedDateTimeInput
from themeplans.models import ThemePlanPage

pytestmark = pytest.mark.django_db


PICKER = re.compile(r"initDateChooser\(\"[^\"]+\", (\{.*?\})\)")


def picker_configs(html):
    return [json.loads(config) for config in PICKER.findall(html)]


def test_every_date_field_of_the_plan_editor_keeps_typed_text_and_shows_its_format(
    admin_client, demo_site
):
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")

    html = admin_client.get(f"/admin/pages/{plan.pk}/edit/").content.decode()

    configs = picker_configs(html)
    assert configs  # the mandate date at least is rendered as HTML
    assert all(config["validateOnBlur"] is False for config in configs)
    assert 'placeholder="dd.mm.åååå"' in html


class MilestoneDates(forms.Form):
    starts_on = forms.DateField(widget=TypedDateInput)
    opens_at = forms.DateTimeField(widget=TypedDateTimeInput)


@pytest.mark.parametrize(
    ("typed", "read"),
    [("2026-11-20", "2026-11-20"), ("20.11.2026", "2026-11-20"), ("20.11.26", "2026-11-20")],
)
def test_a_date_typed_in_either_form_is_read_as_that_day(typed, read):
    form = MilestoneDates({"starts_on": typed, "opens_at": f"{typed} 09:00"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_on"].isoformat() == read


def test_a_date_that_cannot_be_read_is_an_error_not_today():
    form = MilestoneDates({"starts_on": "20. nov", "opens_at": "i morgen"})

    assert not form.is_valid()
    assert form.errors["starts_on"] == ["Oppgi en gyldig dato."]
    assert form.errors["opens_at"] == ["Oppgi gyldig dato og tidspunkt."]
