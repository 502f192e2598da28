"""Participation's part of the plans' timeline in the event log (core.events): rounds opened,
closing and closed, and answers published.

A round's events are stored when the plan is published, each with its moment in advance; the
feeds and mails see them once that moment has come. An answer's event is stored when the
answer is given on published input, or input with an answer is published, and forgotten when
the input leaves the public pages.

A plan is a Page here (`round.page`): participation does not know themeplans.
"""

from datetime import timedelta

from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext

from core import events
from core.models import Event
from participation import links
from participation.models import ParticipationRound, Submission, SubmissionState
from participation.wording import by_kind, local_moment

ROUND_OPENED = "round-opened"
ROUND_CLOSING = "round-closing"
ROUND_CLOSED = "round-closed"
# The round's summary published (participation.summaries): news for its followers.
SUMMARY_PUBLISHED = "summary-published"
ROUND_KINDS = (ROUND_OPENED, ROUND_CLOSING, ROUND_CLOSED, SUMMARY_PUBLISHED)
ANSWER_PUBLISHED = "answer-published"
# Followers are warned this long before a round closes.
CLOSING_NOTICE = timedelta(days=3)


def record_plan(page, reword_all=False):
    """Store the events of the rounds and answers on this plan as it now is; those of rounds
    and input no longer on it are forgotten. Called when the plan is published.

    An answer's words hold the plan's and its round's titles: the answers of a round are worded
    again only when the round's own words changed (a title edited), or all with `reword_all`,
    so publishing a plan with thousands of answers stays quick."""
    rounds = list(ParticipationRound.objects.filter(page=page))
    for round in rounds:
        round.page = page
    by_round = {round: list(round_events(round)) for round in rounds}
    before = events.recorded(page, ROUND_OPENED)
    reworded = [
        round
        for round, (opened, *_later) in by_round.items()
        if reword_all or before.get(opened.key) != opened.data["words"]
    ]
    events.replace(page, ROUND_KINDS, [event for worded in by_round.values() for event in worded])

    answered = answered_input().filter(round__page=page)
    now_answered = {answer_key_for(pk) for pk in answered.values_list("pk", flat=True)}
    events.forget(*(set(events.recorded(page, ANSWER_PUBLISHED)) - now_answered))
    if not reword_all:
        # Those of reworded rounds, and those not in the log (input answered before it was).
        key = Concat(Value(f"{ANSWER_PUBLISHED}:"), Cast("pk", models.CharField()))
        unrecorded = ~Exists(Event.objects.filter(key=OuterRef("event_key")))
        answered = answered.annotate(event_key=key).filter(Q(round__in=reworded) | unrecorded)
    answered = answered.select_related("round").only(
        "pk", "reference", "answered_at", "round__title", "round__page_id"
    )
    for submission in answered:
        submission.round.page = page
    events.record(*(answer_event(submission) for submission in answered))


def round_events(round):
    plan = round.page
    values = {"plan": plan.title, "round": round.title}

    def closes():  # in the language being worded
        return {"closes": local_moment(round.closes_at)}

    yield events.event(
        plan,
        ROUND_OPENED,
        f"{ROUND_OPENED}:{round.pk}",
        round.opens_at,
        lambda: (
            # Translators: plan, round: titles typed by editors.
            gettext("%(plan)s: %(round)s – åpnet for innspill") % values,
            by_kind(
                round,
                # Translators: opens, closes: a date and time, "29. desember 2026 kl. 23.59".
                gettext("Høringen åpnet %(opens)s. Alle kan sende innspill fram til %(closes)s."),
                gettext(
                    "Innspillsrunden åpnet %(opens)s. Alle kan sende innspill fram til %(closes)s."
                ),
            )
            % {"opens": local_moment(round.opens_at), **closes()},
        ),
        below=links.FORM,
    )
    warning_at = round.closes_at - CLOSING_NOTICE
    if warning_at > round.opens_at:
        yield events.event(
            plan,
            ROUND_CLOSING,
            f"{ROUND_CLOSING}:{round.pk}",
            warning_at,
            lambda: (
                gettext("%(plan)s: tre dager igjen til fristen for «%(round)s»") % values,
                gettext("Fristen for innspill er %(closes)s.") % closes(),
            ),
            below=links.FORM,
            # The warning belongs to the last three days only.
            until=round.closes_at,
        )
    yield events.event(
        plan,
        ROUND_CLOSED,
        f"{ROUND_CLOSED}:{round.pk}",
        round.closes_at,
        lambda: (
            gettext("%(plan)s: %(round)s – stengt") % values,
            by_kind(
                round,
                gettext("Høringen er over. Fristen var %(closes)s."),
                gettext("Innspillsrunden er over. Fristen var %(closes)s."),
            )
            % closes(),
        ),
        below=links.PUBLISHED,
    )
    if round.shows_summary:
        yield events.event(
            plan,
            SUMMARY_PUBLISHED,
            f"{SUMMARY_PUBLISHED}:{round.pk}",
            round.summary_published_at,
            lambda: (
                gettext("%(plan)s: hva vi fikk inn i «%(round)s» og hva vi gjør med det") % values,
                by_kind(
                    round,
                    gettext("Kommunen har oppsummert innspillene i høringen."),
                    gettext("Kommunen har oppsummert innspillene i innspillsrunden."),
                ),
            ),
            below=f"#oppsummering-{round.pk}",
        )


def answered_input():
    """Published input with the answer as given (not a moderator's draft): what is news."""
    return Submission.objects.published().filter(answered_at__isnull=False).exclude(answer_sent="")


def is_answered_in_public(submission):
    return (
        submission.state == SubmissionState.PUBLISHED
        and submission.answered_at is not None
        and submission.answer_sent != ""
    )


def answer_key_for(pk):
    return f"{ANSWER_PUBLISHED}:{pk}"


def answer_key(submission):
    return answer_key_for(submission.pk)


def answer_event(submission):
    plan = submission.round.page
    return events.event(
        plan,
        ANSWER_PUBLISHED,
        answer_key(submission),
        submission.answered_at,
        lambda: (
            # Translators: reference: the input's receipt number.
            gettext("%(plan)s: kommunen har svart på innspill %(reference)s")
            % {"plan": plan.title, "reference": submission.reference},
            gettext("Les svaret sammen med innspillet (%(round)s).")
            % {"round": submission.round.title},
        ),
        below=f"{links.PUBLISHED}#innspill-{submission.reference}",
    )


def record_answer(submission):
    """The input's answer is news while the input is published with an answer, and not
    otherwise (declined, reopened, withdrawn)."""
    if is_answered_in_public(submission):
        events.record(answer_event(submission))
    else:
        events.forget(answer_key(submission))
