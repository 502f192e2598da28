"""The pages that say «too many» or «too large»: the admin login lockout and the attachment limit,
in a real browser at phone and desktop widths, checked with axe and saved as screenshots."""

import pytest
from django.contrib.auth import get_user_model

from tests.browser.navigation import click_and_wait
from tests.browser.test_participation_pages import check, fill_in, open_page

PLAN = "/temaplaner/handling-mot-klimaendringene/"
FORM = PLAN + "innspill/"
WIDTHS = [320, 1280]
HALF_MB = 512 * 1024


def pdf(size):
    return {
        "name": "stort.pdf",
        "mimeType": "application/pdf",
        "buffer": b"%PDF-1.4\n" * (size // 9),
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_admin_login_locked_after_five_wrong_passwords(browser, site_url, settings, width):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    get_user_model().objects.create_superuser("redaktor", "r@asker.kommune.no", "riktig-passord-1")
    page = open_page(browser, site_url + "/admin/login/", width)
    for attempt in range(5):
        page.fill("#id_username", "redaktor")
        page.fill("#id_password", f"feil-{attempt}")
        click_and_wait(page, page.locator("button[type=submit]"))
    assert page.locator("h1").inner_text() == "For mange forsøk: vent 15 minutter"
    main = page.inner_text("main")
    assert "Innloggingen er sperret i 15 minutter" in main
    assert "kan en administrator oppheve sperren" in main
    check(page, width, "admin-innlogging-sperret")


@pytest.mark.parametrize("width", WIDTHS)
def test_an_attachment_over_the_limit_comes_back_with_the_text(browser, site_url, settings, width):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_MAX_ATTACHMENT_BYTES = HALF_MB  # the same code path, a smaller file
    page = open_page(browser, site_url + FORM, width)
    fill_in(page)
    page.set_input_files("#id_attachment", files=[pdf(HALF_MB + 200_000)])
    click_and_wait(page, page.get_by_role("button", name="Send innspill"))
    assert "Filen er for stor (over 0,5 MB)" in page.inner_text("main")
    assert "reparasjonskafé" in page.input_value("#id_text")
    check(page, width, "innspill-vedlegg-for-stort")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_body_far_over_the_limit_gets_the_413_page(browser, site_url, settings, width):
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_MAX_ATTACHMENT_BYTES = HALF_MB
    page = open_page(browser, site_url + FORM, width)
    fill_in(page)
    page.set_input_files("#id_attachment", files=[pdf(2 * 1024 * 1024)])
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Send innspill").click()
    assert posted.value.status == 413
    page.wait_for_load_state()
    assert "vedlegget er for stort" in page.locator("h1").inner_text()
    check(page, width, "innspill-for-stor-foresporsel")
