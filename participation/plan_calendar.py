"""Participation's part of the plans' calendar (themeplans.calendar): each round's deadline."""

from django.utils import timezone
from django.utils.translation import gettext

from participation import links
from participation.events import by_kind, local_moment
from participation.models import ParticipationRound
from themeplans.calendar import CalendarEntry, register_source


def deadline_entries(plans):
    """The moment each round closes, in Oslo time, so a calendar shows «kl. 23.59» wherever
    the reader is."""
    by_id = {plan.pk: plan for plan in plans}
    for round in ParticipationRound.objects.filter(page__in=by_id):
        plan = by_id[round.page_id]
        yield CalendarEntry(
            key=f"round-{round.pk}-deadline",
            plan=plan,
            # Translators: a calendar entry's title; plan, round: titles typed by editors.
            summary=gettext("Frist for innspill: %(plan)s – %(round)s")
            % {"plan": plan.title, "round": round.title},
            description=by_kind(
                round,
                # Translators: opens, closes: a date and time, "29. desember 2026 kl. 23.59".
                gettext("Høringen er åpen fra %(opens)s til %(closes)s."),
                gettext("Innspillsrunden er åpen fra %(opens)s til %(closes)s."),
            )
            % {"opens": local_moment(round.opens_at), "closes": local_moment(round.closes_at)},
            starts=timezone.localtime(round.closes_at),
            path=links.form_path(plan),
        )


def register():
    register_source(deadline_entries)
