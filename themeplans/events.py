"""What has happened on the plans: the timeline the RSS feeds and the e-mails to followers read.

Titles and descriptions are written in the language active when the events are gathered: the
reader's for a feed, Norwegian for the e-mails the scheduled job sends.

Each event has a stable key, so a feed item keeps its guid and a follower is told once. Other
apps add their kinds of event through `register_source` (participation adds its rounds and
answers at start-up), because themeplans never imports them.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext

from themeplans import dates

PLAN_PUBLISHED = "plan-published"
MILESTONE_MOVED = "milestone-moved"
PLAN_ADOPTED = "plan-adopted"


@dataclass(frozen=True)
class PlanEvent:
    key: str  # stable across requests and deploys: "<kind>:<id>[:<detail>]"
    kind: str
    plan: object  # ThemePlanPage
    title: str
    description: str
    moment: datetime  # aware; when it happened (or happens, for a deadline warning)
    # Where to read more, below the plan's address ("" is the plan page). Relative, so that
    # gathering events needs no URL lookups; `link` resolves it when a feed or mail asks.
    below_plan: str = ""

    @property
    def link(self):
        return self.plan.url + self.below_plan


EventSource = Callable[[Sequence, datetime], Iterable[PlanEvent]]
# Each source with the kinds of event it makes, so a caller that wants some kinds only (the
# e-mails to followers) does not pay for the others (every answer ever published).
_sources: dict[EventSource, frozenset] = {}


def register_source(source: EventSource, kinds) -> EventSource:
    """Add a producer of `kinds` of events: called with the plans (already loaded) and now."""
    _sources[source] = frozenset(kinds)
    return source


def _day(day: date) -> str:
    return dates.format_date(day, dates.DAY)


def _moved_description(milestone, decision) -> str:
    values = {
        "original": milestone.display_original_date,
        "body": decision.body,
        "day": _day(decision.decided_on),
        "case": decision.case_number,
        "decision": decision.title,
    }
    if decision.case_number:
        # Translators: original: the milestone's first date; body: a political body
        # ("Formannskapet"); day: the decision's date; case: its case number ("0008/20");
        # decision: its title.
        return (
            gettext(
                "Opprinnelig %(original)s. %(body)s vedtok %(day)s å flytte milepælen "
                "(sak %(case)s): %(decision)s."
            )
            % values
        )
    return (
        gettext(
            "Opprinnelig %(original)s. %(body)s vedtok %(day)s å flytte milepælen: %(decision)s."
        )
        % values
    )


def start_of(day: date) -> datetime:
    """A date as the start of that day in Oslo, so dates and moments sort together."""
    return timezone.make_aware(datetime.combine(day, time.min))


def events_for(plans, now=None, limit=None, kinds=None):
    """Events on these plans that have happened by `now`, newest first; only `kinds` if given.

    `plans` is a list of live plans; each source runs a constant number of queries for all of
    them, so a feed costs the same with 7 plans as with 70.
    """
    now = now or timezone.now()
    plans = list(plans)
    if not plans:
        return []
    happened = [
        event
        for source, made in _sources.items()
        if kinds is None or made & kinds
        for event in source(plans, now)
        if event.moment <= now and (kinds is None or event.kind in kinds)
    ]
    happened.sort(key=lambda event: (event.moment, event.key), reverse=True)
    return happened[:limit] if limit else happened


def plan_events(plans, now):
    """New plans, milestones moved by a political decision, and plans adopted."""
    from themeplans.models import Milestone

    by_id = {plan.pk: plan for plan in plans}
    for plan in plans:
        if plan.first_published_at:
            yield PlanEvent(
                key=f"{PLAN_PUBLISHED}:{plan.pk}",
                kind=PLAN_PUBLISHED,
                plan=plan,
                # Translators: the title of a feed item or e-mail; plan: the plan's title.
                title=gettext("Ny temaplan: %(plan)s") % {"plan": plan.title},
                description=plan.teaser,
                moment=plan.first_published_at,
            )
        if plan.adopted_on:
            yield PlanEvent(
                key=f"{PLAN_ADOPTED}:{plan.pk}",
                kind=PLAN_ADOPTED,
                plan=plan,
                title=gettext("%(plan)s er vedtatt") % {"plan": plan.title},
                # Translators: day: a date written out, "17. november 2020".
                description=gettext("Kommunestyret vedtok planen %(day)s.")
                % {"day": _day(plan.adopted_on)},
                moment=start_of(plan.adopted_on),
            )
    moved = Milestone.objects.filter(page__in=by_id, moved_by__isnull=False).select_related(
        "moved_by__body"
    )
    for milestone in moved:
        decision = milestone.moved_by
        plan = by_id[milestone.page_id]
        yield PlanEvent(
            # The new date is part of the key: moved again, it is news again.
            key=f"{MILESTONE_MOVED}:{milestone.pk}:{milestone.starts_on.isoformat()}",
            kind=MILESTONE_MOVED,
            plan=plan,
            # Translators: plan, milestone: titles; date: the milestone's new date ("1. kvartal
            # 2021").
            title=gettext("%(plan)s: «%(milestone)s» er flyttet til %(date)s")
            % {"plan": plan.title, "milestone": milestone.title, "date": milestone.display_date},
            description=_moved_description(milestone, decision),
            moment=start_of(decision.decided_on),
        )


register_source(plan_events, {PLAN_PUBLISHED, PLAN_ADOPTED, MILESTONE_MOVED})
