"""Following a plan by e-mail in the browser: the form, the confirm link and the unsubscribe link,
at phone and desktop widths, checked by axe and saved as screenshots (folg-*) when asked for."""

import re

import pytest
from django.core import mail

from tests.browser.navigation import click_and_wait, focused_id
from tests.browser.screenshots import save_screenshot
from tests.browser.test_participation_pages import PLAN, WIDTHS, check, open_page

FOLLOW = PLAN + "folg/"


@pytest.fixture
def site(site_url, settings):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT = 1000
    mail.outbox.clear()
    return site_url


def mailed_link(kind):
    found = re.search(rf"http://testserver(/folg/{kind}/[-\w]+/)", mail.outbox[-1].body)
    return found.group(1)


@pytest.mark.parametrize("width", WIDTHS)
def test_follow_confirm_and_leave(browser, site, width):
    page = open_page(browser, site + PLAN, width)
    section = page.locator("section[aria-labelledby=folg]")
    assert page.locator(".toc a[href='#folg']").count() == 1
    save_screenshot(section, f"folg-seksjon-{width}.png")
    click_and_wait(page, section.get_by_role("link", name="Følg planen på e-post"))
    assert page.locator("h1").inner_text() == "Følg planen"
    email = page.get_by_label("E-postadressen din (må fylles ut)")
    assert email.bounding_box()["height"] >= 44
    assert page.get_by_role("heading", name="Slik behandler vi e-postadressen din").is_visible()
    check(page, width, "folg-skjema")

    email.fill("kari")
    click_and_wait(page, page.get_by_role("button", name="Følg planen"))
    assert focused_id(page, "feiloppsummering") == "feiloppsummering"
    assert email.get_attribute("aria-invalid") == "true"
    check(page, width, "folg-feil")

    email.fill(f"kari{width}@example.no")
    click_and_wait(page, page.get_by_role("button", name="Følg planen"))
    assert page.locator("h1").inner_text() == "Sjekk e-posten din"
    assert page.get_by_text(f"kari{width}@example.no").is_visible()
    check(page, width, "folg-sjekk-epost")

    page.goto(site + mailed_link("bekreft"))
    assert page.locator("h1").inner_text() == "Bekreft at du vil følge planen"
    check(page, width, "folg-bekreft")
    click_and_wait(page, page.get_by_role("button", name="Bekreft og følg planen"))
    assert page.locator("h1").inner_text() == "Nå følger du planen"
    check(page, width, "folg-bekreftet")

    page.goto(site + mailed_link("avslutt"))
    assert page.locator("h1").inner_text() == "Slutt å følge planen"
    check(page, width, "folg-avslutt")
    click_and_wait(page, page.get_by_role("button", name="Slutt å følge planen"))
    assert page.locator("h1").inner_text() == "Du følger ikke lenger planen"
    check(page, width, "folg-avsluttet")

    page.goto(site + mailed_link("avslutt"))  # the link again, once used
    assert page.locator("h1").inner_text() == "Lenken virker ikke"
    check(page, width, "folg-ugyldig-lenke")
    page.context.close()
