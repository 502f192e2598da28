"""The moderator's desk in one journey: from the dashboard's «nye innspill» to the listing,
take an input and tag it, «Lagre og gå til neste», then find it under «Mine»."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from participation.models import ParticipationRound, Submission
from tests.browser.admin_helpers import log_in, screenshot_editor
from tests.browser.test_moderation_admin import PASSWORD, USERNAME, make_moderator
from tests.participation.conftest import make_submission


def test_moderator_works_through_new_input(browser, site_url):
    make_moderator()
    demo_round = ParticipationRound.objects.get(title__startswith="Demo")
    for minutes, text in [(30, "Flere benker langs turveien."), (40, "Lys i undergangen.")]:
        make_submission(
            demo_round,
            text=text,
            received_at=timezone.now() - timedelta(minutes=minutes),
        )
    first = Submission.objects.filter(round=demo_round, state="received").first()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, USERNAME, PASSWORD)

    panel = page.get_by_role("region", name="Innspill som venter")
    expect(panel).to_contain_text("Innspill som venter")
    screenshot_editor(page, "admin-dashboard-1280.png")
    panel.get_by_role("link", name=re.compile(r"^3 nye innspill i Demo")).click()
    expect(page).to_have_url(re.compile(r"state=received"))
    expect(page.locator("table.listing > tbody > tr")).to_have_count(3)
    expect(page.get_by_text("Flere benker langs turveien.")).to_be_visible()

    page.get_by_role("link", name=first.reference).click()
    page.get_by_label("Saksbehandler", exact=True).select_option(label="Mona Moderator")
    page.get_by_label("Nye stikkord").fill("Friluftsliv")
    screenshot_editor(page, "admin-input-edit-1280.png")
    page.locator("footer").get_by_role("button", name="Flere handlinger").click()
    page.get_by_role("button", name="Lagre og gå til neste").click()
    expect(page.get_by_text(f"Innspillet {first.reference} er lagret.")).to_be_visible()
    assert not page.url.endswith(f"/edit/{first.pk}/")
    expect(page.get_by_role("checkbox", name="Friluftsliv")).not_to_be_checked()

    page.goto(site_url + "/admin/innspill/")
    page.get_by_role("button", name="Vis filtre").click()
    page.get_by_role("button", name="Saksbehandler", exact=True).click()  # the drill-down
    page.get_by_label("Saksbehandler", exact=True).select_option(label="Mine")
    expect(page).to_have_url(re.compile(r"assigned=mine"))
    expect(page.locator("table.listing > tbody > tr")).to_have_count(1)
    expect(page.get_by_role("link", name=first.reference)).to_be_visible()
    expect(page.locator("table.listing > tbody")).to_contain_text("Mona Moderator")

    page.goto(site_url + f"/admin/innspill/?round={demo_round.pk}&state=received")
    screenshot_editor(page, "admin-input-list-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site_url + "/admin/")
    expect(panel).to_be_visible()
    screenshot_editor(page, "admin-dashboard-375.png")
    page.goto(site_url + f"/admin/innspill/?round={demo_round.pk}&state=received")
    screenshot_editor(page, "admin-input-list-375.png")
    page.goto(site_url + f"/admin/innspill/edit/{first.pk}/")
    expect(page.get_by_role("checkbox", name="Friluftsliv")).to_be_checked()
    screenshot_editor(page, "admin-input-edit-375.png")
    context.close()
