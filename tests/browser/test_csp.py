"""The Content-Security-Policy in a real browser: no page breaks it, public or admin.

Chromium reports every blocked script, style, image, connection or frame as a
`securitypolicyviolation` event in the page (and a console error); both are collected.
"""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from participation import links
from participation.models import ParticipationRound
from tests.browser.admin_helpers import log_in, open_chooser, open_tab
from tests.browser.screenshots import DOCS_SCREENSHOTS
from tests.participation.conftest import make_submission
from themeplans.models import ThemePlanIndexPage, ThemePlanPage
from themeplans.schedule import STEP

PLAN = "/temaplaner/handling-mot-klimaendringene/"
PUBLIC = [
    ("home", "/"),
    ("index", "/temaplaner/"),
    ("plan", PLAN),
    ("form", PLAN + "innspill/"),
    ("published", PLAN + "innspill/publiserte/"),
    ("follow", PLAN + "folg/"),
    ("search", "/sok/?q=klima"),
    ("not-found", "/finnes-ikke/"),
]
REPORT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} blocked ${event.blockedURI || "inline"} in ${location.pathname}`
    );
}, true);
"""


def watched_page(browser, width=1280):
    """A page whose CSP violations end up in the returned list, from events and console."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    return page, violations


def collect(page, violations):
    """Violations reported by the current document, added to those from the console."""
    try:
        page.wait_for_load_state("networkidle", timeout=15_000)
    except PlaywrightTimeoutError:
        # The editor's live preview may keep asking for updates on a loaded machine, so the
        # network never rests; what the page loaded has reported its violations by now.
        page.wait_for_load_state("load")
    for frame in page.frames:
        violations.extend(frame.evaluate("window.__cspViolations || []"))
    return violations


def test_no_public_page_breaks_the_policy(browser, site_url):
    demo_round = ParticipationRound.objects.get(
        page__slug="handling-mot-klimaendringene", title__startswith="Demo"
    )
    private = links.private_path(make_submission(demo_round))
    page, violations = watched_page(browser)

    for _name, path in [*PUBLIC, ("private", private)]:
        response = page.goto(site_url + path)
        # One static policy, no nonce: a cached copy of the page holds for every visitor.
        policy = response.headers["content-security-policy"].split("; ")
        assert {"script-src 'self'", "style-src 'self'"} <= set(policy), path
        assert not any("nonce-" in directive for directive in policy), path
        collect(page, violations)

    assert violations == []
    page.context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_timeline_is_drawn_from_its_position_classes(browser, site_url, width):
    """Bars and year columns sit where themeplans.schedule put them, drawn by the static
    stylesheet's position classes: no <style> element, no style attribute, no nonce."""
    page, violations = watched_page(browser, width)
    page.goto(site_url + "/temaplaner/")

    assert page.locator("#tidslinje style, #tidslinje [style]").count() == 0
    track = page.locator(".timeline__row .timeline__track").first.bounding_box()
    items = page.locator(".timeline__row").first.locator(".timeline__item")
    lefts = [
        int(re.search(r"\btl-l-(\d+)\b", items.nth(i).get_attribute("class")).group(1)) * STEP
        for i in range(items.count())
    ]
    assert len(lefts) > 1 and len(set(lefts)) > 1
    for index, left in enumerate(lefts):
        box = items.nth(index).locator(".timeline__bar").bounding_box()
        assert box["x"] == pytest.approx(track["x"] + track["width"] * left / 100, abs=1)
    # The open demo round is drawn in its own lane, as a bar of its own.
    assert (
        page.locator(".timeline__item--round-open .timeline__bar").first.bounding_box()["width"] > 0
    )
    years = page.locator(".timeline__year")
    assert years.nth(1).bounding_box()["x"] > years.nth(0).bounding_box()["x"] + 20
    assert collect(page, violations) == []
    page.context.close()


def test_the_admin_works_within_its_policy(browser, site_url, settings, tmp_path):
    """Editor, live preview, choosers, image upload and the userbar on a public page."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.MEDIA_ROOT = tmp_path  # the uploaded image
    get_user_model().objects.create_superuser("csp", "csp@asker.kommune.no", "langt-og-trygt")
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    index = ThemePlanIndexPage.objects.get()
    page, violations = watched_page(browser)
    log_in(page, site_url, "csp", "langt-og-trygt")
    collect(page, violations)

    for path in [
        "/admin/pages/",
        f"/admin/pages/{index.pk}/",
        "/admin/innspill/",
        "/admin/users/",
        "/admin/documents/multiple/add/",
    ]:
        page.goto(site_url + path)
        collect(page, violations)

    page.goto(site_url + f"/admin/pages/add/themeplans/themeplanpage/{index.pk}/")
    open_tab(page, "Mandat og prosess")
    open_chooser(page, "id_mandate_body")  # the modal's content comes over the network
    collect(page, violations)

    page.goto(site_url + f"/admin/pages/{plan.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(plan.title, timeout=20_000)
    collect(page, violations)

    page.goto(site_url + "/admin/images/multiple/add/")
    page.locator("input[type=file]").first.set_input_files(DOCS_SCREENSHOTS / "home-320.png")
    expect(page.get_by_text("Opplasting vellykket")).to_be_visible(timeout=20_000)
    collect(page, violations)

    page.goto(site_url + PLAN)
    page.locator("wagtail-userbar").locator("#wagtail-userbar-trigger").click()
    collect(page, violations)

    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
    page.context.close()
