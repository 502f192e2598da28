"""One stylesheet per page in a real browser: the page asks for css/bundle.css (and print.css
for printing) and nothing it would discover through an @import, and is drawn by it."""

import pytest

from tests.browser.screenshots import save_screenshot

PLAN = "/temaplaner/handling-mot-klimaendringene/"


@pytest.mark.parametrize("width", [375, 1280])
def test_the_page_loads_one_stylesheet_and_is_styled_by_it(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    page = context.new_page()
    sheets = []
    page.on(
        "request",
        lambda request: request.resource_type == "stylesheet" and sheets.append(request.url),
    )
    page.goto(site_url + PLAN)
    page.wait_for_load_state("networkidle")

    names = sorted(url.rsplit("/", 1)[1] for url in sheets)
    assert names == ["bundle.css", "print.css"]
    # The components' rules apply: the skip link is moved off screen and the header is laid out.
    skip = page.locator(".skip-link").first.bounding_box()
    assert skip is None or skip["y"] < 0 or skip["x"] < 0
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Times" not in font and font != "serif"
    save_screenshot(page, f"bundle-plan-{width}.png", full_page=True)
    context.close()
