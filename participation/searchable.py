"""Published input in the site search, each hit linking to its place on the plan's input page.

Input is searched in its own table, not in Wagtail's search index, and only published input:
on PostgreSQL through partial indexes that hold published rows only (asker migration 0005), so
receiving, declining or answering unpublished input costs no index work, and input that stops
being published (withdrawn, anonymised) leaves the search with its state. Norwegian full text
with every word matched as a word start («sykkel» finds «sykkelveien»), and trigram
similarity (pg_trgm) for a misspelt or compound word. SQLite matches each word as a substring.
"""

from django.db import connection
from django.db.models import BooleanField, Count, OuterRef, Q, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy

from core import search
from participation.links import PUBLISHED_PER_PAGE, published_path
from participation.models import ParticipationRound, Submission

KIND = "innspill"

# The same expressions as the partial indexes in asker/migrations/0005, so PostgreSQL uses them.
FULL_TEXT = "to_tsvector('norwegian'::regconfig, text || ' ' || answer_sent)"


def _postgres_match(terms):
    """Every word as a word start in the stemmed text, or the query close to a word of the text."""
    tsquery = " & ".join(f"{term}:*" for term in terms)
    return RawSQL(
        f"({FULL_TEXT} @@ to_tsquery('norwegian'::regconfig, %s) OR %s <%% text)",
        (tsquery, " ".join(terms)),
        output_field=BooleanField(),
    )


def _sqlite_match(terms):
    condition = Q()
    for term in terms:
        condition &= Q(text__icontains=term) | Q(answer_sent__icontains=term)
    return condition


def search_input(site, pages, text):
    """Matching published input on the site's live, public plans, newest published first."""
    terms = [term.replace("_", "") for term in text.split()]
    terms = [term for term in terms if term]
    published = Submission.objects.published().filter(
        round__in=ParticipationRound.objects.filter(page__in=pages)
    )
    if not terms:
        return published.none()
    if connection.vendor == "postgresql":
        published = published.filter(_postgres_match(terms))
    else:
        published = published.filter(_sqlite_match(terms))
    return published.select_related("round__page").order_by("-published_at", "-pk")


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
    """Each input titled with the plan it was sent to; its text and the answer as excerpts."""
    positions = _published_positions(submissions)
    return [
        search.Found(
            submission.round.page.title,
            _published_url(submission, positions.get(submission.pk)),
            [
                ("", submission.public_text),
                (gettext_lazy("Svar fra kommunen"), submission.answer_sent),
            ],
        )
        for submission in submissions
    ]


search.register(search.Searchable(KIND, gettext_lazy("Innspill"), 30, search_input, describe))
