"""An editor sees what a plan lacks above its editor, fixes it, and the warning goes; the rounds
overview says a round on an unpublished plan is not open to anyone (issue #19, point 7)."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.admin_helpers import (
    add_inline,
    choose_in_modal,
    log_in,
    open_tab,
    screenshot_editor,
)
from tests.browser.screenshots import save_screenshot

USERNAME, PASSWORD = "redaktor", "langt-og-trygt-passord"
NO_CONTACT = "Planen har ingen kontaktperson."
UNPUBLISHED = "er åpen, men planen er ikke publisert"


def test_an_editor_fixes_what_the_checks_point_out(browser, site_url, settings):
    from themeplans.models import ThemePlanPage

    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see test_plan_editor.py: autosave races the test
    get_user_model().objects.create_superuser(USERNAME, "redaktor@example.no", PASSWORD)
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    plan.unpublish()  # its demo round is open
    draft = plan.get_latest_revision_as_object()
    draft.people = []
    draft.save_revision()

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, USERNAME, PASSWORD)
    page.goto(f"{site_url}/admin/pages/{plan.pk}/edit/")
    checks = page.locator("[data-publish-checks]")
    expect(checks).to_contain_text(NO_CONTACT)
    expect(checks).to_contain_text(UNPUBLISHED)
    save_screenshot(page, "admin-publish-checks-1280.png")
    page.set_viewport_size({"width": 375, "height": 900})
    save_screenshot(page, "admin-publish-checks-375.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    open_tab(page, "Personer")
    expect(checks).to_be_visible()  # above the tabs, whichever is open
    prefix = add_inline(page, "people")
    choose_in_modal(page, f"{prefix}person", "Servicetorget i Asker kommune")
    page.locator(f"#{prefix}role").select_option(label="Kontaktperson")
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="Lagre kladd").click()

    expect(checks).not_to_contain_text(NO_CONTACT)
    expect(checks).to_contain_text(UNPUBLISHED)  # saving a draft publishes nothing

    page.goto(f"{site_url}/admin/innspillsrunder/")
    row = page.locator("tr", has_text="Demo: innspill til temaplan for klima")
    expect(row).to_contain_text("Åpen, men planen er ikke publisert")
    expect(row).to_contain_text("Planen: Avpublisert")
    expect(row).not_to_contain_text("Åpen for innspill")
    screenshot_editor(page, "admin-rounds-overview-1280.png")  # the whole of <main>
    page.set_viewport_size({"width": 375, "height": 900})
    screenshot_editor(page, "admin-rounds-overview-375.png")
