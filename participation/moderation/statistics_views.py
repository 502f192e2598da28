"""The statistics screen in the admin (/admin/innspillsstatistikk/) and its CSV download.

For the people who may see the input listing (permissions.require). Wagtail's ReportView is
a paginated listing of objects with a spreadsheet of those objects; this screen shows counts
in several tables, so it is a plain admin template view like the rounds overview.
"""

from django import forms
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from core.admin_dates import TypedDateInput
from core.spreadsheets import csv_lines
from participation.moderation import charts, permissions, statistics
from participation.moderation.screens import ModerationScreen

STATISTICS = "participation_statistics"
INVALID_DATE = _("Skriv datoen som dd.mm.åååå, for eksempel 31.12.2025.")
# Input exists from 2020 on; the bounds keep date arithmetic clear of year 1 and 9999.
YEARS = range(2000, 2101)

# One colour per state, in statistics.STATES order (received, published, declined, handled
# privately, withdrawn).
STATE_COLOURS = [
    {"fill": charts.PRIMARY},
    {"fill": charts.POSITIVE},
    {"fill": charts.CRITICAL, "text": charts.TEXT},
    {"fill": charts.INFO},
    {"fill": charts.GREY},
]


class StatisticsFilterForm(forms.Form):
    plan = forms.TypedChoiceField(
        label=_("Plan"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Velg en plan fra listen.")},
    )
    from_date = forms.DateField(
        label=_("Mottatt fra og med (dd.mm.åååå)"),
        required=False,
        widget=TypedDateInput,
        error_messages={"invalid": INVALID_DATE},
    )
    to_date = forms.DateField(
        label=_("Mottatt til og med (dd.mm.åååå)"),
        required=False,
        widget=TypedDateInput,
        error_messages={"invalid": INVALID_DATE},
    )

    def __init__(self, data, rounds):
        super().__init__(data)
        plans = {r.page_id: r.page.title for r in rounds}
        self.fields["plan"].choices = [("", gettext("Alle planer")), *plans.items()]

    def _clean_year(self, field):
        day = self.cleaned_data.get(field)
        if day and day.year not in YEARS:
            raise forms.ValidationError(
                gettext("Velg en dato mellom år %(first)s og %(last)s.")
                % {"first": YEARS[0], "last": YEARS[-1]}
            )
        return day

    def clean_from_date(self):
        return self._clean_year("from_date")

    def clean_to_date(self):
        return self._clean_year("to_date")

    def clean(self):
        data = super().clean()
        start, end = data.get("from_date"), data.get("to_date")
        if start and end and end < start:
            self.add_error("to_date", gettext("Til-datoen kan ikke være før fra-datoen."))
        return data

    def period(self):
        return statistics.Period(self.cleaned_data["from_date"], self.cleaned_data["to_date"])

    def description(self):
        """What the figures cover, in words: «Alle planer, mottatt 01.01.2026–31.03.2026»."""
        plan = dict(self.fields["plan"].choices).get(self.cleaned_data["plan"] or "")
        start, end = self.cleaned_data["from_date"], self.cleaned_data["to_date"]
        if start and end:
            period = gettext("mottatt %(start)s–%(end)s")
        elif start:
            period = gettext("mottatt fra og med %(start)s")
        elif end:
            period = gettext("mottatt til og med %(end)s")
        else:
            period = gettext("hele perioden")
        return f"{plan}, " + period % {"start": _day(start), "end": _day(end)}


def _day(day):
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def chart(stats, by_round):
    """Input per plan, or per round when one plan is chosen, split by state."""
    series = [
        charts.Series(state.label, **colours)
        for state, colours in zip(statistics.STATES, STATE_COLOURS, strict=True)
    ]
    if by_round:
        title = gettext("Innspill per runde, etter status")
        rows = [(row.label, row.counts) for row in stats.rounds]
        table = gettext("Innspill per runde")
    else:
        title = gettext("Innspill per plan, etter status")
        rows = [(row.label, row.counts) for row in stats.plans]
        table = gettext("Innspill per plan")
    description = gettext(
        "Liggende stolper med antall innspill, delt i fargene for hver status, og summen etter "
        "stolpen. Tallene står også i tabellen «%(table)s»."
    ) % {"table": table}
    return charts.stacked_bars("innspill-diagram", title, description, rows, series)


def csv_rows(stats, description):
    """The page's tables one after another, each under its heading, with a blank line between."""
    states = [state.label for state in statistics.STATES]
    total = gettext("I alt")

    def figures(row):
        return [*row.counts, row.total]

    return [
        [gettext("Statistikk for innspill"), description],
        [],
        [gettext("Innspill per plan")],
        [gettext("Plan"), *states, total],
        *([row.label, *figures(row)] for row in stats.plans),
        [total, *figures(stats.total)],
        [],
        [gettext("Innspill per runde")],
        [gettext("Plan"), gettext("Innspillsrunde"), gettext("Status for runden"), *states, total],
        *([row.detail, row.label, row.status, *figures(row)] for row in stats.rounds),
        [],
        [gettext("Innspill per type avsender")],
        [gettext("Type avsender"), *states, total],
        *([row.label, *figures(row)] for row in stats.categories),
        [total, *figures(stats.total)],
    ]


def csv_response(rows, today):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="innspill-statistikk-{today.isoformat()}.csv"'
    )
    # The same writer as the input export: «;», BOM, formulas made inert (core.spreadsheets).
    for line in csv_lines(rows[0], rows[1:]):
        response.write(line)
    return response


class StatisticsView(ModerationScreen):
    """Input per plan, round, sender category and state, a chart and a CSV file of the same."""

    page_title = _("Statistikk for innspill")
    header_icon = "table"
    template_name = "participation/admin/statistics.html"

    def get(self, request, *args, **kwargs):
        rounds = statistics.all_rounds()
        self.form = StatisticsFilterForm(request.GET, rounds)
        self.stats = None
        if self.form.is_valid():
            plan_id = self.form.cleaned_data["plan"]
            self.stats = statistics.collect(rounds, plan_id, self.form.period())
            if request.GET.get("format") == "csv":
                rows = csv_rows(self.stats, self.form.description())
                return csv_response(rows, timezone.localdate())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["stats"] = self.stats
        context["states"] = [state.label for state in statistics.STATES]
        if self.stats is not None:
            by_round = self.form.cleaned_data["plan"] is not None
            context["by_round"] = by_round
            context["chart"] = chart(self.stats, by_round)
            context["description"] = self.form.description()
            query = self.request.GET.copy()
            query["format"] = "csv"
            context["csv_url"] = f"{reverse(f'{STATISTICS}:index')}?{query.urlencode()}"
        return context


class StatisticsViewSet(ViewSet):
    name = "innspillsstatistikk"
    url_namespace = STATISTICS
    icon = "table"
    menu_label = _("Statistikk")

    def get_urlpatterns(self):
        return [path("", StatisticsView.as_view(), name="index")]

    @cached_property
    def menu_item_class(self):
        def is_shown(item, request):
            return permissions.policy.user_has_permission(request.user, "view")

        return type("StatisticsMenuItem", (MenuItem,), {"is_shown": is_shown})
