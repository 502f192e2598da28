"""Dates with a precision: the days a value stands for, and how it is written in Norwegian."""

from datetime import date

import pytest
from django.utils.translation import override

from themeplans.dates import (
    DAY,
    MONTH,
    PRECISIONS,
    QUARTER,
    YEAR,
    format_date,
    format_span,
    period,
)


@pytest.fixture(autouse=True)
def norwegian():
    with override("nb"):
        yield


# period


def test_day_covers_only_itself():
    assert period(date(2020, 2, 13), DAY) == (date(2020, 2, 13), date(2020, 2, 13))


def test_month_covers_first_to_last_day_of_the_month():
    assert period(date(2020, 9, 15), MONTH) == (date(2020, 9, 1), date(2020, 9, 30))


def test_month_of_31_days_ends_on_the_31st():
    assert period(date(2020, 1, 31), MONTH) == (date(2020, 1, 1), date(2020, 1, 31))


def test_february_of_a_leap_year_ends_on_the_29th():
    assert period(date(2024, 2, 10), MONTH) == (date(2024, 2, 1), date(2024, 2, 29))


def test_february_of_a_common_year_ends_on_the_28th():
    assert period(date(2023, 2, 10), MONTH) == (date(2023, 2, 1), date(2023, 2, 28))


def test_quarter_covers_three_months_from_january():
    assert period(date(2021, 2, 14), QUARTER) == (date(2021, 1, 1), date(2021, 3, 31))


def test_second_quarter_runs_from_april_to_june():
    assert period(date(2021, 6, 30), QUARTER) == (date(2021, 4, 1), date(2021, 6, 30))


def test_third_quarter_runs_from_july_to_september():
    assert period(date(2020, 7, 1), QUARTER) == (date(2020, 7, 1), date(2020, 9, 30))


def test_fourth_quarter_ends_on_31_december():
    assert period(date(2020, 10, 1), QUARTER) == (date(2020, 10, 1), date(2020, 12, 31))


def test_quarter_is_the_same_whichever_day_of_it_is_stored():
    assert period(date(2020, 1, 1), QUARTER) == period(date(2020, 3, 31), QUARTER)


def test_year_covers_1_january_to_31_december():
    assert period(date(2021, 6, 15), YEAR) == (date(2021, 1, 1), date(2021, 12, 31))


def test_period_rejects_an_unknown_precision():
    with pytest.raises(ValueError, match="week"):
        period(date(2020, 1, 1), "week")


# format_date


def test_day_is_written_with_day_month_name_and_year():
    assert format_date(date(2020, 2, 13), DAY) == "13. februar 2020"


def test_day_is_written_without_a_leading_zero():
    assert format_date(date(2020, 3, 1), DAY) == "1. mars 2020"


def test_month_is_written_with_month_name_and_year():
    assert format_date(date(2020, 9, 15), MONTH) == "september 2020"


def test_quarter_is_written_as_ordinal_kvartal_and_year():
    assert format_date(date(2021, 2, 1), QUARTER) == "1. kvartal 2021"


def test_fourth_quarter_is_written_as_4_kvartal():
    assert format_date(date(2021, 12, 31), QUARTER) == "4. kvartal 2021"


def test_year_is_written_as_the_year_alone():
    assert format_date(date(2021, 6, 1), YEAR) == "2021"


def test_every_month_name_is_lowercase_norwegian():
    names = [format_date(date(2020, month, 1), MONTH).split()[0] for month in range(1, 13)]
    assert names == [
        "januar",
        "februar",
        "mars",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "desember",
    ]


def test_format_date_rejects_an_unknown_precision():
    with pytest.raises(ValueError, match="Unknown date precision"):
        format_date(date(2020, 1, 1), "decade")


def test_every_precision_has_a_norwegian_label():
    assert [(value, str(label)) for value, label in PRECISIONS] == [
        (DAY, "Dag"),
        (MONTH, "Måned"),
        (QUARTER, "Kvartal"),
        (YEAR, "År"),
    ]


# format_span


def test_span_without_end_is_the_start_alone():
    assert format_span(date(2020, 2, 13), None, DAY) == "13. februar 2020"


def test_span_ending_in_the_same_quarter_is_that_quarter_alone():
    assert format_span(date(2021, 1, 1), date(2021, 3, 31), QUARTER) == "1. kvartal 2021"


def test_span_ending_on_the_same_day_is_that_day_alone():
    assert format_span(date(2020, 2, 13), date(2020, 2, 13), DAY) == "13. februar 2020"


def test_quarters_in_one_year_share_kvartal_and_year():
    assert format_span(date(2020, 1, 1), date(2020, 9, 30), QUARTER) == "1.–3. kvartal 2020"


def test_months_in_one_year_share_the_year():
    assert format_span(date(2020, 9, 1), date(2020, 11, 30), MONTH) == "september–november 2020"


def test_days_in_one_month_share_month_and_year():
    assert format_span(date(2020, 2, 13), date(2020, 2, 14), DAY) == "13.–14. februar 2020"


def test_days_in_different_months_of_one_year_share_only_the_year():
    assert format_span(date(2020, 1, 30), date(2020, 2, 2), DAY) == "30. januar – 2. februar 2020"


def test_years_are_joined_by_an_en_dash_without_spaces():
    assert format_span(date(2020, 1, 1), date(2022, 12, 31), YEAR) == "2020–2022"


def test_quarters_in_different_years_are_written_in_full():
    assert (
        format_span(date(2020, 10, 1), date(2021, 3, 31), QUARTER)
        == "4. kvartal 2020 – 1. kvartal 2021"
    )


def test_months_in_different_years_are_written_in_full():
    assert format_span(date(2020, 11, 1), date(2021, 2, 1), MONTH) == "november 2020 – februar 2021"


def test_days_in_different_years_are_written_in_full():
    assert (
        format_span(date(2020, 12, 30), date(2021, 1, 2), DAY)
        == "30. desember 2020 – 2. januar 2021"
    )


def test_span_uses_the_en_dash_character():
    assert "\u2013" in format_span(date(2020, 1, 1), date(2022, 1, 1), YEAR)
    assert "-" not in format_span(date(2020, 1, 30), date(2020, 2, 2), DAY)


def test_span_ending_before_it_starts_is_rejected():
    with pytest.raises(ValueError, match="before it starts"):
        format_span(date(2021, 1, 1), date(2020, 1, 1), QUARTER)


def test_format_span_rejects_an_unknown_precision():
    with pytest.raises(ValueError, match="Unknown date precision"):
        format_span(date(2020, 1, 1), None, "week")
