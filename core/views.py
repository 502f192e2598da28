"""Wagtail's page view as this site serves it (asker/urls.py)."""

from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail import views as wagtail_views

from core import page_routes

serve_checked = csrf_protect(wagtail_views.serve)


@csrf_exempt  # checked below, unless the page's own view is exempt
def serve(request, path):
    """Wagtail's page view, with CSRF checked here rather than by the middleware, as Django
    does for a URL's view, so a routable page's own view (a route of RoutablePageMixin) marked
    csrf_exempt may check it itself, after its upload limit is in place (the innspill form).

    The route comes from core.page_routes when it is known. With the database away no page
    can be found: core.database_outage answers then."""
    page_routes.route_for_request(request, path)  # kept on the request for Wagtail's serve
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and getattr(match.func, "csrf_exempt", False):
        return wagtail_views.serve(request, path)
    return serve_checked(request, path)
