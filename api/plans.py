"""The plans in the API: the list and one plan in full, with querysets that load each in a fixed
number of queries however many plans, milestones, people and rounds there are."""

from django.db.models import Case, Count, OuterRef, Prefetch, Subquery, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.rich_text import expand_db_html

from api import schemas
from api.pagination import Built, NumberedPages
from core.blocks import resolve_link
from participation import links
from participation.models import ParticipationRound, RoundState, Submission, SubmissionState
from participation.rounds import summarise
from themeplans import phases, schedule
from themeplans.models import Milestone, PlanGoal, PlanPerson, ThemePlanPage
from themeplans.models.plans import today

router = Router(tags=["Temaplaner"])


def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def coded(code, label):
    return {"code": str(code), "label": str(label)}


def published_count(open_at=None):
    """The round's published input, counted in the (round, state) index (an index-only scan),
    per round, not by joining every input; with `open_at`, only for rounds open then (the
    list shows no other count) and 0 for the rest, which costs nothing."""
    counted = Subquery(
        Submission.objects.filter(round=OuterRef("pk"), state=SubmissionState.PUBLISHED)
        .order_by()
        .values("round")
        .annotate(count=Count("*"))
        .values("count")
    )
    count = Coalesce(counted, 0)
    if open_at is None:
        return count
    return Case(When(opens_at__lte=open_at, closes_at__gt=open_at, then=count), default=0)


def rounds_in_order(open_at=None):
    return ParticipationRound.objects.annotate(published_count=published_count(open_at)).order_by(
        "opens_at", "pk"
    )


def milestones_in_order():
    return Milestone.objects.select_related(
        "body", "moved_by__body", "moved_by__document"
    ).order_by("sort_order")


def published_plans(rounds=None):
    """Live plans that anyone may read, in the order of the index, with what the list shows
    (`rounds`: their query, by default every round counted)."""
    if rounds is None:
        rounds = rounds_in_order()
    return (
        ThemePlanPage.objects.live()
        .public()
        .order_by("path")
        .prefetch_related(
            Prefetch("milestones", queryset=milestones_in_order()),
            Prefetch(
                "participation_rounds", queryset=rounds if rounds is not None else rounds_in_order()
            ),
        )
    )


def plan_or_404(plans, slug):
    """The plan with this slug (the first in the tree if two share it), or a 404 that says so."""
    plan = plans.filter(slug=slug).order_by("path").first()
    if plan is None:
        raise HttpError(404, _("Fant ingen publisert temaplan med adressen «%s».") % slug)
    return plan


def plan_in_full(slug):
    plans = published_plans().select_related(
        "mandate_body", "mandate_document", "processing_body", "knowledge_base_document"
    )
    people = Prefetch("people", queryset=PlanPerson.objects.select_related("person"))
    goals = Prefetch("goals", queryset=PlanGoal.objects.select_related("parent"))
    return plan_or_404(plans.prefetch_related(people, goals), slug)


def decision_data(request, decision):
    return {
        "title": decision.title,
        "body": decision.body.name,
        "decided_on": decision.decided_on,
        "case_number": decision.case_number or None,
        "url": absolute(request, decision.href),
    }


def milestone_data(request, milestone, day):
    span = milestone.span
    status = schedule.status(span.first_day, span.last_day, day)
    return {
        "title": milestone.title,
        "kind": coded(milestone.kind, milestone.get_kind_display()),
        "starts_on": milestone.starts_on,
        "ends_on": milestone.ends_on,
        "precision": coded(milestone.precision, milestone.get_precision_display()),
        "first_day": span.first_day,
        "last_day": span.last_day,
        "display_date": milestone.display_date,
        "status": coded(status, schedule.status_label(status)),
        "body": milestone.body.name if milestone.body else None,
        "location": milestone.location or None,
        "url": milestone.link_url or None,
        "original_starts_on": milestone.original_starts_on,
        "display_original_date": milestone.display_original_date or None,
        "moved_by": decision_data(request, milestone.moved_by) if milestone.moved_by else None,
    }


def round_data(request, plan, round, now):
    state = RoundState(round.state_at(now))
    return {
        "id": round.pk,
        "title": round.title,
        "kind": coded(round.kind, round.get_kind_display()),
        "opens_at": timezone.localtime(round.opens_at),
        "closes_at": timezone.localtime(round.closes_at),
        "state": coded(state, state.label),
        "form_url": absolute(request, links.form_path(plan)) if state == RoundState.OPEN else None,
        "published_url": absolute(request, links.published_path(plan)),
        "published_count": round.published_count,
    }


def summary_data(request, plan):
    """What the list shows of a plan; the detail adds to it."""
    day, now = today(), timezone.now()
    milestones = list(plan.milestones.all())
    rounds = plan.participation_rounds.all()
    phase = plan.status(day, milestones, rounds, now).phase  # the pages' phase, rounds included
    upcoming = phases.next_milestone(milestones, day, span=lambda m: m.span)
    open_round = next(iter(summarise(rounds, now)["open"]), None)
    return {
        "id": plan.pk,
        "slug": plan.slug,
        "title": plan.title,
        "url": absolute(request, plan.get_url(request)),
        "api_url": absolute(request, reverse("api:plan", args=[plan.slug])),
        "teaser": plan.teaser,
        "phase": coded(phase.value, phase.label) if phase else None,
        "next_milestone": milestone_data(request, upcoming, day) if upcoming else None,
        "open_round": round_data(request, plan, open_round, now) if open_round else None,
        "last_published_at": plan.last_published_at and timezone.localtime(plan.last_published_at),
    }


def body_data(body):
    if body is None:
        return None
    return {
        "name": body.name,
        "contact_url": body.contact_url or None,
        "contact_email": body.contact_email or None,
    }


def document_data(request, document):
    return {"title": document.title, "url": absolute(request, document.url)} if document else None


def link_data(request, value):
    link = resolve_link(value)
    return {
        "title": str(link["text"] or link["href"]),
        "url": absolute(request, link["href"]),
        "description": value.get("description") or None,
    }


def rich_text(html):
    return expand_db_html(html) if html and html.strip() else None


def detail_data(request, plan):
    day, now = today(), timezone.now()
    return {
        **summary_data(request, plan),
        "lead": plan.lead or None,
        "summary_html": rich_text(plan.summary),
        "mandate": {
            "body": body_data(plan.mandate_body),
            "decided_on": plan.mandate_date,
            "case_number": plan.mandate_case_number or None,
            "url": plan.mandate_url or None,
            "document_url": absolute(request, plan.mandate_document and plan.mandate_document.url),
        },
        "processing_body": body_data(plan.processing_body),
        "topics": [
            {
                "title": topic.value["title"],
                "description": topic.value["description"] or None,
                "subtopics": list(topic.value["subtopics"]),
            }
            for topic in plan.topics
        ],
        "goals": [
            {
                "code": goal.code,
                "title": goal.title,
                "parent_code": goal.parent.code if goal.parent else None,
            }
            for goal in plan.goals.all()  # by code, the snippet's ordering
        ],
        "focus_areas": [
            {
                "title": area.value["title"],
                "description": area.value["description"] or None,
                "strategies": list(area.value["strategies"]),
            }
            for area in plan.focus_areas
        ],
        "milestones": [milestone_data(request, m, day) for m in plan.milestones.all()],
        # Work contacts exactly as the plan page shows them; never the portrait or anything else.
        "people": [
            {
                "name": member.person.name,
                "title": member.person.title,
                "unit": member.person.unit or None,
                "role": coded(member.role, member.get_role_display()),
                "email": member.person.public_email or None,
                "phone": member.person.public_phone or None,
            }
            for member in plan.people.all()  # in the editors' order (Orderable)
        ],
        "knowledge_base": {
            "text_html": rich_text(plan.knowledge_base_text),
            "document": document_data(request, plan.knowledge_base_document),
        },
        "documents": [
            data for block in plan.documents if (data := link_data(request, block.value))["url"]
        ],
        "horizon_years": plan.horizon_years,
        "revision_years": plan.revision_years,
        "adopted_on": plan.adopted_on,
        "rounds": [round_data(request, plan, r, now) for r in plan.participation_rounds.all()],
        "submissions_url": absolute(request, reverse("api:submissions", args=[plan.slug])),
    }


@router.get(
    "/",
    response={200: schemas.PlanPage, 400: schemas.Error, 404: schemas.Error},
    summary="Alle publiserte temaplaner",
    operation_id="list_plans",
    url_name="plans",
)
@paginate(NumberedPages)
def list_plans(request):
    """Planene i samme rekkefølge som på nettstedet, med fase, neste milepæl og åpen runde."""
    plans = published_plans(rounds_in_order(open_at=timezone.now()))
    return Built(plans, lambda plan: summary_data(request, plan))


@router.get(
    "/{slug}/",
    response={200: schemas.PlanDetail, 404: schemas.Error},
    summary="Én temaplan",
    operation_id="get_plan",
    url_name="plan",
)
def get_plan(request, slug: str):
    """Alt planens side viser: mandat, temaer, mål, milepæler, personer, dokumenter, runder."""
    return detail_data(request, plan_in_full(slug))
