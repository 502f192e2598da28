"""Input counted for staff: per plan, per round and per sender category, each split by state.

Two queries whatever the amount of input: the rounds with their plans, and one aggregate of
input grouped by round, category and state. The tables are made from those in Python by pure
functions, so the page, the chart and the CSV file show the same figures. Only counts and the
titles of plans and rounds: no personal data.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext

from participation.models import ParticipationRound, RoundState, SenderCategory, Submission
from participation.models import SubmissionState as State

STATES = tuple(State)


@dataclass(frozen=True)
class Row:
    """One line of a table: what is counted and the count in each state, in STATES order."""

    label: str
    counts: tuple[int, ...]
    detail: str = ""  # the plan, for a round
    status: str = ""  # whether a round is open, for a round

    @property
    def total(self):
        return sum(self.counts)

    def by_state(self):
        return [(state.label, count) for state, count in zip(STATES, self.counts, strict=True)]


@dataclass(frozen=True)
class Statistics:
    total: Row
    plans: list[Row]
    rounds: list[Row]
    categories: list[Row]


@dataclass(frozen=True)
class Period:
    """Received from `start` to `end`, both days included and either open, in Norwegian time."""

    start: date | None = None
    end: date | None = None

    def bounds(self):
        def midnight(day):
            return timezone.make_aware(datetime.combine(day, time.min))

        return {
            **({"received_at__gte": midnight(self.start)} if self.start else {}),
            **({"received_at__lt": midnight(self.end + timedelta(days=1))} if self.end else {}),
        }


def all_rounds():
    """Every round with its plan, in the order the tables show them."""
    return list(
        ParticipationRound.objects.select_related("page").order_by("page__title", "opens_at", "pk")
    )


def count(rounds, period=Period()):
    """Input in `rounds` received in `period`, as a Counter by (round id, category, state)."""
    submissions = Submission.objects.filter(round__in=[r.pk for r in rounds], **period.bounds())
    rows = submissions.values_list("round_id", "category", "state").annotate(n=Count("pk"))
    return Counter({(round_id, category, state): n for round_id, category, state, n in rows})


def tabulate(counts, rounds, now):
    """The tables from `count`'s Counter and the rounds it counted (no queries)."""
    plan_of = {r.pk: r.page_id for r in rounds}
    total, per_plan, per_round, per_category = Counter(), {}, {}, {}
    for (round_id, category, state), n in counts.items():
        total[state] += n
        per_plan.setdefault(plan_of[round_id], Counter())[state] += n
        per_round.setdefault(round_id, Counter())[state] += n
        per_category.setdefault(category, Counter())[state] += n

    def row(label, per_state, **extra):
        per_state = per_state or {}
        return Row(label, tuple(per_state.get(state, 0) for state in STATES), **extra)

    plans = {r.page_id: r.page for r in rounds}  # in the rounds' order: by plan title
    return Statistics(
        total=row(gettext("I alt"), total),
        plans=[row(plan.title, per_plan.get(pk)) for pk, plan in plans.items()],
        rounds=[
            row(
                r.title,
                per_round.get(r.pk),
                detail=r.page.title,
                status=RoundState(r.state_at(now)).label,
            )
            for r in rounds
        ],
        categories=[row(c.label, per_category.get(c.value)) for c in SenderCategory],
    )


def collect(rounds, plan_id=None, period=Period(), now=None):
    """The statistics for the plan with page id `plan_id` (or all of `rounds`' plans), for
    input received in `period`. `rounds` is `all_rounds()`, which the view needs anyway."""
    if plan_id is not None:
        rounds = [r for r in rounds if r.page_id == plan_id]
    return tabulate(count(rounds, period), rounds, now or timezone.now())
