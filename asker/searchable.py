"""The site's other pages in the site search: every live page no other app searches itself."""

from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core import search
from themeplans.models import ThemePlanPage

KIND = "sider"


def search_pages(site, pages, text):
    return pages.not_type(ThemePlanPage).search(text, operator="and")


def describe(request, pages):
    specific = Page.objects.filter(pk__in=[page.pk for page in pages]).specific().in_bulk()
    found = []
    for page in pages:
        page = specific.get(page.pk, page)
        texts = search.field_texts(page, "search_description", "lead", "intro", "body")
        found.append(search.Found(page.title, page.get_url(request), texts))
    return found


search.register(search.Searchable(KIND, gettext_lazy("Sider"), 20, search_pages, describe))
