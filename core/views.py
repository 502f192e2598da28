"""Wagtail's page view as this site serves it (asker/urls.py)."""

from django.db import DatabaseError
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail import hooks
from wagtail import views as wagtail_views
from wagtail.models import Page

serve_checked = csrf_protect(wagtail_views.serve)


@csrf_exempt  # checked below, unless the page's own view is exempt
def serve(request, path):
    """Wagtail's page view, with two things Django does for a URL's view done for a routable
    page's own view (a route of RoutablePageMixin):

    - CSRF is checked here rather than by the middleware, so a route marked csrf_exempt may
      check it itself, after its upload limit is in place (the innspill form);
    - when the database is away no page can be found: `serve_without_database` hooks may
      answer for their addresses, as a view guarding its own database faults would.
    """
    try:
        Page.route_for_request(request, path)  # kept on the request for Wagtail's serve
    except DatabaseError:
        for answer in hooks.get_hooks("serve_without_database"):
            if (response := answer(request, path)) is not None:
                return response
        raise
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and getattr(match.func, "csrf_exempt", False):
        return wagtail_views.serve(request, path)
    return serve_checked(request, path)
