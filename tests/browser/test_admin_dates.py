"""An editor types a milestone date the ISO way; the field keeps it and the plan gets that day
(issue #19: «2026-11-20» used to become today's date when the field lost focus)."""

import datetime

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.admin_helpers import add_inline, log_in, open_tab, publish

USERNAME, PASSWORD = "redaktor", "langt-og-trygt-passord"


def test_an_iso_date_typed_in_the_admin_is_kept_and_saved(browser, site_url, settings):
    from themeplans.models import ThemePlanPage

    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see test_plan_editor.py: SQLite shared in memory
    get_user_model().objects.create_superuser(USERNAME, "redaktor@example.no", PASSWORD)
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, USERNAME, PASSWORD)
    page.goto(f"{site_url}/admin/pages/{plan.pk}/edit/")
    open_tab(page, "Framdrift")
    prefix = add_inline(page, "milestones")
    page.locator(f"#{prefix}title").fill("Folkemøte")
    page.locator(f"#{prefix}kind").select_option(index=1)
    starts_on = page.locator(f"#{prefix}starts_on")

    starts_on.fill("2026-11-20")
    page.locator(f"#{prefix}title").click()  # the field loses focus; the picker closes

    expect(starts_on).to_have_value("2026-11-20")
    expect(starts_on).to_have_attribute("placeholder", "dd.mm.åååå")
    publish(page)
    expect(page.locator(".messages")).to_contain_text("publisert")
    plan = ThemePlanPage.objects.get(pk=plan.pk)
    milestone = plan.milestones.get(title="Folkemøte")
    assert milestone.starts_on == datetime.date(2026, 11, 20)
    context.close()
