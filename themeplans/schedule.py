"""The schedule of all theme plans as a timeline: an axis of years and one row per plan.

Pure functions: no ORM. `timeline` takes the plan summaries the index page already has (dicts with
"page", "milestones" and optionally "rounds", see `ThemePlanPage.summary_for`) and works only
with what each milestone offers as plain attributes: `title`, `display_date`, `kind`,
`get_kind_display` (optional) and `span` (with `first_day` and `last_day`, both inclusive); and
with a participation round's `title`, `opens_at` and `closes_at` (aware datetimes).

Positions are percentages of the axis, and each also comes as a pair of classes from a finite set
(`tl-l-<n>` and `tl-w-<n>`, in steps of STEP percent, defined in static/css/timeline.css), so the
page draws the chart with a static stylesheet: no inline style and no nonce.
"""

from datetime import date, datetime, timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext

# The narrowest bar, in percent of the axis, so a one-day milestone is still visible.
MIN_WIDTH = 0.8

# Positions snap to steps of this many percent: 0 to 100 gives 201 classes of each kind.
STEP = 0.5
STEPS = round(100 / STEP)

PAST = "past"
CURRENT = "current"
UPCOMING = "upcoming"
# A participation round drawn beside the milestones: open now, or planned (not opened yet).
ROUND_OPEN = "open"
ROUND_PLANNED = "planned"


def position_classes(left: float, width: float | None = None) -> str:
    """`tl-l-<n>` (and `tl-w-<n>` with a width): the classes that place a mark on the axis."""
    classes = f"tl-l-{min(STEPS, max(0, round(left / STEP)))}"
    if width is not None:
        classes += f" tl-w-{min(STEPS, max(1, round(width / STEP)))}"
    return classes


def position_rules() -> str:
    """The stylesheet rules for every position class (the tests check timeline.css has them)."""
    lines = []
    for prefix, prop in (("l", "--left"), ("w", "--width")):
        for n in range(0 if prefix == "l" else 1, STEPS + 1):
            value = f"{n * STEP:g}"
            lines.append(f".tl-{prefix}-{n} {{ {prop}: {value}%; }}")
    return "\n".join(lines) + "\n"


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


def round_label(value: str) -> str:
    """The Norwegian words for a round on the timeline: "Åpen for innspill" or "Planlagt"."""
    return {
        ROUND_OPEN: gettext("Åpen for innspill"),
        ROUND_PLANNED: gettext("Planlagt innspillsrunde"),
    }[value]


def round_days(item) -> tuple[date, date]:
    """The first and the last day (Oslo, inclusive) a round is open: closing at midnight, the
    round's last day is the day before."""
    first = timezone.localdate(item.opens_at)
    last = timezone.localdate(item.closes_at - timedelta(microseconds=1))
    return first, max(first, last)


def drawn_rounds(rounds, now: datetime) -> list:
    """The rounds the timeline draws: open at `now` or still to open, in order of opening."""
    return sorted((r for r in rounds if now < r.closes_at), key=lambda r: r.opens_at)


def _percent(days: int, total: int) -> float:
    return round(100 * days / total, 3)


def _kind_label(milestone) -> str:
    display = getattr(milestone, "get_kind_display", None)
    return str(display()) if callable(display) else str(getattr(milestone, "kind", ""))


def timeline(plans: list[dict], today: date, now: datetime | None = None) -> dict:
    """The axis, one row per plan with milestones or rounds, and where today lies.

    Returns a dict:

    - "years": [{"year", "left", "width"}] for every calendar year from the earliest milestone's
      first day to the latest milestone's last day; the current year is always included.
    - "rows": [{"page", "title", "items", "rounds", "size"}] in the order of `plans`, only plans
      with milestones or drawn rounds ("size": the plan's rows in the table); each item is
      {"title", "display_date", "kind", "kind_label",
      "first_day", "last_day", "left", "width", "position", "status", "status_label", "is_past",
      "is_current", "label_align"}, where "label_align" is "end" for bars centred in the right
      half of the axis, else "start", and "position" the classes that place it. "rounds" are the
      plan's open and planned participation rounds (`drawn_rounds`), drawn beside the
      milestones: {"title", "display_date", "first_day", "last_day", "left", "width",
      "position", "status" (ROUND_OPEN or ROUND_PLANNED), "status_label", "label_align"}.
    - "without_milestones": the pages of the plans with neither.
    - "today_left": today's position in percent, "today_position" its class; "today_align"
      ("start", "center" or "end") says where its label goes so it stays inside the axis near
      either end.
    - "has_rounds": whether any row draws a round (the legend then explains them).
    - "start", "end": the first and the last day of the axis.

    Left and width are percentages of the axis (0–100, three decimals). Width is at least
    MIN_WIDTH, and a bar never runs past the end of the axis.
    """
    now = now or timezone.now()
    drawn = {id(plan): drawn_rounds(plan.get("rounds", ()), now) for plan in plans}
    spans = [m.span for plan in plans for m in plan["milestones"]]
    spans += [_DaySpan(*round_days(r)) for plan in plans for r in drawn[id(plan)]]
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
                "position": position_classes(
                    _percent((year_start - start).days, total), _percent(days, total)
                ),
            }
        )

    rows = []
    without = []
    for plan in plans:
        milestones = list(plan["milestones"])
        rounds = drawn[id(plan)]
        if not milestones and not rounds:
            without.append(plan["page"])
            continue
        items = []
        for milestone in milestones:
            span = milestone.span
            left, width = _place(span.first_day, span.last_day, start, total)
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
                    "position": position_classes(left, width),
                    "status": state,
                    "status_label": status_label(state),
                    "is_past": state == PAST,
                    "is_current": state == CURRENT,
                    # Labels of bars in the right half end at the bar, so they stay on the axis.
                    "label_align": "end" if left + width / 2 > 50 else "start",
                }
            )
        round_items = []
        for item in rounds:
            first_day, last_day = round_days(item)
            left, width = _place(first_day, last_day, start, total)
            state = ROUND_OPEN if item.opens_at <= now else ROUND_PLANNED
            round_items.append(
                {
                    "title": item.title,
                    "display_date": _round_dates(first_day, last_day),
                    "first_day": first_day,
                    "last_day": last_day,
                    "left": left,
                    "width": width,
                    "position": position_classes(left, width),
                    "status": state,
                    "status_label": round_label(state),
                    "label_align": "end" if left + width / 2 > 50 else "start",
                }
            )
        rows.append(
            {
                "page": plan["page"],
                "title": plan["page"].title,
                "items": items,
                "rounds": round_items,
                "size": len(items) + len(round_items),
            }
        )

    today_left = _percent((today - start).days, total)
    return {
        "years": years,
        "rows": rows,
        "without_milestones": without,
        "today_left": today_left,
        "today_position": position_classes(today_left),
        "has_rounds": any(row["rounds"] for row in rows),
        # Centred only with a quarter of the axis on each side: on a phone at 200 % text the label
        # is about half as wide as that quarter allows, and must not run out of the chart.
        "today_align": "end" if today_left > 75 else "start" if today_left < 25 else "center",
        "start": start,
        "end": end - timedelta(days=1),
    }


class _DaySpan:
    def __init__(self, first_day: date, last_day: date):
        self.first_day, self.last_day = first_day, last_day


def _place(first_day: date, last_day: date, start: date, total: int) -> tuple[float, float]:
    """Left and width in percent of the axis; never narrower than MIN_WIDTH nor past the end."""
    left = _percent((first_day - start).days, total)
    width = max(_percent((last_day + timedelta(days=1) - first_day).days, total), MIN_WIDTH)
    return min(left, round(100 - width, 3)), width


def _round_dates(first_day: date, last_day: date) -> str:
    first = formats.date_format(first_day, "DATE_FORMAT")
    last = formats.date_format(last_day, "DATE_FORMAT")
    return first if first == last else f"{first} – {last}"


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
