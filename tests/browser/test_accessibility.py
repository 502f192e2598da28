"""Every public page type checked by axe-core (WCAG 2.0/2.1 A and AA) at 320 and 1280 px.

This is the one complete list of the public page types (PAGE_TYPES); test_reflow.py and the
screenshots use it too. Each page type is one test, checked at both widths in the same browser
page (resized), so a failure names the page and lists the violations per width.

With SCREENSHOTS set in the environment (tests/browser/screenshots.py), each page type is also
saved at 320 px as 320-<page>.png.
"""

import pytest

from tests.browser.axe import axe_violations
from tests.browser.navigation import click_and_wait
from tests.browser.screenshots import save_screenshot

WIDTHS = [320, 1280]
PLAN = "/temaplaner/handling-mot-klimaendringene/"
FORM = PLAN + "innspill/"
PLANS = [
    "handling-mot-klimaendringene",
    "kultur",
    "fysisk-aktivitet",
    "medborgerskap",
    "vann-og-vannmiljo",
    "naering",
    "naturmangfold",
]
LEGAL = ["tilgjengelighetserklaering", "personvern", "informasjonskapsler"]


def _content_page_fields():
    """An editor's content page with the shared text blocks (images are checked elsewhere)."""
    from wagtail.rich_text import RichText

    link = {"title": "Planstrategi", "page": None, "document": None, "description": ""}
    return {
        "lead": "Slik arbeider kommunen med temaplaner.",
        "body": [
            ("heading", {"text": "Bakgrunn", "level": "h2"}),
            ("paragraph", RichText("<p>Temaplaner har et 12-årsperspektiv.</p>")),
            (
                "links",
                {"heading": "Lenker", "links": [{**link, "url": "https://asker.kommune.no/"}]},
            ),
            ("fact_box", {"heading": "Visste du?", "text": RichText("<p>Hvert fjerde år.</p>")}),
            (
                "accordion",
                {
                    "heading": "",
                    "items": [
                        {"heading": "Hva er medvirkning?", "text": RichText("<p>Innspill.</p>")}
                    ],
                },
            ),
        ],
    }


def _private_path():
    from participation.models import Submission

    submission = Submission.objects.get(name="Kari Nordmann")
    return f"{FORM}mitt/{submission.token}/"


def _post_empty(page):
    """The form's error state: the empty form sent."""
    click_and_wait(page, page.locator("form.participation-form [type=submit]"))


def _post_valid(page):
    """The receipt: the form filled in by field id (the labels change with the language)."""
    page.fill("#id_name", "Eva Eksempel")
    page.fill("#id_email", "eva@example.no")
    page.check("#id_category_0")
    page.fill("#id_text", "Kommunen bør gjøre det enklere å reparere ting.")
    page.check("#id_publication_1")
    page.check("#id_privacy")
    click_and_wait(page, page.locator("form.participation-form [type=submit]"))


def _home_with_banner():
    """The home page with the alert banner showing (the demo's notice ended in 2021)."""
    from asker.models import AlertBanner
    from asker.site_frame import clear_site_frame

    AlertBanner.objects.update(ends_at=None)
    clear_site_frame()
    return "/"


def _post_with_file_and_error(page):
    """The form sent with a file and without a name: the file is kept for the next post."""
    page.set_input_files(
        "#id_attachment",
        files=[{"name": "forslag.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}],
    )
    click_and_wait(page, page.locator("form.participation-form [type=submit]"))


MINIMAL_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"

# (test id, address or a function returning it, what to do once there or None)
PAGE_TYPES = [
    ("home", "/", None),
    ("index", "/temaplaner/", None),
    *[(f"plan-{slug}", f"/temaplaner/{slug}/", None) for slug in PLANS],
    ("form", FORM, None),
    ("form-errors", FORM, _post_empty),
    ("form-kept-file", FORM, _post_with_file_and_error),
    ("home-banner", _home_with_banner, None),
    ("receipt", FORM, _post_valid),
    ("private-link", _private_path, None),
    ("published-input", FORM + "publiserte/", None),
    ("closed-round", "/temaplaner/kultur/innspill/", None),
    ("search-empty", "/sok/", None),
    ("search-hits", "/sok/?q=sirkulærøkonomi", None),
    ("search-no-hits", "/sok/?q=zqxvw", None),
    *[(f"legal-{slug}", f"/{slug}/", None) for slug in LEGAL],
    ("follow", PLAN + "folg/", None),
    ("not-found", "/finnes-ikke/", None),
    ("en-home", "/en/", None),
    ("en-plan", "/en" + PLAN, None),
    ("en-form", "/en" + FORM, None),
    ("en-form-errors", "/en" + FORM, _post_empty),
    *[(f"en-legal-{slug}", f"/en/{slug}/", None) for slug in LEGAL],
]
PAGE_IDS = [name for name, _path, _action in PAGE_TYPES]
# Saved at 320 px (320-<page>.png) when screenshots are asked for; one plan stands for all.
SCREENSHOT_PAGES = {
    name for name in PAGE_IDS if not name.startswith("plan-") or name == "plan-" + PLANS[0]
}


def open_page_type(browser, site, name, width, **context_options):
    """A new page at `width` showing the page type `name` (after any post it needs)."""
    _name, path, action = PAGE_TYPES[PAGE_IDS.index(name)]
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nb-NO", **context_options
    )
    page = context.new_page()
    response = page.goto(site + (path() if callable(path) else path))
    # A page type that 404s would pass axe as the 404 page: each must be found, in either language.
    assert response.status == (404 if name == "not-found" else 200), f"{name}: {response.status}"
    if action:
        action(page)
    return page


def violations_at_widths(page, name):
    """{width: axe violations} for the page at each width, the first one as opened."""
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if width == 320 and name in SCREENSHOT_PAGES:
            save_screenshot(page, f"320-{name}.png", full_page=True)
        found[width] = axe_violations(page)
    return {width: lines for width, lines in found.items() if lines}


def assert_found(page):
    """A page type that should exist: not the 404 page unless it is the one under test."""
    assert page.locator("h1").count() == 1, page.url


@pytest.mark.parametrize("name", PAGE_IDS)
def test_page_type_has_no_axe_violations(browser, site, name):
    page = open_page_type(browser, site, name, WIDTHS[0])
    assert_found(page)
    if name != "not-found":
        assert page.title() and "Vi fant ikke siden" not in page.title(), f"{name}: 404"
    assert violations_at_widths(page, name) == {}
    page.context.close()


def test_every_content_page_has_no_axe_violations(browser, site):
    """Content pages editors add: the demo has none, so one with every kind of block."""
    from asker.models import ContentPage, HomePage

    home = HomePage.objects.get()
    home.add_child(
        instance=ContentPage(title="Om temaplanene", slug="om", **_content_page_fields())
    )
    paths = [page.url_path.removeprefix(home.url_path[:-1]) for page in ContentPage.objects.live()]
    assert paths == ["/om/"]
    context = browser.new_context(viewport={"width": 320, "height": 900}, locale="nb-NO")
    page = context.new_page()
    failures = {}
    for path in paths:
        page.goto(site + path)
        if found := violations_at_widths(page, "content-" + path.strip("/").replace("/", "-")):
            failures[path] = found
    assert failures == {}
    context.close()
