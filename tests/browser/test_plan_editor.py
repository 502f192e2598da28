"""A staff member builds a theme plan in the Wagtail admin; citizens read it at every width."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.browser.admin_helpers import (
    add_inline,
    choose_in_modal,
    fill_date,
    log_in,
    open_tab,
    publish,
    screenshot_editor,
    upload_document,
)
from tests.browser.axe import axe_violations
from tests.browser.screenshots import save_screenshot

USERNAME, PASSWORD = "redaktor", "langt-og-trygt-passord"
CLIMATE_PLAN = "/temaplaner/handling-mot-klimaendringene/"
MILESTONES = [
    # title, kind, starts on, ends on, shown as
    ("Mandat vedtatt", "Mandat", "01.02.2024", "", "Dag"),
    ("Høring", "Høring", "01.09.2024", "31.10.2024", "Måned"),
    ("Vedtak i kommunestyret", "Vedtak", "01.04.2025", "", "Kvartal"),
]
PEOPLE = [("Ragnar Sand Fuglum", "Ansvarlig direktør"), ("Bente Støa", "Fagansvarlig")]


def fill_content_tab(page):
    page.locator("#id_title").fill("Temaplan for testing")
    page.locator("#id_teaser").fill("En plan som en redaktør lager i en nettlesertest.")
    page.locator("#topics-root .c-sf-add-button").first.click()  # one block type: added at once
    page.locator("#topics-0-value-title").fill("Klimagassutslipp")
    page.locator("#topics-0-value-description").fill("Hvor utslippene i kommunen kommer fra.")
    page.locator("[data-contentpath=subtopics] [data-streamfield-list-add]").first.click()
    page.locator("#topics-0-value-subtopics-0-value").fill("Transport")


def fill_mandate_tab(page):
    open_tab(page, "Mandat og prosess")
    choose_in_modal(page, "id_mandate_body", "Utvalg for Samfunnstjenester")
    fill_date(page, "id_mandate_date", "01.02.2024")
    page.locator("#id_mandate_case_number").fill("0012/24")
    choose_in_modal(page, "id_processing_body", "Kommunestyret")


def fill_schedule_tab(page):
    open_tab(page, "Framdrift")
    for title, kind, starts_on, ends_on, precision in MILESTONES:
        prefix = add_inline(page, "milestones")
        page.locator(f"#{prefix}title").fill(title)
        page.locator(f"#{prefix}kind").select_option(label=kind)
        fill_date(page, f"{prefix}starts_on", starts_on)
        if ends_on:
            fill_date(page, f"{prefix}ends_on", ends_on)
        page.locator(f"#{prefix}precision").select_option(label=precision)
    # Formannskapet's decision of 17.11.2020 moved the last milestone from the first quarter.
    choose_in_modal(page, f"{prefix}moved_by", "Formannskapet")
    fill_date(page, f"{prefix}original_starts_on", "01.01.2025")


def fill_people_tab(page):
    open_tab(page, "Personer")
    for name, role in PEOPLE:
        prefix = add_inline(page, "people")
        choose_in_modal(page, f"{prefix}person", name)
        page.locator(f"#{prefix}role").select_option(label=role)


def fill_documents_tab(page, tmp_path):
    open_tab(page, "Dokumenter")
    pdf = tmp_path / "kunnskapsgrunnlag.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%test\n" * 50)
    upload_document(page, "id_knowledge_base_document", pdf, "Kunnskapsgrunnlag for testing")


def test_staff_member_creates_and_publishes_a_plan_in_the_admin(
    browser, site_url, settings, tmp_path
):
    from themeplans.models import ThemePlanIndexPage

    settings.MEDIA_ROOT = tmp_path / "media"  # the uploaded PDF stays out of the checkout
    # Wagtail 8 autosaves the form every 500 ms; the test database (SQLite in memory, shared
    # with the live server's threads) then fails a concurrent upload with "table is locked".
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    get_user_model().objects.create_superuser(USERNAME, "redaktor@example.no", PASSWORD)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, USERNAME, PASSWORD)

    index_id = ThemePlanIndexPage.objects.get().id
    page.goto(f"{site_url}/admin/pages/add/themeplans/themeplanpage/{index_id}/")
    fill_content_tab(page)
    screenshot_editor(page, "admin-plan-editor-innhold-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot_editor(page, "admin-plan-editor-innhold-375.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    fill_mandate_tab(page)
    screenshot_editor(page, "admin-plan-editor-mandat-1280.png")
    fill_schedule_tab(page)
    screenshot_editor(page, "admin-plan-editor-framdrift-1280.png")
    fill_people_tab(page)
    screenshot_editor(page, "admin-plan-editor-personer-1280.png")
    fill_documents_tab(page, tmp_path)
    screenshot_editor(page, "admin-plan-editor-dokumenter-1280.png")

    publish(page)
    expect(page.locator(".messages")).to_contain_text("Temaplan for testing")
    expect(page.locator(".messages")).to_contain_text("publisert")
    context.close()

    visitor = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = visitor.new_page()
    page.goto(site_url + "/temaplaner/")
    schedule = page.get_by_role("region", name="Tidsplan for temaplanene")
    expect(schedule).to_contain_text("Temaplan for testing")
    expect(schedule).to_contain_text("Vedtak i kommunestyret")
    card_link = page.get_by_role("link", name="Temaplan for testing")
    cards = page.get_by_role("region", name="Temaplanene")
    card = cards.get_by_role("article").filter(has=card_link)
    expect(card).to_be_visible()
    expect(card).to_contain_text("En plan som en redaktør lager i en nettlesertest.")

    card.get_by_role("link", name="Temaplan for testing").click()
    page.wait_for_url(site_url + "/temaplaner/temaplan-for-testing/")
    expect(page.locator("h1")).to_have_text("Temaplan for testing")
    main = page.locator("main")
    for text in ["0012/24", "Utvalg for Samfunnstjenester", "Klimagassutslipp", "Transport"]:
        expect(main.get_by_text(text).first).to_be_visible()
    for title, *_ in MILESTONES:
        expect(main.get_by_text(title, exact=True).first).to_be_visible()
    expect(main.get_by_text("Flyttet").first).to_be_visible()
    for name, role in PEOPLE:
        expect(main.get_by_text(name).first).to_be_visible()
        expect(main.get_by_text(role).first).to_be_visible()
    document_link = main.get_by_role("link", name=re.compile("Kunnskapsgrunnlag for testing"))
    expect(document_link).to_be_visible()
    visitor.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_citizen_reads_the_climate_plan_and_the_index(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    page = context.new_page()
    for name, path in [("climate-plan", CLIMATE_PLAN), ("plan-index", "/temaplaner/")]:
        page.goto(site_url + path)
        expect(page.locator("h1")).to_be_visible()
        assert axe_violations(page) == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        save_screenshot(page, f"{name}-{width}.png", full_page=True)
    context.close()


def test_table_of_contents_works_without_javascript(browser, site_url):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 800}, locale="nb-NO"
    )
    page = context.new_page()
    page.goto(site_url + CLIMATE_PLAN)

    contents = page.get_by_role("navigation", name="Innhold på siden")
    link = contents.get_by_role("link", name="Framdrift")
    target = link.get_attribute("href")
    assert target.startswith("#"), target
    link.click()
    page.wait_for_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()
    expect(page.locator(target)).to_have_text("Framdrift")
    context.close()
