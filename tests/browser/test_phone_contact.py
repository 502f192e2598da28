"""A citizen on a 375 px phone: a compact alert banner, the privacy text folded under a short
summary (a native <details>, so it opens without JavaScript), the first field soon after, and a
chosen file kept after an error. Then the plan pages' contact routes and the footer at 375 and
1280 px, axe-clean, saved for review (SCREENSHOTS=1)."""

import re

import pytest
from playwright.sync_api import expect

from participation.models import Submission
from tests.browser.axe import axe_violations
from tests.browser.navigation import click_and_wait
from tests.browser.screenshots import save_screenshot

FORM = "/temaplaner/handling-mot-klimaendringene/innspill/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"
# Measured at 375 px with the demo's bilingual corona notice shown: 294 px and the first
# field at 3,134 px before this change, 197 and 2,326 px after; room for font differences.
BANNER_MAX_PX = 210
FIRST_FIELD_MAX_PX = 2400


def show_banner():
    from asker.models import AlertBanner
    from asker.site_frame import clear_site_frame

    AlertBanner.objects.update(ends_at=None)
    clear_site_frame()


@pytest.mark.parametrize("javascript", [True, False], ids=["med-js", "uten-js"])
def test_a_citizen_on_a_phone_sends_input_and_keeps_the_file_after_an_error(
    browser, site, javascript
):
    show_banner()
    context = browser.new_context(
        viewport={"width": 375, "height": 812}, locale="nb-NO", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(site + FORM)

    banner = page.locator(".alert-banner")
    expect(banner).to_contain_text("Oppdatert informasjon om koronaviruset.")
    assert banner.bounding_box()["height"] <= BANNER_MAX_PX

    expect(page.get_by_text("Innspill er offentlige.")).to_be_visible()
    facts = page.locator(".privacy-notice__facts")
    expect(facts).to_be_hidden()
    more = page.locator("summary", has_text="Les mer")
    expect(more).to_be_visible()
    first_field = page.locator("#id_name")
    top = first_field.evaluate("e => e.getBoundingClientRect().top + window.scrollY")
    print(f"\n375 px: banner {banner.bounding_box()['height']:.0f} px, first field at {top:.0f} px")
    assert top <= FIRST_FIELD_MAX_PX
    if javascript:
        assert axe_violations(page) == []
        save_screenshot(page, "innspill-skjema-375.png", full_page=True)
    more.click()
    expect(facts).to_be_visible()  # the browser's own <details>, with or without JavaScript
    expect(page.get_by_text("Dine rettigheter", exact=True)).to_be_visible()

    # Everything but the name, with a file: the error, and the file is kept.
    page.fill("#id_email", "innbygger@example.no")
    page.check("#id_category_0")
    page.fill("#id_text", "Flere sykkelparkeringer ved stasjonen.")
    page.set_input_files(
        "#id_attachment",
        files=[{"name": "Forslag fra laget.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.check("#id_publication_1")
    page.check("#id_privacy")
    click_and_wait(page, page.locator("form.participation-form [type=submit]"))

    summary = page.locator(".error-summary")
    expect(summary).to_contain_text("Skriv navnet ditt.")
    kept = page.locator(".kept-attachment")
    expect(kept).to_contain_text("Vi har tatt vare på vedlegget Forslag fra laget.pdf")
    if javascript:
        assert axe_violations(page) == []
        save_screenshot(page, "innspill-vedlegg-beholdt-375.png", full_page=True)

    page.fill("#id_name", "Kari Testesen")
    page.check("#id_privacy")  # a checkbox is not ticked again after an error
    click_and_wait(page, page.locator("form.participation-form [type=submit]"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Takk! Vi har mottatt innspillet ditt"
    )
    submission = Submission.objects.get(name="Kari Testesen")
    assert submission.attachment_name == "Forslag_fra_laget.pdf"
    assert submission.attachment.read() == PDF
    context.close()


PAGES = [
    ("temaplan-kultur", "/temaplaner/kultur/"),
    ("temaplan-verksted", "/temaplaner/naturmangfold/"),
    ("temaplan-klima", "/temaplaner/handling-mot-klimaendringene/"),
    ("innspill-skjema", FORM),
]


@pytest.mark.parametrize("width", [375, 1280])
def test_contact_routes_and_the_footer_at_phone_and_desktop_width(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    page = context.new_page()

    page.goto(site + "/temaplaner/kultur/")
    empty = page.locator(".plan-empty-state")
    expect(empty).to_contain_text("Arbeidet med planen har ikke startet ennå.")
    expect(empty.get_by_role("link", name="postmottak@asker.kommune.no")).to_be_visible()

    page.goto(site + "/temaplaner/naturmangfold/")
    expect(page.locator(".milestones__date")).to_contain_text("kl. 18.00–20.00")
    expect(page.locator(".milestones__date")).to_contain_text("Asker kulturhus")
    expect(page.get_by_role("link", name=re.compile("^Meld deg på"))).to_be_visible()

    footer = page.locator(".site-footer__contact")
    expect(footer.get_by_role("link", name="66 90 90 00")).to_have_attribute("href", "tel:66909000")
    expect(footer.get_by_role("link", name="Kontakt oss")).to_be_visible()
    save_screenshot(footer.locator(".."), f"bunntekst-{width}.png")

    for name, path in PAGES:
        page.goto(site + path)
        assert axe_violations(page) == [], name
        assert page.evaluate("document.documentElement.scrollWidth") <= width, name
        if not (name == "innspill-skjema" and width == 375):  # saved by the journey above
            save_screenshot(page, f"{name}-{width}.png", full_page=True)
    context.close()
