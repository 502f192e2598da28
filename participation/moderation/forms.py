"""The moderator's form for one input, and the reason asked for when declining many at once."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from participation.models import RoundTag, Submission, SubmissionState
from participation.moderation import assignment, decisions

MODERATOR_FIELDS = ["decline_reason", "internal_note", "answer", "assigned_to"]
TAG_LENGTH = RoundTag._meta.get_field("name").max_length
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
            self.fields["answer"].help_text = ANSWER_HELP
        self._limit_desk_choices()
        if self.initial_state == SubmissionState.WITHDRAWN:
            # The sender has taken it back: only the internal note can still change.
            for name in ("state", "decline_reason", "answer"):
                if name in self.fields:
                    self.fields[name].disabled = True
            if state is not None:
                state.choices = [*STATE_CHOICES, (SubmissionState.WITHDRAWN, _("Trukket tilbake"))]
                state.help_text = _("Avsenderen har trukket innspillet tilbake.")

    new_tags = forms.CharField(
        label=_("Nye stikkord"),
        required=False,
        max_length=300,
        help_text=_(
            "Skill flere med komma. De blir stikkord i denne runden og settes på innspillet."
        ),
    )

    def _limit_desk_choices(self):
        """The case officer is one of the moderators (or the one already chosen, who may
        have left the group since); the tags are this round's own."""
        assigned = self.fields.get("assigned_to")
        if assigned is not None:
            moderators = assignment.moderators()
            assigned.queryset = (
                get_user_model()
                .objects.filter(
                    Q(pk__in=moderators.values("pk")) | Q(pk=self.instance.assigned_to_id)
                )
                .order_by("first_name", "last_name", "username")
            )
            assigned.label_from_instance = assignment.user_label
            assigned.empty_label = _("Ingen")
        tags = self.fields.get("tags")
        if tags is not None:
            tags.queryset = RoundTag.objects.filter(round_id=self.instance.round_id)
            tags.help_text = _(
                "Rundens stikkord. Er listen tom, eller mangler et, skriv det under «Nye "
                "stikkord». Bare for saksbehandlere, vises aldri offentlig."
            )
            tags.error_messages["invalid_choice"] = _(
                "Stikkordet %(value)s hører ikke til denne innspillsrunden. Velg blant rundens "
                "egne stikkord."
            )

    def clean_new_tags(self):
        names = {}
        for name in self.cleaned_data["new_tags"].split(","):
            name = " ".join(name.split())
            if len(name) > TAG_LENGTH:
                raise forms.ValidationError(
                    _("Et stikkord kan ha høyst %(length)s tegn.") % {"length": TAG_LENGTH}
                )
            if name:
                names.setdefault(name.casefold(), name)
        return list(names.values())

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
            if "tags" in self.fields:
                current.tags.set([*self.cleaned_data["tags"], *self._round_tags(current.round_id)])
            self.outcome = decisions.decide(current, chosen)
        self.instance = current
        return current

    def _round_tags(self, round_id):
        """The tags typed in «Nye stikkord»: the round's own when it has them already."""
        for name in self.cleaned_data.get("new_tags", []):
            tag = RoundTag.objects.filter(round_id=round_id, name__iexact=name).first()
            if tag is None:
                try:
                    with transaction.atomic():
                        tag = RoundTag.objects.create(round_id=round_id, name=name)
                except IntegrityError:  # another moderator made it just now
                    tag = RoundTag.objects.get(round_id=round_id, name__iexact=name)
            yield tag


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
