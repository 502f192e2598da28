"""What a page says about itself to search engines, feed readers and link previews:
description, canonical address, Open Graph and schema.org structured data (JSON-LD)."""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from core import languages, paging

SITE_NAME = "Asker kommune"
DESCRIPTION_LENGTH = 160
# Fields that summarise a page, in the order they are tried when the editor wrote no
# search description (plans have a teaser, content pages a lead, the index an intro).
SUMMARY_FIELDS = ("search_description", "teaser", "lead", "intro")
# The same escapes as django.utils.html.json_script: the JSON cannot end the script element.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def description(page):
    for field in SUMMARY_FIELDS:
        text = " ".join(strip_tags(str(getattr(page, field, "") or "")).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def canonical_url(request, path=None):
    """The address without query, except the page number of a paginated list; `path` gives
    the same page in another language."""
    url = settings.SITE_URL + (path or request.path)
    page_number = paging.requested_page(request)
    if page_number is not None and page_number > 1:
        url += f"?{paging.PARAMETER}={page_number}"
    return url


def structured_data(page, title, summary, url, crumbs):
    """schema.org WebPage with its breadcrumb trail; the home page also names the site and
    its search, so search engines can offer a search box for it."""
    publisher = {"@type": "GovernmentOrganization", "name": SITE_NAME, "url": settings.SITE_URL}
    data = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": title,
        "url": url,
        "inLanguage": languages.active_language(),
        "publisher": publisher,
    }
    if summary:
        data["description"] = summary
    if page is not None and page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if crumbs:
        data["breadcrumb"] = {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": crumb["title"],
                    "item": settings.SITE_URL + crumb["url"] if crumb["url"] else url,
                }
                for position, crumb in enumerate(crumbs, start=1)
            ],
        }
    if page is not None and page.depth == 2:
        data["isPartOf"] = {
            "@type": "WebSite",
            "name": SITE_NAME,
            "url": settings.SITE_URL + "/",
            "potentialAction": {
                "@type": "SearchAction",
                "target": settings.SITE_URL + reverse("search") + "?q={search_term_string}",
                "query-input": "required name=search_term_string",
            },
        }
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))
