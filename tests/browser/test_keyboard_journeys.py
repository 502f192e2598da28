"""The keyboard journeys with JavaScript off: the skip link, reading a plan (table of contents,
schedule, landmarks, headings, the current page marked) and sending input from the plan page
to the receipt with Tab, typing, Space and Enter only. Also: focus is visible on everything Tab
reaches, and reduced motion turns off smooth scrolling, transitions and animations.
"""

import itertools
import re

import pytest

from tests.browser.navigation import focused_id
from tests.browser.test_accessibility import FORM, PLAN
from tests.contrast import contrast

# What Playwright can tell about the focused element, read without page scripts.
ACTIVE = """() => {
    const e = document.activeElement;
    return e && {
        tag: e.tagName.toLowerCase(), id: e.id, href: e.getAttribute("href"),
        text: (e.innerText || "").trim(), type: e.type || "",
        inToc: !!e.closest(".toc"), label: e.getAttribute("aria-label"),
    };
}"""
# The accessible name of every navigation landmark (aria-label or aria-labelledby).
NAV_NAMES = """() => [...document.querySelectorAll("nav, [role=navigation]")].map(nav =>
    nav.getAttribute("aria-label") || (nav.getAttribute("aria-labelledby") || "").split(" ")
        .map(id => document.getElementById(id)?.textContent.trim() || "")
        .join(" ").trim() || null)"""
# The levels of all headings in document order.
HEADING_LEVELS = "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"


def keyboard_page(browser, url, width=1280):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nb-NO", java_script_enabled=False
    )
    page = context.new_page()
    page.goto(url)
    return page


def tab_to(page, matches, limit=120):
    """Press Tab until the focused element matches (a function of ACTIVE), and return it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if active and matches(active):
            return active
    raise AssertionError(f"Tab never reached the element; focus ended on {active}")


def test_skip_link_moves_focus_to_main(browser, site):
    page = keyboard_page(browser, site + PLAN, 320)
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE)["text"] == "Hopp til hovedinnholdet"
    assert page.get_by_role("link", name="Hopp til hovedinnholdet").is_visible()
    page.keyboard.press("Enter")
    assert focused_id(page, "hovedinnhold") == "hovedinnhold"
    page.context.close()


def test_reading_a_plan_by_keyboard(browser, site):
    page = keyboard_page(browser, site + PLAN)

    # Landmarks: one each, and every navigation has its own name.
    for role in ("banner", "main", "contentinfo"):
        assert page.get_by_role(role).count() == 1, role
    names = page.evaluate(NAV_NAMES)
    assert None not in names and len(names) == len(set(names)), names
    assert {"Hovedmeny", "Du er her", "Innhold på siden"} <= set(names)
    # Headings: one h1, and no level skipped on the way down.
    levels = page.evaluate(HEADING_LEVELS)
    assert levels[0] == 1 and levels.count(1) == 1, levels
    skipped = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert skipped == [], levels
    # The current page is marked in the breadcrumbs.
    current = page.get_by_role("navigation", name="Du er her").locator("[aria-current=page]")
    assert current.inner_text() == page.locator("h1").inner_text()

    # Tab reaches the table of contents; Enter on «Framdrift» goes to that section.
    tab_to(page, lambda active: active["inToc"])
    link = tab_to(page, lambda active: active["href"] == "#framdrift")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("#framdrift$"))
    assert page.evaluate("document.querySelector(':target').id") == "framdrift"
    assert page.locator("#framdrift").is_visible()
    assert link["text"] == "Framdrift"
    # The schedule is a list inside the region named by its heading (after the list of rounds).
    schedule = page.get_by_role("region", name="Framdrift").get_by_role("list").last
    assert schedule.get_by_role("listitem").count() >= 3
    page.context.close()


def test_the_schedule_of_all_plans_by_keyboard(browser, site):
    page = keyboard_page(browser, site + "/temaplaner/")
    current = page.get_by_role("navigation", name="Hovedmeny").locator("[aria-current=page]")
    assert current.inner_text() == "Temaplaner for Asker kommune"
    levels = page.evaluate(HEADING_LEVELS)
    assert [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1] == []

    active = tab_to(page, lambda active: active["id"] == "" and active["label"] is not None)
    assert active["label"].startswith("Tidslinje for temaplanene")
    # The same facts as a table with a name, opened from the keyboard.
    summary = tab_to(page, lambda active: active["tag"] == "summary")
    assert summary["text"] == "Vis tidsplanen som tabell"
    page.keyboard.press("Enter")
    table = page.get_by_role("table", name="Milepæler og innspillsrunder for alle temaplaner")
    assert table.is_visible()
    assert table.get_by_role("row").count() >= 3
    page.context.close()


def test_sending_input_with_the_keyboard_only(browser, site):
    page = keyboard_page(browser, site + PLAN, 320)
    tab_to(page, lambda active: active["href"] == FORM)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == site + FORM

    # First the empty form: focus lands on the error summary, its links lead to the fields.
    tab_to(page, lambda active: active["type"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused_id(page, "feiloppsummering") == "feiloppsummering"
    error_links = page.locator("#feiloppsummering a")
    for index in range(error_links.count()):
        target = error_links.nth(index).get_attribute("href").removeprefix("#")
        page.locator("#feiloppsummering").focus()
        for _ in range(index + 1):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert focused_id(page, target) == target

    # Then filled in: typing into text fields, Space on the choices, Enter to send.
    def type_into(field_id, text):
        tab_to(page, lambda active: active["id"] == field_id)
        page.keyboard.press("Control+A")
        page.keyboard.type(text)

    page.locator("#feiloppsummering").focus()
    type_into("id_name", "Eva Eksempel")
    type_into("id_email", "eva@example.no")
    tab_to(page, lambda active: active["id"] == "id_category_0")
    page.keyboard.press("Space")
    type_into("id_text", "Flere sykkelparkeringer ved stasjonene.")
    tab_to(page, lambda active: active["id"].startswith("id_publication_"))
    page.keyboard.press("Space")
    tab_to(page, lambda active: active["id"] == "id_privacy")
    page.keyboard.press("Space")
    tab_to(page, lambda active: active["type"] == "submit")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("?mottatt=1")
    assert page.locator("h1").inner_text() == "Takk! Vi har mottatt innspillet ditt"
    page.context.close()


# The focused element's ring: outline and box-shadow, against the background behind it.
FOCUS_RING = """() => {
    const e = document.activeElement;
    const style = getComputedStyle(e);
    let background = "rgb(255, 255, 255)";
    for (let p = e.parentElement; p; p = p.parentElement) {
        const colour = getComputedStyle(p).backgroundColor;
        if (colour !== "rgba(0, 0, 0, 0)") { background = colour; break; }
    }
    return {
        what: e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " " +
            (e.innerText || e.getAttribute("aria-label") || "").trim().slice(0, 30),
        outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
        outlineColor: style.outlineColor, boxShadow: style.boxShadow, background,
    };
}"""


@pytest.mark.parametrize("width", [320, 1280])
def test_focus_is_visible_on_everything_tab_reaches(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="nb-NO")
    page = context.new_page()
    page.goto(site + PLAN)
    problems, seen = [], 0
    for _ in range(150):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        seen += 1
        ring = page.evaluate(FOCUS_RING)
        colours = []
        if ring["outlineStyle"] != "none" and ring["outlineWidth"] >= 2:
            colours.append(ring["outlineColor"])
        if ring["boxShadow"] != "none":
            colours.append(ring["boxShadow"])
        best = max((contrast(c, ring["background"]) for c in colours), default=0)
        if best < 3:
            problems.append(f"{ring['what']}: ring contrast {best:.1f}:1 ({ring})")
    assert seen > 20
    assert problems == []
    context.close()


@pytest.mark.parametrize("motion", ["reduce", "no-preference"])
def test_reduced_motion_turns_off_smooth_scrolling_and_transitions(browser, site, motion):
    context = browser.new_context(reduced_motion=motion)
    page = context.new_page()
    page.goto(site + PLAN)
    scroll = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    durations = page.evaluate(
        """() => [...document.querySelectorAll('*')].flatMap(e => {
            const s = getComputedStyle(e);
            return [s.transitionDuration, s.animationDuration].flatMap(d => d.split(','))
                .map(d => parseFloat(d) * (d.trim().endsWith('ms') ? 1 : 1000));
        })"""
    )
    if motion == "reduce":
        assert scroll == "auto"
        assert max(durations) < 1  # milliseconds
    else:
        assert scroll == "smooth"
        assert max(durations) > 50  # the skip link slides in
    context.close()
