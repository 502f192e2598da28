"""The footer's «Om nettstedet» links to the site's legal pages (see asker/site_frame.py,
which caches the footer per site and language)."""

from core import languages
from legal.models import LegalPage, pick


def footer_links(site, request):
    """The site's live legal pages in tree order, titled in the active language: two queries."""
    pages = (
        LegalPage.objects.child_of(site.root_page)
        .live()
        .public()  # a page behind a password or login is no public statement
        .only("id", "title", "title_en", "url_path")
        .order_by("path")
    )
    links = []
    for page in pages:
        title, language = pick(page.title, page.title_en)
        links.append(
            {"title": title, "url": page.get_url(request), "lang": languages.lang_mark(language)}
        )
    return links
