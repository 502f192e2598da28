"""Find the plan a participation URL hangs under, through Wagtail's own routing."""

from functools import wraps

from django.http import Http404
from wagtail.models import Site
from wagtail.views import serve

from themeplans.models import ThemePlanPage


class NotAPlan(Exception):
    """No live, public plan at the path the URL names."""


def find_plan(request, plan_path):
    """The live, public plan at `plan_path` on this request's site.

    Routing through the page tree (not a fixed /temaplaner/ prefix) keeps the innspill URLs
    working when editors rename the index, and notes the route for the breadcrumbs.
    """
    site = Site.find_for_request(request)
    if site is None:
        raise NotAPlan(plan_path)
    components = [part for part in plan_path.split("/") if part]
    try:
        page = site.root_page.specific.route(request, components).page
    except Http404 as error:
        raise NotAPlan(plan_path) from error
    if not isinstance(page, ThemePlanPage) or page.get_view_restrictions().exists():
        raise NotAPlan(plan_path)
    # The plan's own address only: its feed routes (…/rss/) would otherwise route to it too.
    if len(components) != page.depth - site.root_page.depth:
        raise NotAPlan(plan_path)
    return page


def plan_page_context(plan, tail, **extra):
    """What every page under a plan's address shows: the plan, named as its page (title,
    breadcrumbs), with `tail` as the last crumb."""
    return {"page": plan, "plan": plan, "crumb_tail": tail, **extra}


def plan_view(view):
    """A view under a plan's address, called with the plan instead of its path.

    When no plan lives there, Wagtail serves the address as usual: an editor may well name an
    ordinary page «innspill».
    """

    @wraps(view)
    def with_plan(request, plan_path, **kwargs):
        try:
            plan = find_plan(request, plan_path)
        except NotAPlan:
            return serve(request, request.path_info.lstrip("/"))
        return view(request, plan, **kwargs)

    return with_plan
