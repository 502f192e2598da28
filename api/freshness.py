"""ETags for the API, from what its answers are built from, known before any is built: a 304
Not Modified costs a few indexed queries and no serialising.

- The content clock: the public content's version (core.public_content), which goes up with
  every change the public pages are purged for, the admin's or not (a person renamed by a
  script, a document replaced), and the newest entry in Wagtail's logs of pages (publish,
  unpublish, move, privacy) and of snippets edited in the admin, each the top of an index on
  the timestamp.
- Today's date (phases and the next milestone) and each round's state now (open, closed).
- The published counts the answer shows, and for the input list its newest change.
- The address with its query (page, page size), host and language.
"""

from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import ModelLogEntry, PageLogEntry

from api.plans import rounds_in_order
from core import public_content
from core.http_caching import etag_of
from participation.models import Submission, SubmissionState
from themeplans.models import ThemePlanPage
from themeplans.models.plans import today


def content_clock(request):
    newest = [log.objects.aggregate(newest=Max("timestamp"))["newest"] for log in LOGS]
    return [public_content.version(request), *newest]


LOGS = (PageLogEntry, ModelLogEntry)


def addressed(request):
    return (get_language(), request.scheme, request.get_host(), request.get_full_path())


def rounds_now(rounds, now):
    """Each round's state now and the count the answer shows of it."""
    return [(r.pk, r.page_id, r.state_at(now), r.published_count) for r in rounds]


def plans_version(request):
    """/api/plans/: the plans, their rounds' states, the open rounds' counts."""
    now = timezone.now()
    plans = ThemePlanPage.objects.live().public()
    rounds = rounds_in_order(open_at=now).filter(page__in=plans)
    return etag_of(content_clock(request), today(), rounds_now(rounds, now), addressed(request))


def plan_version(request, slug):
    """/api/plans/<slug>/: its rounds' states and counts, on top of the content clock."""
    now = timezone.now()
    plans = ThemePlanPage.objects.live().public().filter(slug=slug)
    rounds = rounds_in_order().filter(page__in=plans)
    return etag_of(content_clock(request), today(), rounds_now(rounds, now), addressed(request))


def submissions_version(request, slug):
    """/api/plans/<slug>/submissions/: the published input on the plan and its newest change
    (published, answered and anonymised input saves `updated_at`; a bulk anonymisation at
    least sets `anonymised_at`)."""
    published = Submission.objects.filter(
        round__page__in=ThemePlanPage.objects.live().public().filter(slug=slug),
        state=SubmissionState.PUBLISHED,
    ).aggregate(
        count=Count("*"),
        changed=Max("updated_at"),
        answered=Max("answered_at"),
        anonymised=Max("anonymised_at"),
    )
    return etag_of(content_clock(request), sorted(published.items()), addressed(request))


def unchanging(request, *args, **kwargs):
    """The index and the OpenAPI description change only with a deployment of new code."""
    return etag_of(addressed(request))


BY_NAME = {
    "plans": plans_version,
    "plan": plan_version,
    "submissions": submissions_version,
    "index": unchanging,
    "openapi-json": unchanging,
}
