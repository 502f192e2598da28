"""A member of «Planredaktører» adds a new person to a plan from inside the plan editor, without
leaving the unsaved page, and publishes it (issue #19, point 1)."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.admin_helpers import add_inline, log_in, open_chooser, open_tab, publish
from tests.browser.screenshots import save_screenshot
from themeplans.roles import set_up_group

USERNAME, PASSWORD = "planredaktor", "langt-og-trygt-passord"
CLIMATE_PLAN = "/temaplaner/handling-mot-klimaendringene/"


def test_plan_editor_creates_a_person_in_the_chooser_and_publishes_the_plan(
    browser, site_url, settings
):
    from themeplans.models import ThemePlanPage

    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # see test_plan_editor.py: SQLite shared in memory
    user = get_user_model().objects.create_user(USERNAME, "planredaktor@example.no", PASSWORD)
    # Earlier transactional tests may have emptied the tables the migration filled.
    user.groups.add(set_up_group())
    plan = ThemePlanPage.objects.get(url_path__endswith="/handling-mot-klimaendringene/")

    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
        page = context.new_page()
        log_in(page, site_url, USERNAME, PASSWORD)
        page.goto(f"{site_url}/admin/pages/{plan.pk}/edit/")
        open_tab(page, "Personer")
        prefix = add_inline(page, "people")
        modal = open_chooser(page, f"{prefix}person")
        modal.get_by_role("tab", name="Ny person").click()
        name = f"Nina Ny {width}"
        modal.locator("input[name=name]").fill(name)
        modal.locator("input[name=title]").fill("Rådgiver klima")
        save_screenshot(page, f"admin-person-chooser-ny-person-{width}.png")
        modal.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
        expect(modal).to_be_hidden()
        expect(page.locator(f"#{prefix}person-title")).to_contain_text(name)
        page.locator(f"#{prefix}role").select_option(label="Kontaktperson")
        publish(page)
        expect(page.locator(".messages")).to_contain_text("publisert")
        context.close()

        visitor = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
        page = visitor.new_page()
        page.goto(site_url + CLIMATE_PLAN)
        expect(page.locator("main").get_by_text(name).first).to_be_visible()
        visitor.close()
