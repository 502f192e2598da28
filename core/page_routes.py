"""Wagtail's routing from an address to its page, remembered between requests.

Wagtail finds a page by asking each page on the way down for its child: for a plan that is the
site (one query), then a child and its specific type for the home page, the plans' index and the
plan (six), two thirds of a plan page's time once its content is cached (core.public_content).
A GET that core.public_content may cache, for the address of a page itself, keeps the site, the
pages on the way and the page under the public content version, the host, the language and the
path; the next request for the address takes them from the cache, and the page routes itself
with no query. The routes below a page (feeds, forms, private links) are found as before.

Everything that moves, renames, publishes or unpublishes a page renews the version, so a
remembered route is never older than the pages. Rights are not remembered: Wagtail's
before_serve_page hooks (private pages) run for every request as before.
"""

from django.core.cache import cache
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core import public_content


def route_for_request(request, path):
    """Page.route_for_request, from the cache when the route is known."""
    if hasattr(request, "_wagtail_route_for_request") or not public_content.cacheable(request):
        return Page.route_for_request(request, path)
    route_key = "page-route:" + public_content.key(
        request, request.get_host(), get_language(), path
    )
    remembered = cache.get(route_key)
    if remembered is None:
        result = Page.route_for_request(request, path)
        if result is not None:
            _remember(request, route_key, path, result[0])
        return result
    site, above, page = remembered
    request._wagtail_site = site
    request.route_pages = list(above)
    try:
        result = page.route(request, [])
    except Http404:
        result = None
    request._wagtail_route_for_request = result
    return result


def _remember(request, route_key, path, page):
    """Only the address of a page itself: the routes below a page (feeds, forms, a sender's
    private link with its token) are many per page, and anyone could fill the cache with them."""
    site = Site.find_for_request(request)
    components = [component for component in path.split("/") if component]
    if site is None or len(components) != page.depth - site.root_page.depth:
        return
    on_the_way = getattr(request, "route_pages", [])
    above = on_the_way[:-1] if on_the_way and on_the_way[-1] is page else on_the_way
    cache.set(route_key, (site, above, page), public_content.seconds())
