"""The plans in the site search, ranked by core.textmatch: the title first, then the people,
political bodies and case numbers on the plan, then its teaser and topics, then its texts."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import search, textmatch
from core.textmatch import BODY, LEAD, NAMES, TITLE
from themeplans.models import PlanPerson, ThemePlanPage

KIND = "temaplaner"


def _names(plan):
    people = [
        f"{link.person.name}, {link.person.title}" for link in plan.people.all() if link.person
    ]
    bodies = [body.name for body in (plan.mandate_body, plan.processing_body) if body]
    return people, bodies


def plan_texts(plan):
    """(label, plain text) in the order excerpts look for a match: a hit in a topic or a focus
    area is named («Tema: …»), which says best why it matched."""
    for block in plan.topics:
        topic = block.value
        yield _("Tema"), " ".join([f"{topic['title']}:", topic["description"], *topic["subtopics"]])
    for block in plan.focus_areas:
        area = block.value
        yield (
            _("Innsatsområde"),
            " ".join([f"{area['title']}:", area["description"], *area["strategies"]]),
        )
    for name in ("teaser", "lead", "summary", "search_description"):
        yield "", textmatch.plain_text(getattr(plan, name))
    people, bodies = _names(plan)
    if people:
        yield _("Kontakt"), "; ".join(people)
    if bodies or plan.mandate_case_number:
        case = plan.mandate_case_number
        yield (
            _("Politisk behandling"),
            "; ".join([*bodies, _("sak %(number)s") % {"number": case} if case else ""]).strip(
                "; "
            ),
        )


def plan_fields(plan):
    """(weight, text) of everything a plan is found by."""
    people, bodies = _names(plan)
    topic_titles = [block.value["title"] for block in plan.topics]
    area_titles = [block.value["title"] for block in plan.focus_areas]
    return [
        (TITLE, plan.title),
        (NAMES, " ".join([*people, *bodies, plan.mandate_case_number])),
        (LEAD, " ".join([plan.teaser, plan.lead, plan.search_description, *topic_titles])),
        (LEAD, " ".join(area_titles)),
        (BODY, textmatch.plain_text(plan.summary)),
        (BODY, textmatch.plain_text(plan.topics)),
        (BODY, textmatch.plain_text(plan.focus_areas)),
        (BODY, textmatch.plain_text(plan.knowledge_base_text)),
    ]


def search_plans(site, pages, text):
    """The site's live, public plans that match, best first: a list (the site has few plans)."""
    plans = (
        ThemePlanPage.objects.live()
        .public()
        .in_site(site)
        .order_by("path")
        .select_related("mandate_body", "processing_body")
        .prefetch_related(Prefetch("people", queryset=PlanPerson.objects.select_related("person")))
    )
    documents = [textmatch.Document.of(plan, plan_fields(plan)) for plan in plans]
    return textmatch.rank(documents, text.split())


def describe(request, plans):
    return [search.Found(plan.title, plan.get_url(request), plan_texts(plan)) for plan in plans]


search.register(search.Searchable(KIND, gettext_lazy("Temaplaner"), 10, search_plans, describe))
