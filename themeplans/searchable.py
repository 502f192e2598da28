"""The plans in the site search: their topics and focus areas first, then their texts."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import search
from themeplans.models import ThemePlanPage

KIND = "temaplaner"


def plan_texts(plan):
    """A hit in a topic or a focus area is named («Tema: …»), which says best why it matched."""
    for block in plan.topics:
        topic = block.value
        yield _("Tema"), " ".join([f"{topic['title']}:", topic["description"], *topic["subtopics"]])
    for block in plan.focus_areas:
        area = block.value
        yield (
            _("Innsatsområde"),
            " ".join([f"{area['title']}:", area["description"], *area["strategies"]]),
        )
    yield from search.field_texts(plan, "teaser", "lead", "summary", "search_description")


def search_plans(site, pages, text):
    return ThemePlanPage.objects.live().public().in_site(site).search(text, operator="and")


def describe(request, plans):
    return [search.Found(plan.title, plan.get_url(request), plan_texts(plan)) for plan in plans]


search.register(search.Searchable(KIND, gettext_lazy("Temaplaner"), 10, search_plans, describe))
