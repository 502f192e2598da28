"""What a page that takes input gets from participation: its innspill addresses, the
«Medvirkning» tab in its editor and the rounds it shows.

The page (with Wagtail's RoutablePageMixin) gives participation one thing:
`participation_topics()`, the labels a sender may pick as the topic of their input. Rounds hang
on the page by their ParentalKey (`participation_rounds`).
"""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from wagtail import hooks
from wagtail.contrib.routable_page.models import path, re_path

from participation import links, summaries
from participation.models import ParticipationRound, Submission, SubmissionState
from participation.plan_editor import ROUNDS, PlanPageForm, rounds_tab
from participation.rounds import summarise
from participation.views import public
from participation.views.faults import database_fault_page

REFERENCE = r"(?P<reference>INN-\d{4}-\d{5,})"

__all__ = ["ParticipationPageMixin", "participation_by_page", "rounds_tab"]


class ParticipationPageMixin:
    """A page that takes input: /<page>/innspill/ (the form), innspill/publiserte/ and
    innspill/vedlegg/<reference>/. The sender's own pages are found by their token instead
    (participation.urls), so their links outlive a renamed or unpublished page."""

    # Refuses to remove a round that has input.
    base_form_class = PlanPageForm
    # A copied page starts without rounds: an open round would take input at once.
    exclude_fields_in_copy = [ROUNDS]

    def participation_topics(self):
        """The labels a sender may pick as the topic of their input; none unless the page
        says."""
        return []

    @path("innspill/", name="participation_form")
    @csrf_exempt  # the form checks CSRF itself, once its upload limit is in place
    def participation_form(self, request):
        return public.form_page(request, self)

    @path("innspill/publiserte/", name="participation_published")
    def participation_published(self, request):
        return public.published_page(request, self)

    @re_path(
        r"^innspill/vedlegg/(?P<reference>INN-\d{4}-\d{5,})/$", name="participation_attachment"
    )
    def participation_attachment(self, request, reference):
        return public.published_attachment(request, self, reference)

    def get_cached_paths(self):
        """The published input changes with the page (core.front_cache); the form is never
        cached."""
        return [*super().get_cached_paths(), links.PUBLISHED]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["participation"] = self.participation_summary()
        return context

    def participation_summary(self):
        """The rounds, where they stand, the published input and the addresses: one query."""
        rounds = self.participation_rounds.all()
        if isinstance(rounds, QuerySet):
            published = Q(submissions__state=SubmissionState.PUBLISHED)
            rounds = list(rounds.annotate(published_count=Count("submissions", filter=published)))
            published_count = sum(r.published_count for r in rounds)
        else:  # a preview: the rounds are the editor's, in memory
            rounds = list(rounds)
            stored = rounds and self.pk
            published_count = Submission.objects.published_on(self).count() if stored else 0
        summaries.prepare(rounds)  # documents and the published summaries' counts
        summary = summarise(rounds, timezone.now())
        summary["published_count"] = published_count
        summary["form_url"] = links.form_path(self)
        summary["published_url"] = links.published_path(self)
        return summary


def participation_by_page(pages):
    """Where participation stands on each of these pages, by pk: one query for them all (the
    cards on an index)."""
    rounds = {page.pk: [] for page in pages}
    for item in ParticipationRound.objects.filter(page_id__in=rounds):
        rounds[item.page_id].append(item)
    now = timezone.now()
    return {pk: summarise(items, now) for pk, items in rounds.items()}


@hooks.register("serve_without_database")
def form_without_database(request, path):
    """With the database away no page can be found, yet the form's address still says that
    nothing was stored and gives the sender their text back (participation.views.faults)."""
    if f"/{path}".endswith(f"/{links.FORM}"):
        return database_fault_page(request)
    return None
