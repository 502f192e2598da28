"""Django's {# … #} comments end on their own line; one spread over two lines is printed on the
page for every reader (it happened once, on the plan's schedule)."""

from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_no_template_has_a_short_comment_spread_over_lines():
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("templates/**/*.txt")]
    templates += [*ROOT.glob("*/templates/**/*.html")]
    assert len(templates) > 50
    broken = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert not broken, f"use {{% comment %}} for comments over several lines: {broken}"
