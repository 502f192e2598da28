"""Reflow (WCAG 1.4.4 and 1.4.10): every public page type at 320 px, with text at 100 % and at
200 %, reads without scrolling sideways, and no line of text runs past the edge of the screen.

The 200 % text is the user's font-size setting (the root font size doubled; every size on the
site is in rem or em); the injected rule needs bypass_csp, as an extension's style would.
"""

import pytest

from tests.browser.test_accessibility import PAGE_IDS, open_page_type

WIDTH = 320
# Text nodes whose line boxes pass the left or right edge of the viewport, or stand wider than
# the element that holds them where it clips (overflow other than visible), as readable lines.
# Text that is visually hidden (clipped to 1 px for screen readers) or not rendered is skipped.
OFF_SCREEN_TEXT = """
(width) => {
    const found = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const hidden = (element) => {
        for (let e = element; e && e !== document.body; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.display === "none" || style.visibility === "hidden") return true;
            if (style.position === "absolute" && e.offsetWidth <= 1 && e.offsetHeight <= 1)
                return true;
            if (style.clip && style.clip !== "auto") return true;
        }
        return false;
    };
    const describe = (element) =>
        element.tagName.toLowerCase() + (element.className && typeof element.className === "string"
            ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    while (walker.nextNode()) {
        const node = walker.currentNode;
        const text = node.textContent.trim();
        if (!text) continue;
        const element = node.parentElement;
        if (!element || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(element.tagName))
            continue;
        if (element.closest("wagtail-userbar, .skip-link")) continue;
        if (hidden(element)) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
            if (rect.width === 0) continue;
            if (rect.left < -0.5 || rect.right > width + 0.5) {
                found.push(`${describe(element)} «${text.slice(0, 40)}» ` +
                    `from ${Math.round(rect.left)} to ${Math.round(rect.right)} px`);
                break;
            }
        }
        // Text cut off by an element that clips its overflow.
        for (let e = element; e && e !== document.body; e = e.parentElement) {
            const style = getComputedStyle(e);
            if (style.overflowX !== "visible" && e.scrollWidth > e.clientWidth + 1) {
                found.push(`${describe(e)} clips «${text.slice(0, 40)}» ` +
                    `(${e.scrollWidth} px of content in ${e.clientWidth} px)`);
                break;
            }
        }
    }
    return [...new Set(found)];
}
"""
# The innermost elements that reach past the right edge: what makes the page scroll sideways.
WIDE_ELEMENTS = """
(width) => [...document.body.querySelectorAll("*")]
    .filter((e) => e.getBoundingClientRect().right > width + 0.5)
    .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > width + 0.5))
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")} ` +
        `reaches ${Math.round(e.getBoundingClientRect().right)} px`)
"""
TEXT_200 = "html { font-size: 200% !important; }"


def reflow_problems(page):
    problems = page.evaluate(OFF_SCREEN_TEXT, WIDTH)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > WIDTH:
        problems.insert(0, f"the page scrolls sideways: {scroll_width} px wide")
        problems += page.evaluate(WIDE_ELEMENTS, WIDTH)
    return problems


@pytest.mark.parametrize("name", PAGE_IDS)
def test_page_type_reflows_at_320_px(browser, site, name):
    """At 100 % text, then on the same page at 200 % text."""
    page = open_page_type(browser, site, name, WIDTH, bypass_csp=True)
    problems = {"100 %": reflow_problems(page)}
    page.add_style_tag(content=TEXT_200)
    page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '32px'")
    problems["200 %"] = reflow_problems(page)
    found = {size: lines for size, lines in problems.items() if lines}
    assert not found, "\n".join(f"{size}: {line}" for size in found for line in found[size])
    page.context.close()


def test_reflow_notices_text_running_off_the_page(browser, site):
    """The check itself: a long word that cannot break is found."""
    page = open_page_type(browser, site, "home", WIDTH, bypass_csp=True)
    page.add_style_tag(content="h1 { white-space: nowrap; hyphens: none; overflow-wrap: normal }")
    problems = reflow_problems(page)
    assert problems[0].startswith("the page scrolls sideways")
    assert any(problem.startswith("h1") for problem in problems)
    page.context.close()
