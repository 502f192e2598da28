"""The site frame in a real browser: accessible at phone and desktop widths, fine without JS."""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.navigation import click_and_wait
from tests.browser.screenshots import save_screenshot

PAGES = [
    ("home", "/", "Temaplaner i Asker kommune"),
    ("theme-plan-index", "/temaplaner/", "Temaplaner for Asker kommune"),
    ("not-found", "/finnes-ikke/", "Vi fant ikke siden"),
]


@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize(("name", "path", "heading"), PAGES, ids=[p[0] for p in PAGES])
def test_page_has_no_axe_violations_and_no_horizontal_scroll(
    browser, site_url, name, path, heading, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    page = context.new_page()
    page.goto(site_url + path)

    assert page.locator("h1").inner_text() == heading
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    save_screenshot(page, f"{name}-{width}.png", full_page=True)
    context.close()


def test_home_page_works_with_javascript_disabled(browser, site_url):
    from asker.models import AlertBanner
    from asker.site_frame import clear_site_frame

    AlertBanner.objects.update(ends_at=None)  # the demo's notice ended in 2021: show it again
    clear_site_frame()
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/")

    assert page.get_by_text("Oppdatert informasjon om koronaviruset.").is_visible()
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hopp til hovedinnholdet")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hovedinnhold"

    menu = page.get_by_role("navigation", name="Hovedmeny")
    click_and_wait(page, menu.get_by_role("link", name="Temaplaner for Asker kommune"))
    assert page.url == site_url + "/temaplaner/"
    assert page.locator("h1").inner_text() == "Temaplaner for Asker kommune"
    context.close()
