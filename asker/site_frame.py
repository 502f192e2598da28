"""The parts of every page that rarely change (banner, main menu, footer, the general contact
block), built once and cached.

Saving a site setting or publishing, unpublishing, moving or deleting a page clears the cache
(see AskerConfig.ready). The timeout bounds how long another process's memory cache can lag
when no shared Redis cache is configured.
"""

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Page, Site

TIMEOUT = 60


def _key(site_id, language=None):
    # Per language: the footer's headings and the menu's addresses (/en/…) differ.
    return f"site-frame:{site_id}:{language or translation.get_language()}"


def site_frame(request):
    """Banner and footer as HTML, and the menu items, for the site serving this request."""
    frame = getattr(request, "_site_frame", None)
    if frame is not None:
        return frame
    site = Site.find_for_request(request)
    if site is None:
        frame = {"banner_html": "", "footer_html": "", "contact_html": "", "menu": []}
    else:
        frame = cache.get(_key(site.pk))
        if frame is None:
            frame = build_site_frame(site, request)
            cache.set(_key(site.pk), frame, TIMEOUT)
    request._site_frame = frame
    return frame


def build_site_frame(site, request):
    from asker.models import AlertBanner, FooterSettings
    from legal.footer import footer_links

    # filter().first(), not for_site(): a GET must never create settings rows.
    banner = AlertBanner.objects.filter(site=site).first()
    footer = FooterSettings.objects.filter(site=site).first()
    menu = [
        {"id": page.id, "title": page.title, "url": page.get_url(request), "path": page.path}
        for page in Page.objects.child_of(site.root_page)
        .live()
        .in_menu()
        .only("id", "title", "url_path", "path")
    ]
    return {
        "banner_html": render_to_string("components/alert_banner.html", {"banner": banner}),
        "footer_html": render_to_string(
            "components/site_footer.html",
            {"footer": footer, "legal_links": footer_links(site, request)},
        ),
        "contact_html": render_to_string("components/general_contact.html", {"footer": footer}),
        "menu": menu,
    }


def clear_site_frame(**kwargs):
    cache.delete_many(
        [
            _key(pk, language)
            for pk in Site.objects.values_list("pk", flat=True)
            for language, _name in settings.LANGUAGES
        ]
    )
