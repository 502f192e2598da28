"""Published input in the site search, each hit linking to its place on the plan's input page.

Input is searched in its own table, not in Wagtail's search index, and only published input:
on PostgreSQL through partial indexes that hold published rows only (asker migration 0005), so
receiving, declining or answering unpublished input costs no index work, and input that stops
being published (withdrawn, anonymised) leaves the search with its state. Norwegian full text
with every word matched as a word start («sykkel» finds «sykkelveien»), and trigram
similarity (pg_trgm) for a misspelt or compound word. SQLite matches each word as a substring.
"""

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy

from core import search
from participation.links import PUBLISHED_PER_PAGE, published_path
from participation.models import ParticipationRound, Submission

KIND = "innspill"

# The same expressions as the partial indexes in asker/migrations/0007, so PostgreSQL uses them.
# The public version only (Submission.public_text): a redacted word is never found.
PUBLIC_TEXT = "coalesce(nullif(redacted_text, ''), text)"
FULL_TEXT = f"to_tsvector('norwegian'::regconfig, {PUBLIC_TEXT} || ' ' || answer_sent)"
PUBLISHED = "SELECT id FROM participation_submission WHERE state = 'published'"
FOUND = f"{FULL_TEXT} @@ to_tsquery('norwegian'::regconfig, %s)"
# More than the search page ever lists (asker.search.views.MAX_HITS): the newest this many.
BOUND = 1000
# Full text from its GIN index; only when it finds nothing at all, trigram similarity (a
# one-time filter on the materialised first branch: PostgreSQL skips the second when the
# first has rows). Each branch is bounded and uses its own partial index.
MATCHING = f"""
    WITH found AS MATERIALIZED (
        {PUBLISHED} AND round_id = ANY(ARRAY(%s)) AND {FOUND}
        ORDER BY published_at DESC, id DESC LIMIT {BOUND}
    )
    SELECT id FROM found
    UNION ALL
    ({PUBLISHED} AND round_id = ANY(ARRAY(%s)) AND NOT EXISTS (SELECT 1 FROM found)
        AND %s <%% ({PUBLIC_TEXT}) LIMIT {BOUND})
"""


def _postgres_match(terms, rounds):
    """Every word as a word start in the stemmed text, else the query close to a word: the ids,
    read in one query of their own, so the planner cannot fold the branches into the outer
    query's order (which it did, row by row, at 100,000 inputs)."""
    tsquery = " & ".join(f"{term}:*" for term in terms)
    rounds_sql, rounds_params = rounds.values("pk").query.sql_with_params()
    sql = MATCHING.replace("ARRAY(%s)", f"ARRAY({rounds_sql})")
    params = (*rounds_params, tsquery, *rounds_params, " ".join(terms))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _sqlite_match(terms):
    condition = Q()
    for term in terms:
        in_public_text = Q(redacted_text="", text__icontains=term) | Q(
            redacted_text__icontains=term
        )
        condition &= in_public_text | Q(answer_sent__icontains=term)
    return condition


def search_input(site, pages, text):
    """Matching published input on the site's live, public plans, newest published first."""
    terms = [term.replace("_", "") for term in text.split()]
    terms = [term for term in terms if term]
    rounds = ParticipationRound.objects.filter(page__in=pages)
    if not terms:
        return Submission.objects.none()
    if connection.vendor == "postgresql":
        # The ids are published input on these rounds already: the rest is by primary key.
        published = Submission.objects.filter(pk__in=_postgres_match(terms, rounds))
    else:
        published = Submission.objects.published().filter(round__in=rounds)
        published = published.filter(_sqlite_match(terms))
    return published.select_related("round__page").order_by("-published_at", "-pk")


# For each hit (id, plan, published_at): how many published inputs on its plan are listed
# before it, counted along the partial index (round_id, published_at, id) of asker 0005.
POSITIONS = """
    SELECT hit.id, 1 + (
        SELECT COUNT(*) FROM participation_submission other
        WHERE other.state = 'published'
        AND other.round_id IN (
            SELECT id FROM participation_participationround WHERE page_id = hit.page_id
        )
        AND (other.published_at, other.id) > (hit.published_at, hit.id)
    )
    FROM participation_submission hit
    INNER JOIN participation_participationround round ON round.id = hit.round_id
    WHERE hit.id IN ({ids})
"""


def _published_positions(submissions):
    """Each input's place on its plan's published-input page (1 = first), in that page's
    order (newest published first), for all hits in one query."""
    ids = [submission.pk for submission in submissions]
    if not ids:
        return {}
    sql = POSITIONS.replace("hit.page_id", "round.page_id").format(ids=", ".join(["%s"] * len(ids)))
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return dict(cursor.fetchall())


def _published_url(submission, position):
    page = (position - 1) // PUBLISHED_PER_PAGE + 1 if position else 1
    query = f"?side={page}" if page > 1 else ""
    return f"{published_path(submission.round.page)}{query}#innspill-{submission.reference}"


def describe(request, submissions):
    """Each input titled «Innspill til <the plan>» (a link apart from the plan's own); its text
    and the answer as excerpts."""
    positions = _published_positions(submissions)
    return [
        search.Found(
            gettext("Innspill til %(plan)s") % {"plan": submission.round.page.title},
            _published_url(submission, positions.get(submission.pk)),
            [
                ("", submission.public_text),
                (gettext_lazy("Svar fra kommunen"), submission.answer_sent),
            ],
        )
        for submission in submissions
    ]


search.register(search.Searchable(KIND, gettext_lazy("Innspill"), 30, search_input, describe))
