"""The innspill pages as a citizen meets them: at phone and desktop widths, with and without JS.

Every page is checked with axe (WCAG 2.1 A/AA) and for horizontal scroll at 320 px, and saved as a
screenshot for review when screenshots are asked for (tests/browser/screenshots.py).
"""

import re

import pytest

from tests.browser.axe import axe_violations
from tests.browser.navigation import click_and_wait, focused_id
from tests.browser.screenshots import save_screenshot

PLAN = "/temaplaner/handling-mot-klimaendringene/"
FORM = PLAN + "innspill/"
WIDTHS = [320, 1280]
FIELD_ERRORS = [
    "Skriv navnet ditt.",
    "Skriv e-postadressen din, så vi kan sende deg en kvittering.",
    "Velg hvem du sender innspillet som.",
    "Skriv innspillet ditt.",
    "Velg om vi kan publisere innspillet ditt.",
    "Kryss av for at du har lest hvordan kommunen behandler innspillet.",
]


@pytest.fixture
def site(site_url, settings):
    """The demo site, with the anti-spam clock and the per-address limit out of the way.

    The live server runs in a thread of this process, so the overridden settings reach it.
    """
    settings.PARTICIPATION_MIN_FILL_SECONDS = 0
    settings.PARTICIPATION_RATE_LIMIT = 1000
    return site_url


def open_page(browser, url, width, *, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        locale="nb-NO",
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.goto(url)
    return page


def check(page, width, screenshot=None, *, axe=True):
    """What every page must pass: no axe violations, no sideways scrolling; a screenshot if asked.

    axe runs in the page and waits on timers, so it cannot check a page opened without
    JavaScript (axe=False); such a page is checked by axe in a second context where its
    address allows it.
    """
    if axe:
        assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    if screenshot:
        save_screenshot(page, f"{screenshot}-{width}.png", full_page=True)


def fill_in(page):
    page.get_by_label("Navn (må fylles ut)").fill("Eva Eksempel")
    page.get_by_label("E-post (må fylles ut)").fill("eva@example.no")
    page.get_by_role("group", name="Jeg sender innspill som").get_by_label("Privatperson").check()
    page.get_by_label("Innspillet ditt (må fylles ut)").fill(
        "Kommunen bør gjøre det enklere å reparere ting, for eksempel med et reparasjonskafé "
        "på biblioteket."
    )
    page.get_by_label("Publiser innspillet uten navnet mitt").check()
    page.get_by_label("Jeg har lest hvordan kommunen behandler innspillet").check()


@pytest.mark.parametrize("width", WIDTHS)
def test_form_page(browser, site, width):
    page = open_page(browser, site + FORM, width)

    assert page.locator("h1").inner_text() == "Send innspill"
    assert page.get_by_text("Frist:").first.is_visible()
    assert page.get_by_role("heading", name="Slik behandler vi innspillet ditt").is_visible()
    # Every control has a visible label and a target of at least 44 × 44 px.
    for name in ("Navn", "E-post", "Innspillet ditt"):
        assert page.get_by_label(f"{name} (må fylles ut)").bounding_box()["height"] >= 44
    radio_label = page.locator("label[for=id_category_0]").bounding_box()
    assert radio_label["height"] >= 44
    submit = page.get_by_role("button", name="Send innspill").bounding_box()
    assert submit["height"] >= 44
    # The honeypot is off screen but present, and out of the tab order.
    trap = page.locator("#id_website")
    assert trap.get_attribute("tabindex") == "-1"
    box = trap.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0 or box["y"] + box["height"] <= 0
    check(page, width, "innspill-skjema")
    page.context.close()


@pytest.mark.parametrize(
    ("width", "javascript"), [(320, True), (1280, True), (320, False)], ids=["320", "1280", "no-js"]
)
def test_empty_post_shows_the_errors_with_focus_on_the_summary(browser, site, width, javascript):
    page = open_page(browser, site + FORM, width, javascript=javascript)
    click_and_wait(page, page.get_by_role("button", name="Send innspill"))

    assert page.title().startswith("Feil i skjemaet")
    summary = page.locator("#feiloppsummering")
    # autofocus moves focus to the summary on load, with or without JavaScript.
    assert focused_id(page, "feiloppsummering") == "feiloppsummering"
    assert summary.get_by_role("heading").inner_text() == "Det er 6 ting du må rette"
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == FIELD_ERRORS
    # The focus ring shows on the summary that got focus on load.
    outline = summary.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline == "solid"
    # Each field shows its error and is marked invalid.
    name = page.get_by_label("Navn (må fylles ut)")
    assert name.get_attribute("aria-invalid") == "true"
    assert "id_name_feil" in name.get_attribute("aria-describedby")
    assert page.locator("#id_name_feil").text_content() == "Feil: Skriv navnet ditt."
    check(page, width, "innspill-feil" if javascript else None, axe=javascript)

    links.first.click()
    assert page.evaluate("document.activeElement.id") == "id_name"
    page.context.close()


def test_error_summary_link_to_radios_moves_focus_to_the_first_option(browser, site):
    page = open_page(browser, site + FORM, 1280)
    click_and_wait(page, page.get_by_role("button", name="Send innspill"))
    page.get_by_role("link", name="Velg hvem du sender innspillet som.").click()
    assert page.evaluate("document.activeElement.id") == "id_category_0"
    page.context.close()


@pytest.mark.parametrize(
    ("width", "javascript"), [(320, True), (1280, True), (320, False)], ids=["320", "1280", "no-js"]
)
def test_valid_post_shows_the_receipt(browser, site, width, javascript):
    page = open_page(browser, site + FORM, width, javascript=javascript)
    fill_in(page)
    click_and_wait(page, page.get_by_role("button", name="Send innspill"))

    assert page.url.endswith("?mottatt=1")
    assert page.locator("h1").inner_text() == "Takk! Vi har mottatt innspillet ditt"
    reference = page.locator(".receipt__number").inner_text()
    assert re.fullmatch(r"INN-\d{4}-\d{5,}", reference)
    assert page.get_by_text(f"Referansenummer: {reference}").is_visible()
    assert reference in page.title()
    private_link = page.get_by_role("link", name="/innspill/mitt/")
    assert private_link.is_visible()
    # The long private address wraps inside the page instead of running off it.
    link_box = private_link.bounding_box()
    assert link_box["x"] + link_box["width"] <= width
    assert page.get_by_text("eva@example.no").is_visible()
    check(page, width, "innspill-kvittering" if javascript else None, axe=javascript)
    if not javascript:  # the same receipt, checked by axe
        receipt_url = page.url
        page.context.close()
        page = open_page(browser, receipt_url, width)
        assert page.locator(".receipt__number").inner_text() == reference
        check(page, width)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_private_page_shows_status_and_answer(browser, site, width):
    from participation.models import Submission

    submission = Submission.objects.get(name="Kari Nordmann")
    page = open_page(browser, f"{site}{FORM}mitt/{submission.token}/", width)

    assert page.locator("h1").inner_text() == "Innspillet ditt"
    assert page.get_by_role("heading", name="Status: publisert").is_visible()
    assert page.get_by_text(submission.reference).first.is_visible()
    assert page.get_by_role("heading", name="Svar fra Asker kommune").is_visible()
    assert page.get_by_role("button", name="Trekk tilbake innspillet").is_visible()
    check(page, width, "innspill-privat")
    page.context.close()


def test_withdrawing_asks_for_confirmation(browser, site):
    from participation.models import Submission

    submission = Submission.objects.get(name="Ola Nordmann")
    page = open_page(browser, f"{site}{FORM}mitt/{submission.token}/", 320)
    click_and_wait(page, page.get_by_role("button", name="Trekk tilbake innspillet"))
    assert focused_id(page, "feiloppsummering") == "feiloppsummering"
    assert page.locator("#feiloppsummering a").inner_text() == (
        "Kryss av for å bekrefte at du vil trekke tilbake innspillet."
    )
    check(page, 320)

    page.get_by_label("Ja, jeg vil trekke tilbake innspillet mitt.").check()
    click_and_wait(page, page.get_by_role("button", name="Trekk tilbake innspillet"))
    assert page.url.endswith("?trukket=1")
    assert page.locator("h1").inner_text() == "Du har trukket tilbake innspillet"
    assert page.get_by_role("heading", name="Status: trukket tilbake").is_visible()
    check(page, 320)
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_published_page(browser, site, width):
    page = open_page(browser, site + FORM + "publiserte/", width)

    assert page.locator("h1").inner_text() == "Innspill og svar"
    assert page.get_by_text("3 publiserte innspill").is_visible()
    assert page.locator("article.published-submission").count() == 3
    assert page.get_by_role("heading", name="Kari Nordmann").is_visible()
    check(page, width, "innspill-publiserte")
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_plan_page_calls_for_input(browser, site, width):
    page = open_page(browser, site + PLAN, width)

    call = page.locator(".plan-page__header .round-call")
    assert call.get_by_text("Åpen for innspill").is_visible()
    assert call.get_by_text("Frist").is_visible()
    button = call.get_by_role(
        "link", name="Send innspill til Temaplan for handling mot klimaendringene"
    )
    assert button.is_visible()
    assert button.bounding_box()["height"] >= 44
    section = page.locator("#medvirkning").locator("..")
    assert section.locator(".round-call").get_by_text("Frist").is_visible()
    check(page, width, "temaplan-innspill-cta")

    click_and_wait(page, button)
    assert page.url == site + FORM
    page.context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_closed_round_page(browser, site, width):
    page = open_page(browser, site + "/temaplaner/kultur/innspill/", width)

    assert page.locator("h1").inner_text() == "Planen tar ikke imot innspill nå"
    assert page.get_by_text("Planen har ingen innspillsrunder ennå.").is_visible()
    check(page, width, "innspill-stengt")
    page.context.close()


def test_post_to_a_closed_plan_gives_the_text_back(browser, site):
    """A post that arrives when no round is open shows the sender their text to copy."""
    page = open_page(browser, site + FORM, 320)
    fill_in(page)
    form = page.locator("form.participation-form")
    form.evaluate("(form, action) => { form.action = action; }", "/temaplaner/kultur/innspill/")
    click_and_wait(page, page.get_by_role("button", name="Send innspill"))

    assert page.locator("h1").inner_text() == "Innspillet ble ikke sendt"
    copy = page.get_by_label("Teksten du skrev")
    assert copy.input_value().startswith("Kommunen bør gjøre det enklere å reparere ting")
    check(page, 320)
    page.context.close()


def test_published_input_is_paged(browser, site):
    from django.utils import timezone

    from participation.models import ParticipationRound, Submission

    demo_round = ParticipationRound.objects.get(title__startswith="Demo:")
    for number in range(1, 13):
        submission = Submission.objects.create(
            round=demo_round,
            name=f"Avsender {number}",
            email=f"avsender{number}@example.no",
            category="private",
            text=f"Innspill nummer {number}.",
            publication="anonymous",
            privacy_accepted=True,
            state="published",
            published_at=timezone.now(),
        )
        submission.reference = submission.reference_for()
        submission.save(update_fields=["reference"])
    page = open_page(browser, site + FORM + "publiserte/", 320)

    assert page.get_by_text("15 publiserte innspill, side 1 av 2.").is_visible()
    pages = page.get_by_role("navigation", name="Sider")
    assert pages.locator("[aria-current=page] .visually-hidden").text_content() == "Side 1 av 2"
    assert pages.get_by_role("link", name="Side 2", exact=True).is_visible()
    next_link = pages.get_by_role("link", name="Neste side")
    assert next_link.bounding_box()["height"] >= 44
    check(page, 320)

    click_and_wait(page, next_link)
    assert page.url.endswith("?side=2")
    assert page.title().startswith("Innspill og svar, side 2")
    assert page.locator("article.published-submission").count() == 5
    assert pages.get_by_role("link", name="Forrige side").is_visible()
    check(page, 320)
    page.context.close()
