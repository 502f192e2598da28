"""The filters beside the input listing: plan, round, state, sender, topic, when received, and
the moderators' desk: answered or not, who handles it («Mine»), and the round's tags.

The listing's exports and bulk actions use the same filters, so «?round=3&export=csv» is the
round's input and nothing else.
"""

import re

import django_filters
from django import forms
from django.db import connections, router
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Page

from core import outbox
from participation import answer_approval, mails
from participation.models import (
    ParticipationRound,
    RoundTag,
    SenderCategory,
    Submission,
    SubmissionState,
)
from participation.moderation import assignment


def plans_with_rounds(request):
    return Page.objects.filter(pk__in=ParticipationRound.objects.values("page_id"))


def rounds(request):
    return ParticipationRound.objects.select_related("page").order_by("-opens_at", "-pk")


# Each distinct topic found by one step down the topic index (migration 0009) from the one
# before, so the query reads as many index entries as there are topics, not one per input: a
# plain DISTINCT read all 100,000 rows on every load of the listing.
DISTINCT_TOPICS = """
WITH RECURSIVE found(topic) AS (
    SELECT min(topic) FROM {table} WHERE topic > ''
    UNION ALL
    SELECT (SELECT min(topic) FROM {table} WHERE topic > found.topic)
    FROM found WHERE found.topic IS NOT NULL
)
SELECT topic FROM found WHERE topic IS NOT NULL
"""


def topics():
    """The topics input has been given on, as the sender saw them, in the database's order
    (the index is walked in it, as ORDER BY topic would)."""
    connection = connections[router.db_for_read(Submission)]
    table = connection.ops.quote_name(Submission._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(DISTINCT_TOPICS.format(table=table))
        return [(topic, topic) for (topic,) in cursor.fetchall()]


# Input that waits for an answer: none has gone out, and the sender has not withdrawn it (the
# dashboard counts the same, by the index submission_unanswered).
unanswered = Q(answered_at__isnull=True) & ~Q(state=SubmissionState.WITHDRAWN)
ANSWERED, UNANSWERED = "ja", "nei"
MINE, NOBODY = "mine", "ingen"


def assignees():
    """«Mine», «Ingen», then every moderator by name: one query."""
    return [
        (MINE, _("Mine")),
        (NOBODY, _("Ikke tildelt")),
        *((str(user.pk), assignment.user_label(user)) for user in assignment.moderators()),
    ]


def tags(request):
    return RoundTag.objects.select_related("round").order_by("round__title", "name")


class TagChoiceFilter(django_filters.ModelChoiceFilter):
    """A tag named with its round, as two rounds may both have «Trafikk»."""

    @property
    def field(self):
        field = super().field
        field.label_from_instance = lambda tag: f"{tag.name} ({tag.round.title})"
        return field


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
    answer_waiting = django_filters.ChoiceFilter(
        label=_("Svar venter på godkjenning"),
        choices=[("ja", _("Ja: en annen moderator må godkjenne svaret"))],
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
        method="filter_answer_waiting",
    )

    answered = django_filters.ChoiceFilter(
        label=_("Besvart"),
        choices=[
            (ANSWERED, _("Besvart: svaret er sendt")),
            (UNANSWERED, _("Ikke besvart (trukket tilbake regnes ikke med)")),
        ],
        empty_label=_("Alle"),
        widget=forms.RadioSelect,
        method="filter_answered",
    )
    assigned = django_filters.ChoiceFilter(
        label=_("Saksbehandler"),
        choices=assignees,
        empty_label=_("Alle"),
        method="filter_assigned",
    )
    tag = TagChoiceFilter(
        label=_("Stikkord"), field_name="tags", queryset=tags, empty_label=_("Alle")
    )

    class Meta:
        model = Submission
        fields = [
            "plan",
            "round",
            "state",
            "answered",
            "assigned",
            "tag",
            "category",
            "topic",
            "received_at",
            "mail_failed",
            "answer_waiting",
        ]

    def filter_mail_failed(self, queryset, name, value):
        return queryset.filter(mail_failing) if value else queryset

    def filter_answer_waiting(self, queryset, name, value):
        return queryset.filter(answer_approval.waiting) if value else queryset

    def filter_answered(self, queryset, name, value):
        if value == ANSWERED:
            return queryset.filter(answered_at__isnull=False)
        return queryset.filter(unanswered)

    def filter_assigned(self, queryset, name, value):
        if value == MINE:
            user = getattr(self.request, "user", None)
            if user is None or not user.is_authenticated:
                return queryset.none()  # a background export whose orderer is deleted
            return queryset.filter(assigned_to=user)
        if value == NOBODY:
            return queryset.filter(assigned_to__isnull=True)
        return queryset.filter(assigned_to_id=value)


SEARCH_FIELDS = ["reference", "name", "email", "organisation", "text"]

# A reference as a moderator types it, whole or its start: «INN-2026-00042», «inn-2026-0004»,
# «INN-2026», or without the letters, «2026-00042» (Submission.reference_for makes them).
REFERENCE_START = re.compile(r"INN(?:-\d{0,4}|-\d{4}-\d*)?", re.ASCII)
REFERENCE_WITHOUT_LETTERS = re.compile(r"\d{4}-\d*", re.ASCII)


def reference_prefix(query):
    """The start of a reference the query is, as stored (upper case), or None.

    Every reference is «INN-» + year + «-» + number, so such a query can only match a reference
    from its first character: a prefix lookup on the unique index finds exactly what «contains»
    over the reference did."""
    query = query.upper()
    if REFERENCE_START.fullmatch(query):
        return query
    if REFERENCE_WITHOUT_LETTERS.fullmatch(query):
        return f"INN-{query}"
    return None


def search(queryset, query):
    """What the listing's search box does: the query, as typed, in any of SEARCH_FIELDS.

    A query shaped like a reference looks up the reference alone, by its start: one probe of
    the reference's btree index. Across the five columns PostgreSQL had to intersect the
    trigrams «INN», «NN-», «-20» … that every one of 100,000 references holds, for the page and
    again for the count, and could walk the whole listing order testing rows when it guessed
    wrong how rare the match is (2.2 s in one measurement). Input whose text merely mentions
    a reference is not found by it."""
    query = (query or "").strip()
    if not query:
        return queryset
    prefix = reference_prefix(query)
    if prefix:
        return queryset.filter(reference__startswith=prefix)
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
