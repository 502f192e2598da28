"""Find the plan a participation URL hangs under, through Wagtail's own routing."""

from django.http import Http404
from wagtail.models import Site

from themeplans.models import ThemePlanPage


def find_plan(request, plan_path):
    """The live, public plan at `plan_path` on this request's site, or 404.

    Routing through the page tree (not a fixed /temaplaner/ prefix) keeps the innspill URLs
    working when editors rename the index, and notes the route for the breadcrumbs.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in plan_path.split("/") if part]
    page = site.root_page.specific.route(request, components).page
    if not isinstance(page, ThemePlanPage) or page.get_view_restrictions().exists():
        raise Http404
    return page
