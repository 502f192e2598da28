"""Rounds opened, closing and closed, and answers published: participation's part of the
plans' timeline (themeplans.events), read by the RSS feeds and the e-mails to followers.

The texts are written in the language active when the events are gathered (Norwegian for the
e-mails the scheduled job sends)."""

from datetime import timedelta

from django.utils.translation import gettext

from participation import links
from participation.models import ParticipationRound, Submission
from participation.wording import by_kind, local_moment
from themeplans.events import PlanEvent, register_source

ROUND_OPENED = "round-opened"
ROUND_CLOSING = "round-closing"
ROUND_CLOSED = "round-closed"
ANSWER_PUBLISHED = "answer-published"
# Followers are warned this long before a round closes.
CLOSING_NOTICE = timedelta(days=3)


def round_events(plans, now):
    by_id = {plan.pk: plan for plan in plans}
    rounds = ParticipationRound.objects.filter(page__in=by_id, opens_at__lte=now)
    for round in rounds:
        plan = by_id[round.page_id]
        yield PlanEvent(
            key=f"{ROUND_OPENED}:{round.pk}",
            kind=ROUND_OPENED,
            plan=plan,
            # Translators: plan, round: titles typed by editors.
            title=gettext("%(plan)s: %(round)s – åpnet for innspill")
            % {"plan": plan.title, "round": round.title},
            description=by_kind(
                round,
                # Translators: opens, closes: a date and time, "29. desember 2026 kl. 23.59".
                gettext("Høringen åpnet %(opens)s. Alle kan sende innspill fram til %(closes)s."),
                gettext(
                    "Innspillsrunden åpnet %(opens)s. Alle kan sende innspill fram til %(closes)s."
                ),
            )
            % {"opens": local_moment(round.opens_at), "closes": local_moment(round.closes_at)},
            moment=round.opens_at,
            below_plan=links.FORM,
        )
        warning_at = round.closes_at - CLOSING_NOTICE
        if warning_at > round.opens_at and warning_at <= now < round.closes_at:
            yield PlanEvent(
                key=f"{ROUND_CLOSING}:{round.pk}",
                kind=ROUND_CLOSING,
                plan=plan,
                title=gettext("%(plan)s: tre dager igjen til fristen for «%(round)s»")
                % {"plan": plan.title, "round": round.title},
                description=gettext("Fristen for innspill er %(closes)s.")
                % {"closes": local_moment(round.closes_at)},
                moment=warning_at,
                below_plan=links.FORM,
            )
        if round.closes_at <= now:
            yield PlanEvent(
                key=f"{ROUND_CLOSED}:{round.pk}",
                kind=ROUND_CLOSED,
                plan=plan,
                title=gettext("%(plan)s: %(round)s – stengt")
                % {"plan": plan.title, "round": round.title},
                description=by_kind(
                    round,
                    gettext("Høringen er over. Fristen var %(closes)s."),
                    gettext("Innspillsrunden er over. Fristen var %(closes)s."),
                )
                % {"closes": local_moment(round.closes_at)},
                moment=round.closes_at,
                below_plan=links.PUBLISHED,
            )


def answer_events(plans, now):
    by_id = {plan.pk: plan for plan in plans}
    answered = (
        Submission.objects.published()
        .filter(round__page__in=by_id, answered_at__isnull=False)
        .exclude(answer_sent="")  # the answer as given, not a moderator's draft
        .select_related("round")
        .only("pk", "reference", "answered_at", "round__page_id", "round__title")
    )
    for submission in answered:
        plan = by_id[submission.round.page_id]
        yield PlanEvent(
            key=f"{ANSWER_PUBLISHED}:{submission.pk}",
            kind=ANSWER_PUBLISHED,
            plan=plan,
            # Translators: reference: the input's receipt number.
            title=gettext("%(plan)s: kommunen har svart på innspill %(reference)s")
            % {"plan": plan.title, "reference": submission.reference},
            description=gettext("Les svaret sammen med innspillet (%(round)s).")
            % {"round": submission.round.title},
            moment=submission.answered_at,
            below_plan=f"{links.PUBLISHED}#innspill-{submission.reference}",
        )


def register():
    register_source(round_events, {ROUND_OPENED, ROUND_CLOSING, ROUND_CLOSED})
    register_source(answer_events, {ANSWER_PUBLISHED})
