"""Under /en/ every interface string is English: whatever Norwegian is left on the page is
editors' content, marked lang="nb" so screen readers switch voice."""

import re
from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

PLAN = "/temaplaner/handling-mot-klimaendringene/"
NORWEGIAN = re.compile(r"[æøåÆØÅ]|\b(og|ikke|eller|skal|kan du|ditt|dine|innspill)\b")
# Proper names the interface may show in English too.
NAMES = ("Asker kommune", "Tilsynet for universell utforming av ikt", "Norsk", "Datatilsynet")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class InterfaceText(HTMLParser):
    """Visible text outside elements marked lang="nb", <script>, <style> and <head>."""

    def __init__(self):
        super().__init__()
        self.stack, self.text = [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            visible = not self.hidden() and dict(attrs).get("type") != "hidden"
            for name, value in attrs:
                if visible and value and name in ("alt", "placeholder", "aria-label", "value"):
                    self.text.append(value)
            return
        attrs = dict(attrs)
        marked = attrs.get("lang") == "nb" or tag in ("script", "style", "head", "title")
        self.stack.append(marked)
        if attrs.get("aria-label") and not self.hidden():
            self.text.append(attrs["aria-label"])

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def hidden(self):
        return any(self.stack)

    def handle_data(self, data):
        if not self.hidden() and data.strip():
            self.text.append(data.strip())


def norwegian_left(html):
    parser = InterfaceText()
    parser.feed(html)
    found = []
    for text in parser.text:
        for name in NAMES:
            text = text.replace(name, "")
        if NORWEGIAN.search(text):
            found.append(text)
    return found


def page_types():
    return {
        "home": "/en/",
        "index": "/en/temaplaner/",
        "plan": "/en" + PLAN,
        "form": "/en" + PLAN + "innspill/",
        "published input": "/en" + PLAN + "innspill/publiserte/",
        "search": "/en/sok/?q=klima",
        "search without hits": "/en/sok/?q=zzzyyy",
        "follow": "/en" + PLAN + "folg/",
        "not found": "/en/finnes-ikke/",
    }


@pytest.mark.parametrize(
    "page",
    [
        "home",
        "index",
        "plan",
        "form",
        "published input",
        "search",
        "search without hits",
        "follow",
        "not found",
    ],
)
def test_english_page_has_no_norwegian_interface_text(client, demo_site, page):
    url = page_types()[page]
    response = client.get(url)
    assert response.status_code in (200, 404), url
    left = norwegian_left(response.content.decode())
    assert not left, f"{url}: Norwegian outside lang='nb': {left[:8]}"


def test_english_error_state_has_no_norwegian_interface_text(client, demo_site):
    response = client.post("/en" + PLAN + "innspill/", {})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    left = norwegian_left(response.content.decode())
    assert not left, f"Norwegian outside lang='nb': {left[:8]}"
