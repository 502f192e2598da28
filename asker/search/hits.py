"""What a search result shows: title, address, type and highlighted context, built in bulk."""

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from asker.search.excerpts import Piece, best_excerpt
from participation.links import published_path
from participation.models import Submission
from participation.views.public import PER_PAGE as PUBLISHED_PER_PAGE
from themeplans.models import ThemePlanPage

PLANS, PAGES, INPUT = "temaplaner", "sider", "innspill"
# The types a search can be limited to, by their GET value, in the order hits are listed.
KINDS = {
    PLANS: gettext_lazy("Temaplaner"),
    PAGES: gettext_lazy("Sider"),
    INPUT: gettext_lazy("Innspill"),
}


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    label: str = ""  # where the match is, e.g. «Tema»
    excerpt: list[Piece] = field(default_factory=list)
    plan_title: str = ""  # the plan an input was sent to

    @property
    def kind_label(self):
        return KINDS[self.kind]

    @property
    def title_is_content(self):
        """A page's title is an editor's text; an input's («Innspill 2025-0042») is ours."""
        return self.kind != INPUT


def field_texts(obj, *names):
    """Plain text of the named fields: rich text and StreamFields stripped of their markup."""
    for name in names:
        value = getattr(obj, name, None)
        if not value:
            continue
        model_field = obj._meta.get_field(name)
        if hasattr(model_field, "get_searchable_content"):
            yield "", " ".join(model_field.get_searchable_content(value))
        else:
            yield "", str(value)


def plan_texts(plan):
    """A plan's texts. Topics and focus areas come first: a hit there is named («Tema: …»),
    which says best why the plan matched."""
    for block in plan.topics:
        topic = block.value
        yield _("Tema"), " ".join([f"{topic['title']}:", topic["description"], *topic["subtopics"]])
    for block in plan.focus_areas:
        area = block.value
        yield (
            _("Innsatsområde"),
            " ".join([f"{area['title']}:", area["description"], *area["strategies"]]),
        )
    yield from field_texts(plan, "teaser", "lead", "summary", "search_description")


def page_texts(page):
    return field_texts(page, "search_description", "lead", "intro", "body")


def submission_texts(submission):
    yield "", submission.text
    yield _("Svar fra kommunen"), submission.answer_sent


def _page_hit(kind, page, texts, pattern, request):
    label, pieces = best_excerpt(texts, pattern)
    return Hit(kind, page.title, page.get_url(request), label, pieces)


def _published_positions(submissions):
    """Each input's place on its plan's published-input page (1 = first), in that page's
    order (newest published first), for all hits in one query."""
    if not submissions:
        return {}
    listed_before = (
        Submission.objects.published()
        .filter(round__page_id=OuterRef("round__page_id"))
        .filter(
            Q(published_at__gt=OuterRef("published_at"))
            | Q(published_at=OuterRef("published_at"), pk__gt=OuterRef("pk"))
        )
        .order_by()
        .values("round__page_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return dict(
        Submission.objects.filter(pk__in=[s.pk for s in submissions])
        .annotate(position=Coalesce(Subquery(listed_before), 0) + 1)
        .values_list("pk", "position")
    )


def _submission_url(submission, position):
    page = (position - 1) // PUBLISHED_PER_PAGE + 1 if position else 1
    query = f"?side={page}" if page > 1 else ""
    return f"{published_path(submission.round.page)}{query}#innspill-{submission.reference}"


def build_hits(request, found, pattern):
    """Hits for one page of results: (kind, object) pairs, in order, in a few bulk queries."""
    page_ids = [obj.pk for kind, obj in found if kind == PAGES]
    specific = Page.objects.filter(pk__in=page_ids).specific().in_bulk() if page_ids else {}
    submissions = [obj for kind, obj in found if kind == INPUT]
    positions = _published_positions(submissions)
    hits = []
    for kind, obj in found:
        if kind == PLANS:
            hits.append(_page_hit(kind, obj, plan_texts(obj), pattern, request))
        elif kind == PAGES:
            page = specific.get(obj.pk, obj)
            hits.append(_page_hit(kind, page, page_texts(page), pattern, request))
        else:
            label, pieces = best_excerpt(submission_texts(obj), pattern)
            hits.append(
                Hit(
                    kind,
                    _("Innspill %(reference)s") % {"reference": obj.reference},
                    _submission_url(obj, positions.get(obj.pk)),
                    label,
                    pieces,
                    plan_title=obj.round.page.title,
                )
            )
    return hits


def suggested_plans(site):
    """All plans on the site, for the empty and the no-hit page."""
    return list(ThemePlanPage.objects.live().public().in_site(site).order_by("path"))
