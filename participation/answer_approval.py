"""A second pair of eyes on answers (issue 19): in a round whose `answers_need_approval` is set,
an answer is given (shown with the input and e-mailed) only once a moderator other than the
one who wrote it has approved that very text.

Why a small state of our own and not Wagtail's workflows: a workflow moderates a whole page or
snippet (DraftStateMixin, RevisionMixin) and locks it while it waits, so the state, the
internal note and the reason could not change until someone approved, and every save would
become a draft to publish. Workflows are also chosen per model or page tree, not per round,
and their approval task lets the author approve their own change. Here only one field of an
input needs a second reader, the rest of the input stays editable, and the rule «not by the
author» is the point. So the input itself holds the state, next to the answer it is about:

- `answer` is the moderators' text, as before; `answer_sent` the answer given (public, mailed);
- `answer_proposed_by/_at`: who last changed the text, and when (the form sets them);
- `answer_approved`: the text a second moderator approved; an edited text no longer matches
  it, so editing after approval starts the cycle again;
- `answer_returned_by/_at` and `answer_return_comment`: the text was sent back, not approved.

The answer then goes out the way it always did (services.send_answer_if_new, through the
outbox), which asks `may_be_given` first. Rounds without the setting behave as before.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from participation.models import Submission, SubmissionState

APPROVED_ACTION = "participation.answer_approved"
RETURNED_ACTION = "participation.answer_returned"

# Why an approval did not happen, for the moderator who asked.
OWN_ANSWER = _("Du skrev dette svaret selv. En annen moderator må godkjenne det.")
CHANGED = _(
    "Svaret er endret siden du åpnet siden. Les det nye svaret før du godkjenner det eller "
    "sender det tilbake."
)
NOTHING_WAITING = _("Svaret venter ikke på godkjenning. Kanskje en annen moderator var først.")


def needs_approval(submission):
    return submission.round.answers_need_approval


def may_be_given(submission):
    """Whether the answer as it stands may be shown and mailed."""
    return not needs_approval(submission) or submission.answer == submission.answer_approved


def is_waiting(submission):
    """An answer written, neither approved nor sent back yet: «Venter på godkjenning»."""
    return (
        needs_approval(submission)
        and submission.state != SubmissionState.WITHDRAWN
        and bool(submission.answer.strip())
        and submission.answer not in (submission.answer_approved, submission.answer_sent)
        and submission.answer_returned_at is None
    )


# The same as is_waiting, as conditions for filter(): on the input's own columns, which an
# UPDATE checks again on the row as another transaction left it (a join would not be), and
# with its round's setting, for the listing.
waiting_text = (
    Q(answer_returned_at__isnull=True)
    & ~Q(state=SubmissionState.WITHDRAWN)
    & ~Q(answer="")
    & ~Q(answer=F("answer_approved"))
    & ~Q(answer=F("answer_sent"))
)
waiting = Q(round__answers_need_approval=True) & waiting_text


def stamp(submission):
    """Names the text a moderator reads: approving it approves this text and no later one."""
    moment = submission.answer_proposed_at
    return moment.isoformat() if moment else ""


def edited(submission, previous_answer, user, now=None):
    """The moderator `user` saved the form: if the answer's text changed, it is theirs now and
    any approval or return was of another text. Returns the fields to save."""
    if submission.answer == previous_answer:
        return []
    submission.answer_proposed_by = user
    submission.answer_proposed_at = now or timezone.now()
    submission.answer_returned_by = None
    submission.answer_returned_at = None
    submission.answer_return_comment = ""
    return [
        "answer_proposed_by",
        "answer_proposed_at",
        "answer_returned_by",
        "answer_returned_at",
        "answer_return_comment",
    ]


def _claim(submission, seen, user, **changes):
    """Change the waiting answer the moderator read (`seen`, its stamp) with one conditional
    UPDATE, so two moderators clicking at once change it once. True if this call did."""
    if not needs_approval(submission):
        return False
    read = Q(answer_proposed_at=seen) if seen else Q(answer_proposed_at__isnull=True)
    claimed = (
        Submission.objects.filter(waiting_text, read, pk=submission.pk)
        .exclude(answer_proposed_by_id=user.pk)
        .update(**changes, updated_at=timezone.now())
    )
    return claimed == 1


def _refusal(submission, seen, user):
    if stamp(submission) != seen:
        return CHANGED
    if submission.answer_proposed_by_id == user.pk:
        return OWN_ANSWER
    return NOTHING_WAITING


def _parse(seen):
    try:
        return datetime.fromisoformat(seen) if seen else None
    except ValueError:
        return False


def approve(submission, seen, user):
    """`user` approves the answer they read: it is given now if the input is published or
    declined, else when it is. Returns "" or why not, in a sentence for the moderator."""
    from participation import services  # services asks this module before giving an answer

    moment = _parse(seen)
    if moment is False:
        return CHANGED
    with transaction.atomic():
        if not _claim(submission, moment, user, answer_approved=F("answer")):
            submission.refresh_from_db()
            return _refusal(submission, seen, user)
        submission.refresh_from_db()
        log(submission, APPROVED_ACTION, user=user, data={"answer": submission.answer})
        services.give_approved_answer(submission)
    return ""


def send_back(submission, seen, user, comment):
    """`user` sends the answer they read back to its author, with an optional comment."""
    moment = _parse(seen)
    if moment is False:
        return CHANGED
    with transaction.atomic():
        claimed = _claim(
            submission,
            moment,
            user,
            answer_returned_by=user,
            answer_returned_at=timezone.now(),
            answer_return_comment=comment.strip(),
        )
        submission.refresh_from_db()
        if not claimed:
            return _refusal(submission, seen, user)
        log(submission, RETURNED_ACTION, user=user, data={"comment": comment.strip()})
    return ""
