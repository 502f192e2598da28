"""Following every plan from the index in the browser, and the plan page with a round's summary
and hearing documents: axe-clean at phone and desktop widths, screenshots when asked for."""

import re

import pytest
from django.core import mail

from tests.browser.navigation import click_and_wait
from tests.browser.test_participation_pages import WIDTHS, check, open_page

INDEX = "/temaplaner/"
WATER = "/temaplaner/vann-og-vannmiljo/"


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
def test_a_citizen_follows_all_plans_from_the_index(browser, site, width):
    page = open_page(browser, site + INDEX, width)
    section = page.locator("section.follow-all")
    click_and_wait(page, section.get_by_role("link", name="Følg alle planene på e-post"))
    assert page.locator("h1").inner_text() == "Følg alle planene"
    check(page, width, "folg-alle-skjema")

    page.get_by_label("Bare når en innspillsrunde åpner, på hvilken som helst plan").check()
    page.get_by_label("E-postadressen din (må fylles ut)").fill(f"alle{width}@example.no")
    click_and_wait(page, page.get_by_role("button", name="Følg alle planene"))
    assert page.locator("h1").inner_text() == "Sjekk e-posten din"
    check(page, width)

    page.goto(site + mailed_link("bekreft"))
    assert page.locator("h1").inner_text() == "Bekreft at du vil følge alle planene"
    click_and_wait(page, page.get_by_role("button", name="Bekreft og følg alle planene"))
    assert page.locator("h1").inner_text() == "Nå følger du alle planene"
    assert page.get_by_text("når en innspillsrunde åpner på en av temaplanene").is_visible()
    check(page, width, "folg-alle-bekreftet")

    page.goto(site + mailed_link("avslutt"))
    click_and_wait(page, page.get_by_role("button", name="Slutt å følge planene"))
    assert page.locator("h1").inner_text() == "Du følger ikke lenger planene"
    check(page, width)
    page.context.close()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_plan_page_shows_the_summary_and_the_hearing_documents(browser, site, width):
    page = open_page(browser, site + WATER, width)
    summary = page.locator("section.round-summary")
    assert summary.get_by_role(
        "heading", name="Hva vi fikk inn og hva vi gjør med det"
    ).is_visible()
    assert summary.get_by_text("4 innspill kom inn.").is_visible()
    documents = page.locator(".round-documents")
    assert documents.get_by_role("link", name="Temaplan for vann og vannmiljø, utkast (demo)")
    check(page, width, "plan-oppsummering-dokumenter")
    page.context.close()
