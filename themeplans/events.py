"""What has happened on the plans, stored in the event log (core.events) when a plan is
published: the plan itself, its adoption, milestones moved by a political decision, and
(through participation) its rounds and answers. The RSS feeds and the mails to followers read
the log.

Each event has a stable key, so a feed item keeps its guid and a follower is told once.
"""

from datetime import date

from django.utils.translation import gettext

from core import events
from participation import events as participation_events
from participation import summaries
from themeplans import dates

PLAN_PUBLISHED = "plan-published"
MILESTONE_MOVED = "milestone-moved"
PLAN_ADOPTED = "plan-adopted"
PLAN_KINDS = (PLAN_PUBLISHED, PLAN_ADOPTED, MILESTONE_MOVED)


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


def record_plan(plan, reword_all=False):
    """Store the plan's events as it now is published, with its rounds' and answers'."""
    events.replace(plan, PLAN_KINDS, list(plan_events(plan)))
    participation_events.record_plan(plan, reword_all)


def record_published(sender, instance, **kwargs):
    """page_published receiver: a plan's news is stored the moment it is published, and the
    senders of a round whose summary is now published are mailed it (once each)."""
    record_plan(instance.specific)
    summaries.mail_published(instance)


def record_all():
    """Rewrite the log of every plan from the current data; returns how many events it holds.

    Plans that are not live keep their events (readers ask for live plans only), so a plan
    published again has its history back."""
    from core.models import Event
    from themeplans.models import ThemePlanPage

    for plan in ThemePlanPage.objects.all():
        record_plan(plan, reword_all=True)
    return Event.objects.count()


def plan_events(plan):
    """The plan published, adopted, and its milestones moved by a political decision."""
    from themeplans.models import Milestone

    if plan.first_published_at:
        yield events.event(
            plan,
            PLAN_PUBLISHED,
            f"{PLAN_PUBLISHED}:{plan.pk}",
            plan.first_published_at,
            lambda: (
                # Translators: the title of a feed item or e-mail; plan: the plan's title.
                gettext("Ny temaplan: %(plan)s") % {"plan": plan.title},
                plan.teaser,
            ),
        )
    if plan.adopted_on:
        yield events.event(
            plan,
            PLAN_ADOPTED,
            f"{PLAN_ADOPTED}:{plan.pk}",
            plan.adopted_on,
            lambda: (
                gettext("%(plan)s er vedtatt") % {"plan": plan.title},
                # Translators: day: a date written out, "17. november 2020".
                gettext("Kommunestyret vedtok planen %(day)s.") % {"day": _day(plan.adopted_on)},
            ),
        )
    moved = Milestone.objects.filter(page=plan, moved_by__isnull=False).select_related(
        "moved_by__body"
    )
    for milestone in moved:
        yield _moved_event(plan, milestone)


def _moved_event(plan, milestone):
    decision = milestone.moved_by
    return events.event(
        plan,
        MILESTONE_MOVED,
        # The new date is part of the key: moved again, it is news again (the older key is
        # forgotten, as the milestone is no longer there).
        f"{MILESTONE_MOVED}:{milestone.pk}:{milestone.starts_on.isoformat()}",
        decision.decided_on,
        lambda: (
            # Translators: plan, milestone: titles; date: the milestone's new date ("1. kvartal
            # 2021").
            gettext("%(plan)s: «%(milestone)s» er flyttet til %(date)s")
            % {"plan": plan.title, "milestone": milestone.title, "date": milestone.display_date},
            _moved_description(milestone, decision),
        ),
    )
