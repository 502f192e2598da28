"""A moderator redacts a name out of an input and publishes it; the plan's page shows the public
version with a note, never the name; and the sender of input kept private reads what became
of it. Screenshots of the edit view, the public view and the sender's page."""

from django.core.files.base import ContentFile
from playwright.sync_api import expect

from participation import links, services
from participation.models import Submission
from tests.browser.admin_helpers import log_in, screenshot_editor
from tests.browser.axe import axe_violations
from tests.browser.screenshots import save_screenshot
from tests.browser.test_moderation_admin import PASSWORD, USERNAME, make_moderator

NAME = "Kari Naboen i Hemmelighetsbergveien 12"


def test_moderator_redacts_and_publishes(browser, site_url):
    make_moderator()
    ola = Submission.objects.get(name="Ola Nordmann")
    ola.text = f"{NAME} brenner hageavfall hver helg. Vi trenger en gjenbruksstasjon på Nesbru."
    ola.attachment.save("vedlegg", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    ola.attachment_name, ola.attachment_type = "kart.pdf", "application/pdf"
    ola.save()
    public = "[sladdet] brenner hageavfall hver helg. Vi trenger en gjenbruksstasjon på Nesbru."

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, USERNAME, PASSWORD)
    page.goto(f"{site_url}/admin/innspill/edit/{ola.pk}/")
    text = page.get_by_label("Publisert versjon av teksten")
    expect(text).to_have_value(ola.text)  # starts as sent, edited where it stands
    text.fill(public)
    page.get_by_label("Ikke publiser vedlegget").check()
    assert axe_violations(page) == []
    screenshot_editor(page, "admin-redaction-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot_editor(page, "admin-redaction-375.png")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_label("Publisert – vises på planens side").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text(f"Innspillet {ola.reference} er lagret og publisert.")).to_be_visible()

    page.goto(f"{site_url}{ola.round.page.url}innspill/publiserte/")
    item = page.locator(f"article:has(#innspill-{ola.reference})")
    expect(item).to_contain_text(public)
    expect(item).to_contain_text("Kommunen har forkortet eller sladdet innspillet")
    expect(item).to_contain_text("Vedlegget er ikke publisert.")
    expect(page.locator("main")).not_to_contain_text("Hemmelighetsbergveien")
    assert axe_violations(page) == []
    save_screenshot(item, "redaction-public-1280.png")
    page.set_viewport_size({"width": 375, "height": 800})
    save_screenshot(item, "redaction-public-375.png")

    # Input kept private at the sender's wish: the sender's page says what happened to it.
    dahl = Submission.objects.get(name="Nils Dahl")
    services.handle_privately(dahl)
    page.goto(f"{site_url}{links.private_path(dahl)}")
    status = page.locator(".submission-status")
    expect(status).to_contain_text("Status: behandlet, ikke publisert etter ønske")
    expect(status).to_contain_text("Innspillet ditt er lest og tatt med i arbeidet.")
    save_screenshot(status, "private-handled-375.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    save_screenshot(status, "private-handled-1280.png")
    page.goto(f"{site_url}/admin/innspillsstatistikk/")
    screenshot_editor(page, "admin-statistics-states-1280.png")
