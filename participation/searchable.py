"""Published input in the site search, each hit linking to its place on the plan's input page."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.search.backends import get_search_backend

from core import search
from participation.links import PUBLISHED_PER_PAGE, published_path
from participation.models import ParticipationRound, Submission

KIND = "innspill"


def search_input(site, pages, text):
    rounds = ParticipationRound.objects.filter(page__in=pages)
    # Filtered in SQL on the state, so a stale index never shows withdrawn or declined input.
    published = (
        Submission.objects.published().filter(round__in=rounds).select_related("round__page")
    )
    return get_search_backend().search(text, published, operator="and")


def _published_positions(submissions):
    """Each input's place on its plan's published-input page (1 = first), in that page's
    order (newest published first), for all hits in one query."""
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


def _published_url(submission, position):
    page = (position - 1) // PUBLISHED_PER_PAGE + 1 if position else 1
    query = f"?side={page}" if page > 1 else ""
    return f"{published_path(submission.round.page)}{query}#innspill-{submission.reference}"


def describe(request, submissions):
    positions = _published_positions(submissions)
    return [
        search.Found(
            _("Innspill %(reference)s") % {"reference": submission.reference},
            _published_url(submission, positions.get(submission.pk)),
            [("", submission.public_text), (_("Svar fra kommunen"), submission.answer_sent)],
            parent_title=submission.round.page.title,
        )
        for submission in submissions
    ]


search.register(
    search.Searchable(
        KIND, gettext_lazy("Innspill"), 30, search_input, describe, title_is_content=False
    )
)
