"""The filters beside the input listing: plan, round, state, sender, topic and when received.

The listing's exports and bulk actions use the same filters, so «?round=3&export=csv» is the
round's input and nothing else.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Page

from core import outbox
from participation import mails
from participation.models import ParticipationRound, SenderCategory, Submission, SubmissionState


def plans_with_rounds(request):
    return Page.objects.filter(pk__in=ParticipationRound.objects.values("page_id"))


def rounds(request):
    return ParticipationRound.objects.select_related("page").order_by("-opens_at", "-pk")


def topics():
    """The topics input has been given on, as the sender saw them."""
    values = Submission.objects.exclude(topic="").order_by("topic").values_list("topic", flat=True)
    return [(topic, topic) for topic in values.distinct()]


# Input with a mail that failed and has not gone out since, as a condition for filter().
mail_failing = Exists(outbox.failing().filter(about=mails.about_ref(OuterRef("pk"))))


class SubmissionFilterSet(WagtailFilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), field_name="round__page", queryset=plans_with_rounds, empty_label=_("Alle")
    )
    round = django_filters.ModelChoiceFilter(
        label=_("Innspillsrunde"), queryset=rounds, empty_label=_("Alle")
    )
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=SubmissionState.choices,
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
    )
    category = django_filters.ChoiceFilter(
        label=_("Type avsender"),
        choices=SenderCategory.choices,
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
    )
    topic = django_filters.ChoiceFilter(label=_("Tema"), choices=topics, empty_label=_("Alle"))
    received_at = django_filters.DateFromToRangeFilter(
        label=_("Mottatt (fra og med, til og med)"), widget=DateRangePickerWidget
    )
    mail_failed = django_filters.ChoiceFilter(
        label=_("E-post feilet"),
        choices=[("ja", _("Ja: kvittering, varsel eller svar kom ikke fram"))],
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
        method="filter_mail_failed",
    )

    class Meta:
        model = Submission
        fields = ["plan", "round", "state", "category", "topic", "received_at", "mail_failed"]

    def filter_mail_failed(self, queryset, name, value):
        return queryset.filter(mail_failing) if value else queryset


SEARCH_FIELDS = ["reference", "name", "email", "organisation", "text"]


def search(queryset, query):
    """What the listing's search box does: the query, as typed, in any of SEARCH_FIELDS."""
    query = (query or "").strip()
    if not query:
        return queryset
    condition = Q()
    for field in SEARCH_FIELDS:
        condition |= Q(**{f"{field}__icontains": query})
    return queryset.filter(condition)


def listing(request, queryset=None):
    """The input the listing at this request's address shows: filtered and searched.

    Nothing when a filter is invalid, so a bulk action on «all in the listing» never falls back
    to all input."""
    if queryset is None:
        queryset = Submission.objects.all()
    filters = SubmissionFilterSet(request.GET, queryset=queryset, request=request)
    if not filters.is_valid():
        return queryset.none()
    return search(filters.qs, request.GET.get("q"))
