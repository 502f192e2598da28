"""A moderator's decision on one input, carried out through participation.services.

The edit view and the bulk actions both come here, so publishing, declining and the answer
e-mail happen the same way from every screen.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from participation import services
from participation.models import SubmissionState
from participation.services import ANONYMISED, SENDER_SAID_NO, WITHDRAWN


@dataclass(frozen=True)
class Outcome:
    state: str
    answer_sent: bool


# Why input cannot be published: a sentence for the form, a label for a list of references.
REFUSALS = {
    WITHDRAWN: _("Avsenderen har trukket innspillet tilbake, så det kan ikke publiseres."),
    ANONYMISED: _("Innspillet er anonymisert og kan ikke publiseres."),
    SENDER_SAID_NO: _(
        "Avsenderen har bedt om at innspillet ikke publiseres. Velg «Ikke publisert» med en "
        "begrunnelse, eller la det stå som «Mottatt»."
    ),
}
REFUSAL_LABELS = {
    WITHDRAWN: _("Trukket tilbake av avsenderen"),
    ANONYMISED: _("Anonymisert"),
    SENDER_SAID_NO: _("Avsenderen har sagt nei til publisering"),
}


def why_not_publishable(submission):
    """Why this input cannot be published, in a sentence for the moderator; "" when it can."""
    blocker = services.publish_blocker(submission)
    return REFUSALS[blocker] if blocker else ""


def decide(submission, state, reason=None):
    """Give `submission` the state `state` and send the answer if it is new.

    `reason` is the reason for not publishing; by default the one on the submission. Input
    the sender has withdrawn keeps its state. Returns what happened.
    """
    answered_at = submission.answered_at
    if submission.state == SubmissionState.WITHDRAWN:
        pass
    elif state == SubmissionState.PUBLISHED:
        services.publish(submission)
    elif state == SubmissionState.DECLINED:
        services.decline(
            submission, submission.decline_reason if reason is None else reason.strip()
        )
    else:
        services.reopen(submission)
    return Outcome(state=submission.state, answer_sent=submission.answered_at != answered_at)
