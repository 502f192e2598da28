"""Staff turn the alert banner off in the Wagtail admin and the public page follows."""

from django.contrib.auth import get_user_model

from tests.browser.screenshots import save_screenshot


def test_editor_switches_off_the_alert_banner_in_the_admin(browser, site_url):
    from asker.models import AlertBanner
    from asker.site_frame import clear_site_frame

    AlertBanner.objects.update(ends_at=None)  # the demo's notice ended in 2021: show it again
    clear_site_frame()
    get_user_model().objects.create_superuser(
        "redaktor", "redaktor@example.no", "langt-og-trygt-passord"
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()

    page.goto(site_url + "/admin/login/")
    page.fill("input[name=username]", "redaktor")
    page.fill("input[name=password]", "langt-og-trygt-passord")
    save_screenshot(page, "admin-login-1280.png")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(site_url + "/admin/")
    page.goto(site_url + "/admin/settings/asker/alertbanner/")
    save_screenshot(page, "admin-alert-banner-1280.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})
    save_screenshot(page, "admin-alert-banner-375.png", full_page=True)
    shown = context.new_page()
    shown.goto(site_url + "/")
    assert shown.get_by_text("Oppdatert informasjon om koronaviruset.").count() == 1
    page.get_by_role("checkbox", name="Vis varselet").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Lagre").click()
    assert "oppdatert" in page.locator(".messages").inner_text()

    public = context.new_page()
    public.goto(site_url + "/")
    assert public.get_by_text("Oppdatert informasjon om koronaviruset.").count() == 0
    context.close()
