"""The statistics screen as a moderator sees it, at desktop and phone widths, with a screenshot
of each."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from participation.models import ParticipationRound
from tests.browser.admin_helpers import log_in, screenshot_editor
from tests.browser.test_moderation_admin import PASSWORD, USERNAME, make_moderator
from tests.participation.conftest import make_submission
from themeplans.models import ThemePlanPage

STATISTICS = "/admin/innspillsstatistikk/"


def add_hearing_with_input():
    """A second plan with input, so the chart compares plans as it would in use."""
    plan = ThemePlanPage.objects.get(slug="vann-og-vannmiljo")
    now = timezone.now()
    hearing = ParticipationRound.objects.create(
        page=plan,
        title="Høring av planforslaget",
        kind="hearing",
        opens_at=now - timedelta(days=50),
        closes_at=now - timedelta(days=2),
    )
    for category, state, count in [
        ("private", "published", 9),
        ("association", "published", 4),
        ("business", "declined", 2),
        ("public", "received", 3),
        ("private", "withdrawn", 1),
    ]:
        for _ in range(count):
            make_submission(hearing, category=category, state=state)
    return plan


def test_statistics_screen(browser, site_url):
    make_moderator()
    water = add_hearing_with_input()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, site_url, USERNAME, PASSWORD)

    # From the «Innspill» menu.
    page.get_by_role("button", name="Innspill").click()
    page.get_by_role("link", name="Statistikk").click()
    expect(page.get_by_role("heading", name="Statistikk for innspill")).to_be_visible()
    chart = page.get_by_role("img", name="Innspill per plan, etter status")
    expect(chart).to_be_visible()
    # The eleven demo inputs (seven on the climate plan, four on the water plan) and nineteen here.
    expect(page.locator("[data-total]")).to_have_text("30")
    screenshot_editor(page, "admin-innspill-statistikk-1280.png")

    # Choosing a plan shows its rounds in the chart; a bad date is explained.
    page.get_by_label("Plan", exact=True).select_option(label=water.title)
    page.get_by_role("button", name="Vis tall").click()
    expect(page.get_by_role("img", name="Innspill per runde, etter status")).to_be_visible()
    expect(page.locator("[data-total]")).to_have_text("23")  # with the water plan's demo input
    # (The date picker clears what is not a date; a typed address can still hold one.)
    page.goto(f"{site_url}{STATISTICS}?from_date=32.13.2026")
    expect(page.get_by_text("Skriv datoen som dd.mm.åååå")).to_be_visible()

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + STATISTICS)
    expect(page.get_by_role("img", name="Innspill per plan, etter status")).to_be_visible()
    # The chart fits the phone's width; the tables scroll sideways inside their own box.
    box = page.get_by_role("img", name="Innspill per plan, etter status").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    screenshot_editor(page, "admin-innspill-statistikk-375.png")
    assert errors == []
    context.close()
