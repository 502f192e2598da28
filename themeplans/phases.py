"""Where a theme plan is in its process, worked out from its milestones and a given day.

Pure functions: no ORM, only the standard library and Django's translation helpers. The models
turn their milestones into `MilestoneSpan` values (kind plus the first and last calendar day the
milestone stands for, see `themeplans.dates.period`) and pass `today` in, so every rule can be
tested with a controlled clock.

Milestone kinds, in the order of the process (the rank used below):

    MANDATE < KNOWLEDGE_BASE < PARTICIPATION = WORKSHOP < HEARING < POLITICAL_TREATMENT = ADOPTION

OTHER (and any kind this module does not know) has no rank and never sets a phase.

`current_phase(milestones, today, adopted_on)`, the rules in order, the first that applies wins:

1. No milestones (ignoring OTHER) and no `adopted_on`: None, the page shows no phase at all.
2. `adopted_on` is set and `adopted_on <= today`: ADOPTED.
3. An ADOPTION milestone whose `last_day < today`: ADOPTED.
4. Some milestones are ongoing (`first_day <= today <= last_day`): the phase of the one furthest
   along the process (highest rank). An ongoing ADOPTION or POLITICAL_TREATMENT gives POLITICAL,
   WORKSHOP gives PARTICIPATION, the other kinds give the phase of the same name.
5. Some milestone has started (`first_day <= today`), none is ongoing: the phase of the started
   milestone that ended last (latest `last_day`, ties broken by the higher rank), mapped as in 4.
   A finished ADOPTION never gets here: that is rule 3.
6. Otherwise (every milestone lies in the future, or there are none but `adopted_on` is in the
   future): PLANNED.

Both days of a milestone are inclusive: on its first day it has started, on its last day it is
still ongoing, the day after it has ended.

`plan_status(milestones, rounds, today, now, adopted_on)`: the one status every page shows (the
card, the plan page, the index timeline and «Framdrift»), from the milestones and the
participation rounds together, so nothing is typed twice and nothing contradicts:

7. A round is open from `opens_at` up to, not including, `closes_at` (as
   `participation.models.ParticipationRound.state_at`). Any open round makes the plan «Åpen for
   innspill», whatever the phase.
8. A round about the plan being made (purpose PLAN) is part of the process: while it is open
   the phase is at least the round's own (early input gives PARTICIPATION, a hearing HEARING).
   A plan cannot be adopted while input to the plan being made is still taken, so such a
   round also replaces ADOPTED (from milestones or `adopted_on`) by the round's phase.
9. A round about the revision (REVISION) or the follow-up (FOLLOW_UP) of the plan leaves the
   phase as the milestones give it: an adopted plan stays ADOPTED and open for input, and the
   status says what the input is about (`about`), so the page can say so.

`next_milestone(items, today, span)`: among the items that have not ended (`last_day >= today`,
so an ongoing milestone counts), the one with the earliest `first_day`, ties broken by the
earliest `last_day`, then by the order of the items; None when every item has ended.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum, nonmember
from functools import total_ordering
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext_lazy as _

# Milestone kinds.
MANDATE = "mandate"
KNOWLEDGE_BASE = "knowledge_base"
PARTICIPATION = "participation"
WORKSHOP = "workshop"
HEARING = "hearing"
POLITICAL_TREATMENT = "political_treatment"
ADOPTION = "adoption"
OTHER = "other"

KINDS = [
    (MANDATE, _("Mandat")),
    (KNOWLEDGE_BASE, _("Kunnskapsgrunnlag")),
    (PARTICIPATION, _("Medvirkning")),
    (WORKSHOP, _("Verksted")),
    (HEARING, _("Høring")),
    (POLITICAL_TREATMENT, _("Politisk behandling")),
    (ADOPTION, _("Vedtak")),
    (OTHER, _("Annet")),
]


@total_ordering
class Phase(Enum):
    """A phase of the process, in order: `.value` is the slug, `.label` the Norwegian text."""

    PLANNED = ("planned", _("Planlagt"))
    MANDATE = ("mandate", _("Mandat vedtatt"))
    KNOWLEDGE_BASE = ("knowledge_base", _("Kunnskapsgrunnlag"))
    PARTICIPATION = ("participation", _("Medvirkning"))
    HEARING = ("hearing", _("Høring"))
    POLITICAL = ("political", _("Politisk behandling"))
    ADOPTED = ("adopted", _("Vedtatt"))

    # A template given the class itself (e.g. `Phase.ADOPTED` in a comparison) must not call it.
    do_not_call_in_templates = nonmember(True)

    def __new__(cls, value: str, label: Any) -> "Phase":
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member

    @property
    def index(self) -> int:
        """0 for PLANNED up to 6 for ADOPTED."""
        return list(type(self)).index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Phase):
            return NotImplemented
        return self.index < other.index

    def __str__(self) -> str:
        return str(self.label)


PHASES = list(Phase)
PHASE_CHOICES = [(phase.value, phase.label) for phase in Phase]


@dataclass(frozen=True)
class MilestoneSpan:
    """What the phase logic needs from a milestone: its kind and the days it covers (inclusive)."""

    kind: str
    first_day: date
    last_day: date


class _Span(Protocol):
    @property
    def first_day(self) -> date: ...

    @property
    def last_day(self) -> date: ...


T = TypeVar("T")

# How far along the process each kind is; kinds missing here (OTHER) never set a phase.
_RANK = {
    MANDATE: 1,
    KNOWLEDGE_BASE: 2,
    PARTICIPATION: 3,
    WORKSHOP: 3,
    HEARING: 4,
    POLITICAL_TREATMENT: 5,
    ADOPTION: 5,
}

_PHASE_OF_KIND = {
    MANDATE: Phase.MANDATE,
    KNOWLEDGE_BASE: Phase.KNOWLEDGE_BASE,
    PARTICIPATION: Phase.PARTICIPATION,
    WORKSHOP: Phase.PARTICIPATION,
    HEARING: Phase.HEARING,
    POLITICAL_TREATMENT: Phase.POLITICAL,
    ADOPTION: Phase.POLITICAL,
}


def phase_of_kind(kind: str) -> Phase | None:
    """The phase a started milestone of `kind` stands for; None for OTHER and unknown kinds."""
    return _PHASE_OF_KIND.get(kind)


def current_phase(
    milestones: Iterable[MilestoneSpan], today: date, adopted_on: date | None = None
) -> Phase | None:
    """The phase on `today`, by the rules in the module docstring."""
    relevant = [m for m in milestones if m.kind in _RANK]
    if not relevant and adopted_on is None:
        return None
    if adopted_on is not None and adopted_on <= today:
        return Phase.ADOPTED
    if any(m.kind == ADOPTION and m.last_day < today for m in relevant):
        return Phase.ADOPTED

    started = [m for m in relevant if m.first_day <= today]
    ongoing = [m for m in started if m.last_day >= today]
    if ongoing:
        furthest = max(ongoing, key=lambda m: _RANK[m.kind])
        return _PHASE_OF_KIND[furthest.kind]
    if started:
        latest = max(started, key=lambda m: (m.last_day, _RANK[m.kind]))
        return _PHASE_OF_KIND[latest.kind]
    return Phase.PLANNED


def next_milestone(
    milestones: Iterable[T], today: date, span: Callable[[T], _Span] = lambda m: m
) -> T | None:
    """The item that has not ended by `today` and starts first (see the module docstring).

    `span` maps an item to something with `first_day` and `last_day`, so the models can pass their
    own objects; by default the items are such spans themselves.
    """
    pending = [(span(item), item) for item in milestones]
    pending = [(s, item) for s, item in pending if s.last_day >= today]
    if not pending:
        return None
    return min(pending, key=lambda pair: (pair[0].first_day, pair[0].last_day))[1]


# Round kinds and purposes, as participation.models.RoundKind and RoundPurpose store them (the
# tests check they agree; this module imports no app).
EARLY_INPUT = "early_input"
ROUND_HEARING = "hearing"
ABOUT_PLAN = "plan"
ABOUT_REVISION = "revision"
ABOUT_FOLLOW_UP = "follow_up"

_PHASE_OF_ROUND = {EARLY_INPUT: Phase.PARTICIPATION, ROUND_HEARING: Phase.HEARING}


@dataclass(frozen=True)
class RoundSpan:
    """What the status needs from a participation round: kind, purpose and its moments."""

    kind: str
    purpose: str
    opens_at: datetime
    closes_at: datetime

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at


@dataclass(frozen=True)
class PlanStatus:
    """The phase and whether the plan takes input now; `about` says what the input is about
    (ABOUT_PLAN, ABOUT_REVISION or ABOUT_FOLLOW_UP) while a round is open, else ""."""

    phase: Phase | None
    is_open: bool = False
    about: str = ""

    @property
    def open_label(self) -> str:
        """«Åpen for innspill», with what the input is about when the plan is already made."""
        if not self.is_open:
            return ""
        return str(_OPEN_LABELS.get(self.about, _OPEN_LABELS[ABOUT_PLAN]))

    @property
    def adopted_and_open(self) -> bool:
        """Adopted and taking input: the round is about its revision or follow-up (rule 9)."""
        return self.is_open and self.phase is Phase.ADOPTED


_OPEN_LABELS = {
    ABOUT_PLAN: _("Åpen for innspill"),
    ABOUT_REVISION: _("Åpen for innspill til revisjon"),
    ABOUT_FOLLOW_UP: _("Åpen for innspill til oppfølging"),
}


def plan_status(
    milestones: Iterable[MilestoneSpan],
    rounds: Iterable[RoundSpan],
    today: date,
    now: datetime,
    adopted_on: date | None = None,
) -> PlanStatus:
    """The status on `today` (milestones) and at `now` (rounds), by rules 7–9 above."""
    phase = current_phase(milestones, today, adopted_on)
    open_rounds = sorted((r for r in rounds if r.is_open(now)), key=lambda r: r.closes_at)
    if not open_rounds:
        return PlanStatus(phase)
    drafting = [r for r in open_rounds if r.purpose not in (ABOUT_REVISION, ABOUT_FOLLOW_UP)]
    if drafting:
        round_phase = max(_PHASE_OF_ROUND.get(r.kind, Phase.PARTICIPATION) for r in drafting)
        if phase is None or phase is Phase.ADOPTED or phase < round_phase:
            phase = round_phase
        return PlanStatus(phase, is_open=True, about=ABOUT_PLAN)
    return PlanStatus(phase, is_open=True, about=open_rounds[0].purpose)
