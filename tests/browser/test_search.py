"""The site search as a visitor uses it: from the header link to a plan, at phone and desktop
widths, checked with axe and saved as screenshots (sok-*.png) when asked for."""

import pytest

from tests.browser.test_participation_pages import PLAN, WIDTHS, check, open_page


@pytest.mark.parametrize("width", WIDTHS)
def test_searching_for_a_topic_leads_to_the_climate_plan(browser, site_url, width):
    page = open_page(browser, site_url + "/", width)
    page.get_by_role("banner").get_by_role("link", name="Søk").click()
    page.wait_for_url("**/sok/")
    assert page.title() == "Søk – Asker kommune"
    check(page, width, "sok-tom")

    page.get_by_label("Hva leter du etter?").fill("sirkulærøkonomi")
    page.get_by_role("search").get_by_role("button", name="Søk").click()
    page.wait_for_url("**/sok/?q=*")
    assert page.get_by_role("heading", level=2).first.inner_text() == "2 treff på «sirkulærøkonomi»"
    assert page.get_by_label("Hva leter du etter?").input_value() == "sirkulærøkonomi"
    assert page.locator(".search-result mark").first.inner_text() == "Sirkulærøkonomi"
    check(page, width, "sok-treff")

    page.get_by_role("link", name="Temaplan for handling mot klimaendringene", exact=True).click()
    page.wait_for_url(f"**{PLAN}")
    assert page.locator("h1").inner_text() == "Temaplan for handling mot klimaendringene"
    page.context.close()  # no request may reach the live server after the test


@pytest.mark.parametrize("width", WIDTHS)
def test_no_hits_suggest_the_plans(browser, site_url, width):
    page = open_page(browser, site_url + "/sok/?q=zqxvw&type=innspill", width)
    assert page.get_by_text("Vi fant ingenting som passer til «zqxvw».").is_visible()
    assert page.get_by_role("heading", name="Alle temaplanene").is_visible()
    check(page, width, "sok-ingen-treff")
    page.context.close()


def test_filters_and_search_work_without_javascript(browser, site_url):
    page = open_page(browser, site_url + "/sok/", 320, javascript=False)
    page.get_by_label("Hva leter du etter?").fill("sirkulærøkonomi")
    page.get_by_label("Hva leter du etter?").press("Enter")
    page.wait_for_url("**/sok/?q=*")
    page.get_by_role("link", name="Innspill (1)").click()
    page.wait_for_url("**type=innspill")
    assert page.locator(".search-result").count() == 1
    assert page.locator(".search-result__meta").inner_text().startswith("Innspill")
    page.context.close()
