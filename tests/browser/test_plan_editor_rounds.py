"""Staff open and guard participation rounds in the plan editor's «Medvirkning» tab."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.admin_helpers import (
    add_inline,
    fill_date,
    log_in,
    open_tab,
    publish,
    screenshot_editor,
)

USERNAME, PASSWORD = "redaktor", "langt-og-trygt-passord"


@pytest.fixture
def editor_page(browser, site_url, settings):
    from themeplans.models import ThemePlanPage

    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see test_plan_editor.py: autosave races the test
    get_user_model().objects.create_superuser(USERNAME, "redaktor@example.no", PASSWORD)
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, site_url, USERNAME, PASSWORD)
    page.goto(f"{site_url}/admin/pages/{plan.pk}/edit/")
    open_tab(page, "Medvirkning")
    yield page
    context.close()


def test_the_medvirkning_tab_lists_the_rounds(editor_page):
    tab = editor_page.locator("#tab-medvirkning")
    expect(tab).to_contain_text("En offentlig høring bør vare minst seks uker")
    expect(editor_page.locator("#id_participation_rounds-0-title")).to_have_value(
        "Innspill til kunnskapsgrunnlaget"
    )
    screenshot_editor(editor_page, "admin-plan-medvirkning-1280.png")


def test_a_round_with_input_cannot_be_deleted(editor_page):
    editor_page.locator("#id_participation_rounds-1-DELETE-button").click()
    publish(editor_page)
    expect(editor_page.locator(".messages")).to_contain_text(
        "Du kan ikke fjerne innspillsrunden «Demo: innspill til temaplan for klima», "
        "fordi den har 7 innspill"
    )
    from participation.models import ParticipationRound

    assert ParticipationRound.objects.filter(title__startswith="Demo").exists()


def test_a_short_hearing_is_saved_with_a_warning(editor_page):
    prefix = add_inline(editor_page, "participation_rounds")
    editor_page.locator(f"#{prefix}title").fill("Høring av planforslaget")
    editor_page.locator(f"#{prefix}kind").select_option(label="Offentlig høring")
    fill_date(editor_page, f"{prefix}opens_at", "01.03.2027 00:00")
    fill_date(editor_page, f"{prefix}closes_at", "15.03.2027 23:59")
    publish(editor_page)
    expect(editor_page.locator(".messages")).to_contain_text(
        "Høringen «Høring av planforslaget» varer bare 14 dager"
    )
    from participation.models import ParticipationRound

    hearing = ParticipationRound.objects.get(title="Høring av planforslaget")
    assert hearing.kind == "hearing" and hearing.duration_days == 14
