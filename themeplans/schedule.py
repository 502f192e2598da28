"""The schedule of all theme plans as a timeline: an axis of years and one row per plan.

Pure functions: no ORM. `timeline` takes the plan summaries the index page already has (dicts with
"page" and "milestones", see `ThemePlanPage.summary_for`) and works only with what each milestone
offers as plain attributes: `title`, `display_date`, `kind`, `get_kind_display` (optional) and
`span` (with `first_day` and `last_day`, both inclusive). Positions are percentages of the axis,
so the template can draw the chart with CSS alone.
"""

from datetime import date, timedelta

from django.utils.translation import gettext

# The narrowest bar, in percent of the axis, so a one-day milestone is still visible.
MIN_WIDTH = 0.8

PAST = "past"
CURRENT = "current"
UPCOMING = "upcoming"


def status(first_day: date, last_day: date, today: date) -> str:
    """PAST once the span has ended, CURRENT while it lasts, UPCOMING before it starts."""
    if last_day < today:
        return PAST
    if first_day <= today:
        return CURRENT
    return UPCOMING


def status_label(value: str) -> str:
    """The Norwegian word for a status: "Gjennomført", "Pågår" or "Kommer"."""
    return {
        PAST: gettext("Gjennomført"),
        CURRENT: gettext("Pågår"),
        UPCOMING: gettext("Kommer"),
    }[value]


def _percent(days: int, total: int) -> float:
    return round(100 * days / total, 3)


def _kind_label(milestone) -> str:
    display = getattr(milestone, "get_kind_display", None)
    return str(display()) if callable(display) else str(getattr(milestone, "kind", ""))


def timeline(plans: list[dict], today: date) -> dict:
    """The axis, one row per plan with milestones, and where today lies.

    Returns a dict:

    - "years": [{"year", "left", "width"}] for every calendar year from the earliest milestone's
      first day to the latest milestone's last day; the current year is always included.
    - "rows": [{"page", "title", "items"}] in the order of `plans`, only plans with milestones;
      each item is {"title", "display_date", "kind", "kind_label", "first_day", "last_day",
      "left", "width", "status", "status_label", "is_past", "is_current", "label_align"}, where
      "label_align" is "end" for bars centred in the right half of the axis, else "start".
    - "without_milestones": the pages of the plans without milestones.
    - "today_left": today's position in percent; "today_align" ("start", "center" or "end") says
      where its label goes so it stays inside the axis near either end.
    - "start", "end": the first and the last day of the axis.

    Left and width are percentages of the axis (0–100, three decimals). Width is at least
    MIN_WIDTH, and a bar never runs past the end of the axis.
    """
    spans = [m.span for plan in plans for m in plan["milestones"]]
    first_year = min([today.year, *(s.first_day.year for s in spans)])
    last_year = max([today.year, *(s.last_day.year for s in spans)])
    start = date(first_year, 1, 1)
    end = date(last_year + 1, 1, 1)  # exclusive
    total = (end - start).days

    years = []
    for year in range(first_year, last_year + 1):
        year_start = date(year, 1, 1)
        days = (date(year + 1, 1, 1) - year_start).days
        years.append(
            {
                "year": year,
                "left": _percent((year_start - start).days, total),
                "width": _percent(days, total),
            }
        )

    rows = []
    without = []
    for plan in plans:
        milestones = list(plan["milestones"])
        if not milestones:
            without.append(plan["page"])
            continue
        items = []
        for milestone in milestones:
            span = milestone.span
            left = _percent((span.first_day - start).days, total)
            width = max(
                _percent((span.last_day + timedelta(days=1) - span.first_day).days, total),
                MIN_WIDTH,
            )
            left = min(left, round(100 - width, 3))
            state = status(span.first_day, span.last_day, today)
            items.append(
                {
                    "title": milestone.title,
                    "display_date": milestone.display_date,
                    "kind": span.kind,
                    "kind_label": _kind_label(milestone),
                    "first_day": span.first_day,
                    "last_day": span.last_day,
                    "left": left,
                    "width": width,
                    "status": state,
                    "status_label": status_label(state),
                    "is_past": state == PAST,
                    "is_current": state == CURRENT,
                    # Labels of bars in the right half end at the bar, so they stay on the axis.
                    "label_align": "end" if left + width / 2 > 50 else "start",
                }
            )
        rows.append({"page": plan["page"], "title": plan["page"].title, "items": items})

    today_left = _percent((today - start).days, total)
    return {
        "years": years,
        "rows": rows,
        "without_milestones": without,
        "today_left": today_left,
        "today_align": "end" if today_left > 90 else "start" if today_left < 10 else "center",
        "start": start,
        "end": end - timedelta(days=1),
    }


def group_goals(goals: list) -> list[dict]:
    """Goals as [{"goal", "sub_goals"}]: a sub-goal sits under its main goal when that is listed.

    A goal whose parent is not among `goals` stands on its own. Uses `parent_id` only, so no query.
    """
    listed = {goal.pk for goal in goals}
    groups = []
    by_pk = {}
    for goal in goals:
        if getattr(goal, "parent_id", None) not in listed:
            by_pk[goal.pk] = {"goal": goal, "sub_goals": []}
            groups.append(by_pk[goal.pk])
    for goal in goals:
        if goal.pk in by_pk:
            continue
        parent = by_pk.get(goal.parent_id)
        if parent is not None:
            parent["sub_goals"].append(goal)
        else:  # the parent is itself a sub-goal: keep the goal visible on its own
            groups.append({"goal": goal, "sub_goals": []})
    return groups
