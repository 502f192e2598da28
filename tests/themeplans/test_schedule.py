"""The timeline of all plans, worked out from plain objects (no database)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils.translation import override

from themeplans.phases import ADOPTION, MANDATE, PARTICIPATION, MilestoneSpan
from themeplans.schedule import (
    CURRENT,
    MIN_WIDTH,
    PAST,
    ROUND_OPEN,
    ROUND_PLANNED,
    UPCOMING,
    group_goals,
    position_classes,
    position_rules,
    status,
    status_label,
    timeline,
)


@pytest.fixture(autouse=True)
def norwegian():
    with override("nb"):
        yield


@dataclass
class FakeMilestone:
    title: str
    kind: str
    first_day: date
    last_day: date
    display_date: str = ""

    @property
    def span(self):
        return MilestoneSpan(self.kind, self.first_day, self.last_day)

    def get_kind_display(self):
        return {MANDATE: "Mandat", PARTICIPATION: "Medvirkning", ADOPTION: "Vedtak"}[self.kind]


@dataclass
class FakePage:
    title: str


@dataclass
class FakeGoal:
    pk: int
    code: str
    parent_id: int | None = None
    children: list = field(default_factory=list)


def plan(title, *milestones):
    return {
        "page": FakePage(title),
        "phase": None,
        "next_milestone": None,
        "milestones": list(milestones),
    }


CLIMATE = plan(
    "Klima",
    FakeMilestone("Mandat", MANDATE, date(2020, 2, 13), date(2020, 2, 13), "13. februar 2020"),
    FakeMilestone(
        "Medvirkning", PARTICIPATION, date(2020, 1, 1), date(2020, 9, 30), "1.–3. kvartal 2020"
    ),
    FakeMilestone("Vedtak", ADOPTION, date(2021, 1, 1), date(2021, 3, 31), "1. kvartal 2021"),
)


def test_axis_runs_from_first_milestone_year_to_today_year():
    result = timeline([CLIMATE], date(2022, 6, 1))
    assert [y["year"] for y in result["years"]] == [2020, 2021, 2022]
    assert result["years"][0]["left"] == 0
    assert result["start"] == date(2020, 1, 1)
    assert result["end"] == date(2022, 12, 31)
    assert sum(y["width"] for y in result["years"]) == pytest.approx(100, abs=0.01)


def test_axis_runs_to_the_last_milestone_year_when_that_is_later():
    later = plan("Kultur", FakeMilestone("Vedtak", ADOPTION, date(2027, 1, 1), date(2027, 3, 31)))
    result = timeline([CLIMATE, later], date(2022, 6, 1))
    assert [y["year"] for y in result["years"]] == list(range(2020, 2028))


def test_axis_always_includes_the_current_year():
    result = timeline([CLIMATE], date(2019, 6, 1))
    assert result["years"][0]["year"] == 2019
    assert result["years"][-1]["year"] == 2021


def test_no_milestones_gives_only_the_current_year_and_no_rows():
    empty = plan("Kultur")
    result = timeline([empty], date(2024, 7, 2))
    assert [y["year"] for y in result["years"]] == [2024]
    assert result["rows"] == []
    assert result["without_milestones"] == [empty["page"]]
    assert 0 < result["today_left"] < 100


def test_rows_keep_plan_order_and_leave_out_plans_without_milestones():
    empty = plan("Kultur")
    result = timeline([empty, CLIMATE], date(2021, 2, 1))
    assert [row["title"] for row in result["rows"]] == ["Klima"]
    assert result["without_milestones"] == [empty["page"]]
    items = result["rows"][0]["items"]
    assert [item["title"] for item in items] == ["Mandat", "Medvirkning", "Vedtak"]
    assert items[1]["display_date"] == "1.–3. kvartal 2020"
    assert items[1]["kind"] == PARTICIPATION
    assert items[1]["kind_label"] == "Medvirkning"


def test_positions_are_percentages_of_the_axis():
    # Axis 2020-01-01 .. 2021-12-31: 731 days.
    result = timeline([CLIMATE], date(2021, 2, 1))
    participation = result["rows"][0]["items"][1]
    assert participation["left"] == 0
    assert participation["width"] == pytest.approx(100 * 274 / 731, abs=0.001)
    adoption = result["rows"][0]["items"][2]
    assert adoption["left"] == pytest.approx(100 * 366 / 731, abs=0.001)
    assert result["today_left"] == pytest.approx(100 * 397 / 731, abs=0.001)


def test_one_day_milestone_gets_the_minimum_width():
    result = timeline([CLIMATE], date(2026, 11, 23))
    mandate = result["rows"][0]["items"][0]
    assert mandate["width"] == MIN_WIDTH


def test_bar_never_runs_past_the_end_of_the_axis():
    last_day = plan(
        "Sent", FakeMilestone("Mandat", MANDATE, date(2020, 12, 31), date(2020, 12, 31))
    )
    item = timeline([last_day], date(2020, 6, 1))["rows"][0]["items"][0]
    assert item["left"] + item["width"] <= 100


def test_past_current_and_upcoming():
    result = timeline([CLIMATE], date(2020, 9, 30))
    mandate, participation, adoption = result["rows"][0]["items"]
    assert (mandate["is_past"], mandate["is_current"], mandate["status"]) == (True, False, PAST)
    assert (participation["is_past"], participation["is_current"]) == (False, True)
    assert participation["status_label"] == "Pågår"
    assert (adoption["is_past"], adoption["is_current"], adoption["status"]) == (
        False,
        False,
        UPCOMING,
    )
    assert adoption["status_label"] == "Kommer"
    assert mandate["status_label"] == "Gjennomført"


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2020, 1, 31), UPCOMING),
        (date(2020, 2, 1), CURRENT),
        (date(2020, 2, 29), CURRENT),
        (date(2020, 3, 1), PAST),
    ],
)
def test_status_treats_both_days_as_inclusive(today, expected):
    assert status(date(2020, 2, 1), date(2020, 2, 29), today) == expected


def test_status_label_unknown_is_an_error():
    with pytest.raises(KeyError):
        status_label("later")


def test_group_goals_puts_listed_sub_goals_under_their_main_goal():
    main = FakeGoal(1, "1")
    sub = FakeGoal(2, "1.1", parent_id=1)
    orphan = FakeGoal(3, "2.1", parent_id=9)
    other = FakeGoal(4, "3")
    groups = group_goals([main, sub, orphan, other])
    assert [(g["goal"].code, [s.code for s in g["sub_goals"]]) for g in groups] == [
        ("1", ["1.1"]),
        ("2.1", []),
        ("3", []),
    ]


def test_group_goals_keeps_a_goal_whose_parent_is_a_sub_goal():
    groups = group_goals([FakeGoal(1, "1"), FakeGoal(2, "1.1", 1), FakeGoal(3, "1.1.1", 2)])
    assert [g["goal"].code for g in groups] == ["1", "1.1.1"]
    assert [s.code for s in groups[0]["sub_goals"]] == ["1.1"]


def test_labels_of_bars_in_the_right_half_end_at_the_bar():
    result = timeline([CLIMATE], date(2021, 2, 1))
    items = result["rows"][0]["items"]
    assert [item["label_align"] for item in items] == ["start", "start", "end"]


@pytest.mark.parametrize(
    ("today", "align"),
    [
        (date(2020, 1, 10), "start"),
        (date(2020, 12, 1), "center"),
        (date(2021, 10, 1), "end"),
        (date(2021, 12, 20), "end"),
    ],
)
def test_today_label_stays_inside_the_axis(today, align):
    assert timeline([CLIMATE], today)["today_align"] == align


# Participation rounds beside the milestones, and positions as classes (no inline style)


@dataclass
class FakeRound:
    title: str
    opens_at: datetime
    closes_at: datetime


OSLO = ZoneInfo("Europe/Oslo")


def oslo(*args):
    return datetime(*args, tzinfo=OSLO)


def test_open_and_planned_rounds_are_drawn_beside_the_milestones():
    now = oslo(2026, 12, 3, 12)
    rounds = [
        FakeRound("Gammel", oslo(2020, 1, 1), oslo(2020, 9, 30, 23, 59)),
        FakeRound("Neste", oslo(2027, 3, 1), oslo(2027, 4, 12)),  # closes at midnight
        FakeRound("Revisjon", oslo(2026, 11, 26), oslo(2027, 1, 2, 23, 59)),
    ]
    result = timeline([{**CLIMATE, "rounds": rounds}], now.date(), now)
    row = result["rows"][0]
    assert [(r["title"], r["status"], r["status_label"]) for r in row["rounds"]] == [
        ("Revisjon", ROUND_OPEN, "Åpen for innspill"),
        ("Neste", ROUND_PLANNED, "Planlagt innspillsrunde"),
    ]
    assert row["size"] == 3 + 2
    neste = row["rounds"][1]
    assert (neste["first_day"], neste["last_day"]) == (date(2027, 3, 1), date(2027, 4, 11))
    assert neste["display_date"] == "1. mars 2027 – 11. april 2027"
    # The axis reaches the planned round's year, and its bar starts where its first day is.
    assert result["end"] == date(2027, 12, 31)
    total = (date(2028, 1, 1) - date(2020, 1, 1)).days
    assert neste["left"] == pytest.approx(
        100 * (date(2027, 3, 1) - date(2020, 1, 1)).days / total, abs=0.001
    )
    assert result["has_rounds"]


def test_a_plan_with_only_an_open_round_gets_a_row():
    now = oslo(2026, 12, 3, 12)
    only = {**plan("Kultur"), "rounds": [FakeRound("Tidlig", oslo(2026, 12, 1), oslo(2027, 1, 1))]}
    result = timeline([only], now.date(), now)
    assert [row["title"] for row in result["rows"]] == ["Kultur"]
    assert result["rows"][0]["items"] == [] and result["without_milestones"] == []


def test_without_rounds_nothing_is_drawn_for_them():
    result = timeline([CLIMATE], date(2021, 2, 1))
    assert result["rows"][0]["rounds"] == [] and not result["has_rounds"]


@pytest.mark.parametrize(
    "left, width, classes",
    [
        (0, 0.8, "tl-l-0 tl-w-2"),
        (50.26, 12.74, "tl-l-101 tl-w-25"),
        (99.9, 0.1, "tl-l-200 tl-w-1"),
        (-3, None, "tl-l-0"),
        (120, 130, "tl-l-200 tl-w-200"),
    ],
)
def test_positions_snap_to_a_finite_set_of_classes(left, width, classes):
    assert position_classes(left, width) == classes


def test_every_mark_carries_its_position_classes():
    result = timeline([CLIMATE], date(2021, 2, 1))
    adoption = result["rows"][0]["items"][2]
    assert adoption["position"] == position_classes(adoption["left"], adoption["width"])
    assert result["today_position"] == position_classes(result["today_left"])
    assert result["years"][1]["position"] == position_classes(50.068, 49.932)


def test_the_stylesheet_defines_every_position_class():
    """The static stylesheet has the rules the classes need, so no page needs a nonce."""
    css = (settings.BASE_DIR / "static" / "css" / "timeline.css").read_text()
    assert position_rules() in css
    assert ".tl-l-200 { --left: 100%; }" in css and ".tl-w-1 { --width: 0.5%; }" in css
