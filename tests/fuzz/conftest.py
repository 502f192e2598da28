"""Fuzz tests: hypothesis and schemathesis with a bounded number of examples.

FUZZ_EXAMPLES sets the examples per test (default small enough for CI); a larger run is
`FUZZ_EXAMPLES=2000 pytest tests/fuzz`. In CI the examples are derived from the test, not
random, so a red build can be reproduced.
"""

import os

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The climate plan and its open round, as the participation tests know them.
from tests.participation.conftest import demo_round, plan  # noqa: F401

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))

settings.register_profile(
    "fuzz",
    max_examples=EXAMPLES,
    deadline=None,
    # The examples share pytest-django's database and client fixtures, on purpose.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=os.environ.get("CI") == "true",
    # No .hypothesis/ directory in the checkout; failures are printed with their input.
    database=None,
)
fuzz = settings.get_profile("fuzz")


# Markup a page must never give back as markup. Each carries FUZZ_MARK, so finding one in a
# page can only mean the input was echoed unescaped.
FUZZ_MARK = "fuzz-xss-7f3a"
MARKUP = (
    f"<script>alert('{FUZZ_MARK}')</script>",
    f"\"'><img src=x onerror=alert('{FUZZ_MARK}')>",
    f"<svg/onload=alert('{FUZZ_MARK}')>",
    f"</textarea><b id={FUZZ_MARK}>",
    f"<a href=\"javascript:alert('{FUZZ_MARK}')\">x</a>",
    f"--><!-- {FUZZ_MARK} <iframe srcdoc='<p>'>",
    f"{{{{ {FUZZ_MARK} }}}}{{% now 'Y' %}}<b>{FUZZ_MARK}</b>",
)
# Characters that break naive handling: NUL and other controls, RTL and zero-width marks,
# emoji (and a family joined by ZWJ), CRLF and a lone CR, a byte-order mark.
ODD = "\x00\x01\x08\x0b\x1b\x7f\u0085\u200b\u200d\u200e\u202e\u2028\ufeff\r\n\r\t😀👨‍👩‍👧ﷺ"


def unicode_text(max_size=60):
    """Any text, weighted towards the odd characters above."""
    return st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"), st.sampled_from(ODD), st.sampled_from("<>\"'&;/=")
        ),
        max_size=max_size,
    )


def nasty_text(max_size=60):
    """Any text, markup wrapped in any text, or a long run with markup at its end."""
    return st.one_of(
        unicode_text(max_size),
        st.sampled_from(MARKUP),
        st.tuples(unicode_text(20), st.sampled_from(MARKUP), unicode_text(20)).map("".join),
        st.tuples(st.integers(0, 12_000), st.sampled_from(MARKUP)).map(
            lambda pair: "æ" * pair[0] + pair[1]
        ),
    )


def values_with_markup(values):
    """Every generated string that could be echoed as markup: the ones with a `<` in them."""
    for value in values:
        if isinstance(value, (list, tuple)):
            yield from values_with_markup(value)
        elif isinstance(value, str) and "<" in value:
            yield value


def assert_shown_escaped(response, sent):
    """No generated markup comes back verbatim in an HTML page.

    Short random strings such as «<a» occur in any page's own markup, so those are checked
    only for the known MARKUP pieces they hold; longer ones must not appear at all."""
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    body = response.content.decode()
    for value in values_with_markup(sent):
        for piece in MARKUP:
            assert piece not in body or piece not in value, f"unescaped: {piece!r}"
        if len(value) >= 12:
            assert value not in body, f"unescaped: {value[:200]!r}"


@pytest.fixture(autouse=True)
def demo(demo_site):
    """These tests read the demo site (tests/conftest.py loads it once per session)."""
