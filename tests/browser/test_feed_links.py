"""The «Abonner» links on the theme plan index, at phone and desktop widths."""

import pytest

from tests.browser.screenshots import save_screenshot
from tests.browser.test_participation_pages import check, open_page


@pytest.mark.parametrize("width", [320, 1280])
def test_index_offers_rss_and_calendar(browser, site_url, width):
    page = open_page(browser, site_url + "/temaplaner/", width)
    section = page.get_by_role("region", name="Abonner")

    rss = section.get_by_role("link", name="Nyheter som RSS-feed")
    calendar = section.get_by_role("link", name="Kalender med milepæler og frister (iCalendar)")
    assert rss.get_attribute("href") == "/temaplaner/rss/"
    assert calendar.get_attribute("href") == "/temaplaner/kalender.ics"
    section.scroll_into_view_if_needed()
    save_screenshot(section, f"plan-index-abonner-{width}.png")
    check(page, width)
    page.context.close()
