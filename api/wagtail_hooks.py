"""The API's addresses that show a plan, purged from the cache in front with it
(core.front_cache)."""

from django.urls import reverse
from wagtail import hooks

from core import front_cache
from themeplans.models import ThemePlanIndexPage, ThemePlanPage


@hooks.register(front_cache.RELATED_HOOK)
def plan_addresses(page):
    page = page.specific_deferred
    if isinstance(page, ThemePlanPage):
        return [
            reverse("api:plans"),
            reverse("api:plan", args=[page.slug]),
            reverse("api:submissions", args=[page.slug]),
        ]
    if isinstance(page, ThemePlanIndexPage):
        return [reverse("api:plans")]
    return []
