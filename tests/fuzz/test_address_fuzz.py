"""Addresses fuzzed: any ?side= on the paged pages, and any path under the language switch.
Never a 5xx, and the switch never links to another site."""

import re
from html import unescape

from hypothesis import event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.fuzz.conftest import fuzz, nasty_text, unicode_text

# Few examples are enough to meet each odd kind of value, and each is a whole page.
quick = hypothesis_settings(fuzz, max_examples=min(fuzz.max_examples, 40))

PAGED = [
    "/",
    "/temaplaner/",
    "/temaplaner/handling-mot-klimaendringene/innspill/publiserte/",
    "/sok/?q=plan&",
    "/en/temaplaner/",
]
# Digits of other scripts and superscripts (str.isdigit() takes them), signs, long numbers.
DIGITS = "0123456789²³¹٣۳३০๓１-+ .e"
page_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.text(alphabet=st.sampled_from(DIGITS), max_size=25),
    st.integers(4_000, 6_000).map(lambda n: "9" * n),
    nasty_text(20),
)


@given(url=st.sampled_from(PAGED), side=page_numbers)
@quick
def test_any_page_number_is_answered(client, url, side):
    separator = "" if url.endswith("&") else "?"
    response = client.get(f"{url}{separator}", {"side": side})
    event(f"status {response.status_code}")
    assert response.status_code == 200


# Path pieces a browser might read as the start of another site: slashes, backslashes, the tab
# and line breaks it drops, a host name, and encoded forms of them.
PIECES = ["/", "//", "\\", "/\\", "\t", "\n", " ", "evil.example.com", "@evil.example.com"]
PIECES += ["%2F", "%5C", "%09", "en", "temaplaner", "sok", ".", ".."]
paths = st.tuples(
    st.sampled_from(["", "/en"]),
    st.lists(st.one_of(st.sampled_from(PIECES), unicode_text(8)), max_size=8).map("".join),
).map(lambda pair: pair[0] + "/" + pair[1])

SWITCH = re.compile(r'<a class="language-switch" href="([^"]*)"')
BROWSER_DROPS = str.maketrans("", "", "\t\n\r")


def wsgi_path(path):
    """PATH_INFO as a WSGI server gives it: the path's UTF-8 bytes read as Latin-1."""
    return path.encode("utf-8", "surrogatepass").decode("latin-1")


@given(path=paths)
@quick
def test_the_language_switch_never_links_to_another_site(client, path):
    response = client.get("/", PATH_INFO=wsgi_path(path))
    event(f"status {response.status_code}")
    assert response.status_code < 500
    for link in SWITCH.findall(response.content.decode(errors="replace")):
        href = unescape(link).translate(BROWSER_DROPS).lstrip(" ")
        assert href.startswith("/"), href
        assert not href.startswith(("//", "/\\")), href
