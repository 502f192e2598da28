"""A moderator's decision on one input, carried out through participation.services.

The edit view and the bulk actions both come here, so publishing, declining and the answer
e-mail happen the same way from every screen.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from participation import services
from participation.models import Publication, SubmissionState
from participation.services import ANONYMISED, SENDER_SAID_NO, WITHDRAWN


@dataclass(frozen=True)
class Outcome:
    state: str
    answer_sent: bool


# Why input cannot be «Behandlet, ikke publisert etter ønske» (private_handling_blocker).
WANTS_PUBLICATION = "wants_publication"
# Why input cannot be published: a sentence for the form, a label for a list of references.
REFUSALS = {
    WITHDRAWN: _("Avsenderen har trukket innspillet tilbake, så det kan ikke publiseres."),
    ANONYMISED: _("Innspillet er anonymisert og kan ikke publiseres."),
    SENDER_SAID_NO: _(
        "Avsenderen har bedt om at innspillet ikke publiseres. Velg «Behandlet, ikke publisert "
        "etter ønske» når du har behandlet det."
    ),
    # «Behandlet, ikke publisert etter ønske» is for input whose sender said no to publication.
    WANTS_PUBLICATION: _(
        "Avsenderen vil ha innspillet publisert. Velg «Publisert», eller «Ikke publisert» med "
        "en begrunnelse."
    ),
}
REFUSAL_LABELS = {
    WITHDRAWN: _("Trukket tilbake av avsenderen"),
    ANONYMISED: _("Anonymisert"),
    SENDER_SAID_NO: _("Avsenderen har sagt nei til publisering"),
    WANTS_PUBLICATION: _("Avsenderen vil ha innspillet publisert"),
}


def why_not_publishable(submission):
    """Why this input cannot be published, in a sentence for the moderator; "" when it can."""
    blocker = services.publish_blocker(submission)
    return REFUSALS[blocker] if blocker else ""


def private_handling_blocker(submission):
    """Why this input cannot be «Behandlet, ikke publisert etter ønske», as WITHDRAWN or
    WANTS_PUBLICATION; "" when it can."""
    if submission.state == SubmissionState.WITHDRAWN:
        return WITHDRAWN
    return "" if submission.publication == Publication.NONE else WANTS_PUBLICATION


def why_not_handled_privately(submission):
    """Why this input cannot be «Behandlet, ikke publisert etter ønske», in a sentence; ""
    when it can."""
    blocker = private_handling_blocker(submission)
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
    elif state == SubmissionState.HANDLED_PRIVATE:
        services.handle_privately(submission)
    else:
        services.reopen(submission)
    return Outcome(state=submission.state, answer_sent=submission.answered_at != answered_at)
