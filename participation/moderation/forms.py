"""The moderator's form for one input, and the reason asked for when declining many at once."""

from django import forms
from django.db import transaction
from wagtail.admin.forms import WagtailAdminModelForm

from participation.models import Submission, SubmissionState
from participation.moderation import decisions

MODERATOR_FIELDS = ["decline_reason", "internal_note", "answer"]
STATE_CHOICES = [
    (SubmissionState.RECEIVED, "Mottatt – ikke behandlet ennå"),
    (SubmissionState.PUBLISHED, "Publisert – vises på planens side"),
    (SubmissionState.DECLINED, "Ikke publisert"),
]
DECLINE_REASON_HELP = (
    "Påkrevd når innspillet ikke publiseres. Avsenderen ser begrunnelsen på sin egen side og i "
    "e-posten med svaret. Den publiseres ikke."
)
DECLINE_REASON_REQUIRED = (
    "Skriv hvorfor innspillet ikke publiseres. Avsenderen ser begrunnelsen på sin egen side."
)
ANSWER_HELP = (
    "Når du lagrer, sendes svaret på e-post til avsenderen, og på nytt hvis du endrer det "
    "senere. Er innspillet publisert, vises svaret også offentlig sammen med innspillet. Svaret "
    "sendes først når innspillet er publisert eller ikke publisert, ikke mens det er mottatt."
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
            state.help_text = "Innspill publiseres bare hvis avsenderen har sagt ja til det."
        if "decline_reason" in self.fields:
            self.fields["decline_reason"].help_text = DECLINE_REASON_HELP
        if "answer" in self.fields:
            self.fields["answer"].help_text = ANSWER_HELP
        if self.initial_state == SubmissionState.WITHDRAWN:
            # The sender has taken it back: only the internal note can still change.
            for name in ("state", "decline_reason", "answer"):
                if name in self.fields:
                    self.fields[name].disabled = True
            if state is not None:
                state.choices = [*STATE_CHOICES, (SubmissionState.WITHDRAWN, "Trukket tilbake")]
                state.help_text = "Avsenderen har trukket innspillet tilbake."

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
            for field in MODERATOR_FIELDS:
                if field in self.fields and not self.fields[field].disabled:
                    setattr(current, field, getattr(submission, field))
            current.save(update_fields=[*MODERATOR_FIELDS, "updated_at"])
            self.outcome = decisions.decide(current, chosen)
        self.instance = current
        return current


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Begrunnelse for ikke å publisere",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Gjelder alle innspillene du har valgt. Avsenderne ser den på sin egen side.",
        error_messages={"required": DECLINE_REASON_REQUIRED},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(DECLINE_REASON_REQUIRED)
        return reason
