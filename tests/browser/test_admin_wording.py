"""A moderator and a plan editor go through the admin screens they use and read no English
(issue #19, point 8). The server-side check (tests/asker/test_admin_language.py) reads the HTML;
this one reads what the browser shows after Wagtail's scripts ran: text, and the labels a
screen reader speaks (aria-label, title, placeholder)."""

import itertools
import re

from participation.models import Submission
from tests.browser.admin_helpers import log_in
from tests.browser.staff import MODERATION, PASSWORD, make_staff
from themeplans.roles import set_up_group

# English words Wagtail showed or could show; none is a Norwegian word («Status» is, so it is
# not here). Matched as whole words, case and all.
ENGLISH = [
    "Actions", "Add", "Apply", "Back", "Cancel", "Checks", "Choose", "Clear", "Close",
    "Collapse all", "Comments", "Copy", "Created", "Dashboard", "Delete", "Dismiss", "Documents",
    "Download", "Draft", "Edit", "Expand all", "Export", "False", "Filter by", "Filters", "Help",
    "Hide", "History", "Images", "Live", "Loading", "Locked", "Log out", "Move", "Name", "Next",
    "No", "None", "Owner", "Page", "Pages", "Preview", "Previous", "Privacy", "Publish",
    "Remove", "Reports", "Required", "Results", "Revisions", "Save draft", "Search", "Select",
    "Settings", "Show", "Snippets", "Sort by", "Title", "Title tag", "True", "Unknown",
    "Unpublish", "Updated", "Upload", "Usage", "View", "Workflow", "Yes",
]  # fmt: skip
WORDS = re.compile(r"(?<![\wæøåÆØÅ])(" + "|".join(map(re.escape, ENGLISH)) + r")(?![\wæøåÆØÅ])")
SHOWN = """() => [
    document.title,
    document.body.innerText,
    ...[...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((element) =>
        ["aria-label", "title", "placeholder"].map((name) => element.getAttribute(name))
    ),
].filter(Boolean).join("\\n")"""


def english_on(page):
    return sorted({match.group(1) for match in WORDS.finditer(page.evaluate(SHOWN))})


def walk(browser, site_url, username, addresses, on_each=None):
    """Each address as the user sees it: the English words found, by address."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    log_in(page, site_url, username, PASSWORD)
    found = {}
    for address in addresses:
        page.goto(site_url + address)
        assert page.url == site_url + address  # not sent away for want of permission
        if address.endswith("/edit/"):
            page.wait_for_load_state("networkidle")  # the editor's panels Wagtail's scripts draw
        # Read the screen as loaded, then after each step `on_each` takes (lazily, in turn).
        for step in itertools.chain([""], on_each(page, address) if on_each else ()):
            if words := english_on(page):
                found[f"{address} {step}".strip()] = words
    context.close()
    return found


def open_side_panels(page, address):
    """The page editor's side panels (status, preview, checks, comments), one after another."""
    if not address.endswith("/edit/"):
        return
    toggles = page.locator("[data-side-panel-toggle]")
    for number in range(toggles.count()):
        toggles.nth(number).click()
        yield toggles.nth(number).get_attribute("aria-label")


def test_moderators_and_plan_editors_read_no_english_in_the_admin(browser, site_url):
    from themeplans.models import ThemePlanPage

    make_staff("moderator", [*MODERATION, "export_personal_data"])
    make_staff("redaktor", [], set_up_group())
    plan = ThemePlanPage.objects.get(slug="handling-mot-klimaendringene")
    submission = Submission.objects.filter(round__page=plan).first()

    moderator = walk(
        browser,
        site_url,
        "moderator",
        [
            "/admin/",
            "/admin/innspill/?state=published",
            f"/admin/innspill/edit/{submission.pk}/",
            "/admin/innspillsrunder/",
            "/admin/innspillsstatistikk/",
            "/admin/eksporter/",
            "/admin/folgere/",
        ],
    )
    editor = walk(
        browser,
        site_url,
        "redaktor",
        [
            "/admin/",
            f"/admin/pages/{plan.get_parent().pk}/",
            f"/admin/pages/{plan.pk}/edit/",
            "/admin/pages/search/?q=klima",
            "/admin/snippets/themeplans/person/",
            "/admin/documents/",
            "/admin/images/",
        ],
        on_each=open_side_panels,
    )
    assert (moderator, editor) == ({}, {})
