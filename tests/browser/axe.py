"""Run axe-core (shipped by axe-playwright-python) with the WCAG 2.0/2.1 A and AA rules."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Colours sampled halfway through a fade-in (Wagtail's admin messages slide in) are no
# contrast the reader meets: let finite animations end first.
ANIMATIONS_DONE = """() => Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getTiming().iterations !== Infinity)
    .map(a => a.finished.catch(() => null)))"""


def axe_violations(page):
    """Violations on the page as readable lines (rule, impact, first offending elements)."""
    page.evaluate(ANIMATIONS_DONE)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
    ]
