"""Dates with a precision: a milestone may be known to the day, the month, the quarter or the year.

A value is stored as one date plus a precision. `period` gives the calendar days the value stands
for, `format_date` and `format_span` write it the way Norwegian text does ("13. februar 2020",
"1.–3. kvartal 2020", "30. januar – 2. februar 2020").

Pure functions: no ORM, only the standard library and Django's translation helpers. The patterns
go through gettext with named placeholders, so another language can reorder them later; month
names come from `django.utils.dates.MONTHS` (lowercase in Norwegian Bokmål).
"""

import calendar
from datetime import date

from django.utils.dates import MONTHS
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

DAY = "day"
MONTH = "month"
QUARTER = "quarter"
YEAR = "year"

PRECISIONS = [
    (DAY, _("Dag")),
    (MONTH, _("Måned")),
    (QUARTER, _("Kvartal")),
    (YEAR, _("År")),
]

_VALID = frozenset(value for value, _label in PRECISIONS)


def _check(precision: str) -> None:
    if precision not in _VALID:
        raise ValueError(
            f"Unknown date precision {precision!r}; expected one of "
            f"{', '.join(repr(value) for value, _label in PRECISIONS)}."
        )


def _last_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter(day: date) -> int:
    """1 to 4."""
    return (day.month - 1) // 3 + 1


def _month_name(day: date) -> str:
    return str(MONTHS[day.month])


def period(day: date, precision: str) -> tuple[date, date]:
    """The first and the last calendar day that `day` at `precision` stands for (both inclusive)."""
    _check(precision)
    if precision == DAY:
        return day, day
    if precision == MONTH:
        return day.replace(day=1), _last_of_month(day.year, day.month)
    if precision == QUARTER:
        first_month = 3 * (_quarter(day) - 1) + 1
        return date(day.year, first_month, 1), _last_of_month(day.year, first_month + 2)
    return date(day.year, 1, 1), date(day.year, 12, 31)


def format_date(day: date, precision: str) -> str:
    """`day` written at `precision`: "13. februar 2020", "september 2020", "1. kvartal 2021"."""
    _check(precision)
    if precision == DAY:
        # Translators: a date known to the day, "13. februar 2020". day: 1–31, month: the
        # month's name from Django's catalogue ("februar"/"February"), year: four digits.
        return gettext("%(day)s. %(month)s %(year)s") % {
            "day": day.day,
            "month": _month_name(day),
            "year": day.year,
        }
    if precision == MONTH:
        # Translators: a date known to the month, "september 2020". month: the month's name,
        # year: four digits.
        return gettext("%(month)s %(year)s") % {"month": _month_name(day), "year": day.year}
    if precision == QUARTER:
        # Translators: a date known to the quarter of a year, "1. kvartal 2021" (English "Q1
        # 2021"). quarter: 1–4, year: four digits.
        return gettext("%(quarter)s. kvartal %(year)s") % {
            "quarter": _quarter(day),
            "year": day.year,
        }
    return str(day.year)


def format_span(start: date, end: date | None, precision: str) -> str:
    """The span from `start` to `end`, both at `precision`, written as short as it reads clearly.

    Without an end, or with an end in the same period as the start, this is `format_date(start)`.
    Within one year the shared parts are written once ("1.–3. kvartal 2020",
    "september–november 2020", "13.–14. februar 2020", "30. januar – 2. februar 2020"); years are
    "2020–2022"; anything else is "<start> – <end>". An end before the start is a ValueError.
    """
    _check(precision)
    if end is None or period(start, precision) == period(end, precision):
        return format_date(start, precision)
    if end < start:
        raise ValueError(f"The span ends ({end}) before it starts ({start}).")

    if precision == YEAR:
        # Translators: a span of whole years, "2020–2022". first, last: four-digit years.
        return gettext("%(first)s–%(last)s") % {"first": start.year, "last": end.year}
    if start.year != end.year:
        # Translators: a span across years, "november 2020 – februar 2021". start, end: two
        # dates already written out (a day, month or quarter with its year).
        return gettext("%(start)s – %(end)s") % {
            "start": format_date(start, precision),
            "end": format_date(end, precision),
        }
    if precision == QUARTER:
        # Translators: quarters of one year, "1.–3. kvartal 2020" (English "Q1–Q3 2020").
        # first, last: quarters 1–4, year: four digits.
        return gettext("%(first)s.–%(last)s. kvartal %(year)s") % {
            "first": _quarter(start),
            "last": _quarter(end),
            "year": start.year,
        }
    if precision == MONTH:
        # Translators: months of one year, "september–november 2020". first, last: the months'
        # names, year: four digits.
        return gettext("%(first)s–%(last)s %(year)s") % {
            "first": _month_name(start),
            "last": _month_name(end),
            "year": start.year,
        }
    if start.month == end.month:
        # Translators: days of one month, "13.–14. februar 2020". first, last: days 1–31,
        # month: the month's name, year: four digits.
        return gettext("%(first)s.–%(last)s. %(month)s %(year)s") % {
            "first": start.day,
            "last": end.day,
            "month": _month_name(start),
            "year": start.year,
        }
    # Translators: days in two months of one year, "30. januar – 2. februar 2020". first_day,
    # last_day: days 1–31, first_month, last_month: the months' names, year: four digits.
    return gettext("%(first_day)s. %(first_month)s – %(last_day)s. %(last_month)s %(year)s") % {
        "first_day": start.day,
        "first_month": _month_name(start),
        "last_day": end.day,
        "last_month": _month_name(end),
        "year": start.year,
    }
