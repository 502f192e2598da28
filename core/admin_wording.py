"""Norwegian where Wagtail's admin shows English that no catalogue can translate.

Wagtail's page search counts its results by the view's verbose_name_plural, which its
SearchView leaves unset, so an editor read «1–5 av 5 None». It gets the page model's names
(«side», «sider»), as the page explorer has. The «Actions» label of the header buttons is
written in English in Wagtail's template; templates/wagtailadmin/shared/headers/_actions.html
says it in Norwegian. tests/browser/test_admin_wording.py finds such strings.
"""


def name_the_page_search_results():
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.models import Page

    if SearchView.verbose_name_plural is None:  # a later Wagtail may name them itself
        SearchView.verbose_name = Page._meta.verbose_name
        SearchView.verbose_name_plural = Page._meta.verbose_name_plural
