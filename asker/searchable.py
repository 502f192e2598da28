"""The site's other pages in the site search: every live page no other app searches itself,
ranked by core.textmatch on the fields the page type declares searchable."""

from django.utils.translation import gettext_lazy
from wagtail.search import index

from core import search, textmatch
from core.textmatch import BODY, LEAD, TITLE
from themeplans.models import ThemePlanPage

KIND = "sider"
WEIGHTS = {"title": TITLE, "title_en": TITLE}
LEAD_FIELDS = {"search_description", "lead", "lead_en", "intro", "teaser"}


def _fields(page):
    """(weight, plain text) of each field the page type lists in search_fields."""
    names = [
        field.field_name
        for field in page.get_search_fields()
        if isinstance(field, index.SearchField)
    ]
    names = [*dict.fromkeys(["title", "search_description", *names])]
    return [
        (
            WEIGHTS.get(name, LEAD if name in LEAD_FIELDS else BODY),
            textmatch.plain_text(getattr(page, name, "")),
        )
        for name in names
    ]


def search_pages(site, pages, text):
    """The matching pages, best first: a list (a site has tens of pages, not thousands)."""
    found = pages.not_type(ThemePlanPage).order_by("path").specific()
    return textmatch.rank(
        [textmatch.Document.of(page, _fields(page)) for page in found], text.split()
    )


def describe(request, pages):
    found = []
    for page in pages:
        texts = [
            ("", textmatch.plain_text(getattr(page, name, None)))
            for name in ("search_description", "lead", "intro", "body")
        ]
        found.append(search.Found(page.title, page.get_url(request), texts))
    return found


search.register(search.Searchable(KIND, gettext_lazy("Sider"), 20, search_pages, describe))
