"""The moderator's form for one input, and the reason asked for when declining many at once."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from participation import answer_approval
from participation.models import Submission, SubmissionState
from participation.moderation import decisions

MODERATOR_FIELDS = ["decline_reason", "internal_note", "answer"]
STATE_CHOICES = [
    (SubmissionState.RECEIVED, _("Mottatt – ikke behandlet ennå")),
    (SubmissionState.PUBLISHED, _("Publisert – vises på planens side")),
    (SubmissionState.DECLINED, _("Ikke publisert")),
]
DECLINE_REASON_HELP = _(
    "Skriv en begrunnelse når du ikke publiserer innspillet. Avsenderen ser den på sin egen "
    "side og i e-posten med svaret. Andre ser den ikke."
)
DECLINE_REASON_REQUIRED = _(
    "Skriv hvorfor du ikke publiserer innspillet. Avsenderen ser begrunnelsen på sin egen side."
)
ANSWER_HELP = _(
    "Avsenderen får svaret på e-post når du lagrer, og på nytt hvis du endrer det senere. "
    "Svaret går ikke ut mens innspillet står som «Mottatt», bare når du publiserer det eller "
    "velger «Ikke publisert». Er innspillet publisert, vises svaret også på planens side."
)
ANSWER_NEEDING_APPROVAL_HELP = _(
    "I denne runden må en annen moderator godkjenne svaret før avsenderen får det på e-post. "
    "Når du lagrer et nytt eller endret svar, venter det på godkjenning. Svaret går ikke ut "
    "mens innspillet står som «Mottatt», bare når det er publisert eller «Ikke publisert»."
)


class ModerationForm(WagtailAdminModelForm):
    """State, reason, internal note and answer. Saving goes through decisions.decide, so the
    time stamps are set and the sender gets the answer once for each new text."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_state = self.instance.state
        self.outcome = None
        state = self.fields.get("state")
        if state is not None:
            state.choices = STATE_CHOICES
            state.help_text = _(
                "Du kan bare publisere innspill når avsenderen har sagt ja til det."
            )
        if "decline_reason" in self.fields:
            self.fields["decline_reason"].help_text = DECLINE_REASON_HELP
        if "answer" in self.fields:
            self.fields["answer"].help_text = (
                ANSWER_NEEDING_APPROVAL_HELP
                if self.instance.pk and answer_approval.needs_approval(self.instance)
                else ANSWER_HELP
            )
        if self.initial_state == SubmissionState.WITHDRAWN:
            # The sender has taken it back: only the internal note can still change.
            for name in ("state", "decline_reason", "answer"):
                if name in self.fields:
                    self.fields[name].disabled = True
            if state is not None:
                state.choices = [*STATE_CHOICES, (SubmissionState.WITHDRAWN, _("Trukket tilbake"))]
                state.help_text = _("Avsenderen har trukket innspillet tilbake.")

    def clean(self):
        cleaned = super().clean()
        state = cleaned.get("state")
        if state == SubmissionState.PUBLISHED and state != self.initial_state:
            refusal = decisions.why_not_publishable(self.instance)
            if refusal:
                self.add_error("state", refusal)
        if state == SubmissionState.DECLINED and not cleaned.get("decline_reason", "").strip():
            self.add_error("decline_reason", DECLINE_REASON_REQUIRED)
        return cleaned

    def save(self, commit=True):
        submission = super().save(commit=False)
        chosen = submission.state
        submission.state = self.initial_state  # the services make the change
        if not commit:
            return submission
        with transaction.atomic():
            # Read the row afresh under a lock: the sender may have withdrawn it, or the
            # retention job anonymised it, while the form was open. Only the moderator's own
            # fields are taken from the form.
            current = Submission.objects.select_for_update().get(pk=submission.pk)
            previous_answer = current.answer
            for field in MODERATOR_FIELDS:
                if field in self.fields and not self.fields[field].disabled:
                    setattr(current, field, getattr(submission, field))
            authorship = answer_approval.edited(current, previous_answer, self.for_user)
            current.save(update_fields=[*MODERATOR_FIELDS, *authorship, "updated_at"])
            self.outcome = decisions.decide(current, chosen)
        self.instance = current
        return current


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Begrunnelse for ikke å publisere"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Gjelder alle innspillene du har valgt. Avsenderne ser den på sin egen side."),
        error_messages={"required": DECLINE_REASON_REQUIRED},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(DECLINE_REASON_REQUIRED)
        return reason
