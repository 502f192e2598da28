"""Plain views of the site itself: robots.txt and the error pages (health: asker/health.py)."""

import sys

from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.http import require_GET

from core import database_outage


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request, template_name="500.html"):
    """The 500 page: rendered without a request context, so it needs no database.

    Django asks for it while handling the exception, so a database outage raised outside any
    view (a middleware loading the session) is known here, and answered with the 503 page."""
    if outage := database_outage.answer_for_error(request, sys.exception()):
        return outage
    return HttpResponseServerError(loader.get_template(template_name).render())
