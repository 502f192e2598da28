"""The hidden fields of a form page (csrfmiddlewaretoken, shown_at, round), for scripts that
post the innspill form over HTTP: the concurrency test and bench/concurrent_posts.py."""

from html.parser import HTMLParser


class _HiddenInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value") or ""


def hidden_inputs(html):
    parser = _HiddenInputs()
    parser.feed(html)
    return parser.values
