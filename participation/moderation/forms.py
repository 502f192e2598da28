"""The moderator's form for one input, and the reason asked for when declining many at once."""

from django import forms
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from participation import answer_approval, public_copies, redaction
from participation.models import (
    AttachmentPublication,
    Publication,
    RoundTag,
    Submission,
    SubmissionState,
)
from participation.moderation import assignment, decisions

MODERATOR_FIELDS = [
    "decline_reason",
    "internal_note",
    "answer",
    "assigned_to",
    "redacted_text",
    "attachment_publication",
]
TAG_LENGTH = RoundTag._meta.get_field("name").max_length
STATE_CHOICES = [
    (SubmissionState.RECEIVED, _("Mottatt – ikke behandlet ennå")),
    (SubmissionState.PUBLISHED, _("Publisert – vises på planens side")),
    (SubmissionState.DECLINED, _("Ikke publisert")),
]
# Only for input whose sender said no to publication (decisions.why_not_handled_privately).
HANDLED_PRIVATE_CHOICE = (
    SubmissionState.HANDLED_PRIVATE,
    _("Behandlet, ikke publisert etter ønske – avsenderen ba om det, ingen begrunnelse trengs"),
)
REDACTED_TEXT_HELP = _(
    "Det som vises på planens side, i API-et og i søket. Ta ut det som ikke skal publiseres, "
    "og skriv [sladdet] der du har tatt noe ut. Originalen blir stående i saken."
)
EMPTY_PUBLIC_TEXT = _(
    "Den publiserte teksten kan ikke være tom. Skriv [sladdet] hvis ingenting av teksten kan "
    "publiseres, eller velg «Ikke publisert»."
)
REPLACEMENT_MISSING = _(
    "Last opp den sladdede versjonen av vedlegget, eller velg et annet valg for vedlegget."
)
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

    redacted_file = forms.FileField(
        label=_("Sladdet versjon av vedlegget"),
        required=False,
        help_text=_(
            "PDF, Word (DOCX), OpenDocument-tekst (ODT), JPEG eller PNG, høyst 10 MB. Skjulte "
            "opplysninger (metadata) fjernes før filen publiseres. Originalen blir i saken."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_state = self.instance.state
        self.outcome = None
        state = self.fields.get("state")
        if state is not None:
            state.choices = STATE_CHOICES
            if (
                self.instance.publication == Publication.NONE
                or self.initial_state == SubmissionState.HANDLED_PRIVATE
            ):
                state.choices = [*STATE_CHOICES, HANDLED_PRIVATE_CHOICE]
            state.help_text = _(
                "Du kan bare publisere innspill når avsenderen har sagt ja til det."
            )
        self._set_up_redaction()
        if "decline_reason" in self.fields:
            self.fields["decline_reason"].help_text = DECLINE_REASON_HELP
        if "answer" in self.fields:
            self.fields["answer"].help_text = (
                ANSWER_NEEDING_APPROVAL_HELP
                if self.instance.pk and answer_approval.needs_approval(self.instance)
                else ANSWER_HELP
            )
        self._limit_desk_choices()
        if self.initial_state == SubmissionState.WITHDRAWN:
            # The sender has taken it back: only the internal note can still change.
            for name in ("state", "decline_reason", "answer"):
                if name in self.fields:
                    self.fields[name].disabled = True
            if state is not None:
                state.choices = [*STATE_CHOICES, (SubmissionState.WITHDRAWN, _("Trukket tilbake"))]
                state.help_text = _("Avsenderen har trukket innspillet tilbake.")

    def _set_up_redaction(self):
        """The public version starts as the text as sent, to be edited where it stands; the
        attachment's choices only when there is one. Withdrawn input is never published."""
        text = self.fields.get("redacted_text")
        if text is not None:
            text.help_text = REDACTED_TEXT_HELP
            text.widget.attrs["rows"] = 10
            if not self.is_bound:
                self.initial["redacted_text"] = self.instance.public_text
        choice = self.fields.get("attachment_publication")
        if choice is not None and not self.instance.attachment:
            del self.fields["attachment_publication"]
            del self.fields["redacted_file"]
        elif choice is not None:
            choice.required = False  # not posted: as stored (clean_attachment_publication)
        withdrawn = self.initial_state == SubmissionState.WITHDRAWN
        for name in ("redacted_text", "attachment_publication", "redacted_file"):
            if withdrawn and name in self.fields:
                self.fields[name].disabled = True

    def _not_posted(self, name):
        """A post without the field at all (a script, an older form) leaves it as stored."""
        return self.fields[name].disabled or self.add_prefix(name) not in self.data

    def clean_redacted_text(self):
        edited = self.cleaned_data.get("redacted_text", "")
        if self._not_posted("redacted_text"):
            return self.instance.redacted_text
        if not edited.strip():
            raise forms.ValidationError(EMPTY_PUBLIC_TEXT)
        return redaction.stored_version(edited, self.instance.text)

    def clean_attachment_publication(self):
        if self._not_posted("attachment_publication"):
            return self.instance.attachment_publication
        return self.cleaned_data.get("attachment_publication") or AttachmentPublication.AS_SENT

    def clean_redacted_file(self):
        upload = self.cleaned_data.get("redacted_file")
        if not upload or self.fields["redacted_file"].disabled:
            return None
        self.replacement_kind = redaction.checked_replacement(upload)
        return upload

    def _clean_attachment_choice(self, cleaned):
        if "attachment_publication" not in self.fields:
            return
        if cleaned.get("redacted_file"):
            # A redacted file uploaded is the choice to publish it.
            cleaned["attachment_publication"] = AttachmentPublication.REPLACED
        if (
            cleaned.get("attachment_publication") == AttachmentPublication.REPLACED
            and not cleaned.get("redacted_file")
            and not self.instance.redacted_attachment
            and "redacted_file" not in self.errors
        ):
            self.add_error("redacted_file", REPLACEMENT_MISSING)

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
        if state == SubmissionState.HANDLED_PRIVATE and state != self.initial_state:
            refusal = decisions.why_not_handled_privately(self.instance)
            if refusal:
                self.add_error("state", refusal)
        if state == SubmissionState.DECLINED and not cleaned.get("decline_reason", "").strip():
            self.add_error("decline_reason", DECLINE_REASON_REQUIRED)
        self._clean_attachment_choice(cleaned)
        return cleaned

    def save(self, commit=True):
        submission = super().save(commit=False)
        chosen = submission.state
        submission.state = self.initial_state  # the services make the change
        if not commit:
            return submission
        stored_file = ""
        try:
            with transaction.atomic():
                # Read the row afresh under a lock: the sender may have withdrawn it, or the
                # retention job anonymised it, while the form was open. Only the moderator's
                # own fields are taken from the form.
                current = Submission.objects.select_for_update().get(pk=submission.pk)
                public_source = current.public_attachment_source[0]
                previous_answer = current.answer
                for field in MODERATOR_FIELDS:
                    if field in self.fields and not self.fields[field].disabled:
                        setattr(current, field, getattr(submission, field))
                upload = self.cleaned_data.get("redacted_file")
                if upload and current.attachment:
                    stored_file = redaction.store_replacement(
                        current, upload, self.replacement_kind
                    )
                if stored_file or current.public_attachment_source[0] != public_source:
                    # The public copy was made of another file, or of one now withheld.
                    public_copies.delete(current)
                authorship = answer_approval.edited(current, previous_answer, self.for_user)
                current.save(
                    update_fields=[
                        *MODERATOR_FIELDS,
                        *REDACTION_FILE_FIELDS,
                        *authorship,
                    ]
                )
                if "tags" in self.fields:
                    current.tags.set(
                        [*self.cleaned_data["tags"], *self._round_tags(current.round_id)]
                    )
                self.outcome = decisions.decide(current, chosen)
        except Exception:
            if stored_file:
                redaction.forget_file(current, stored_file)
            raise
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


# Written with the moderator's fields: the redacted file and the public copy made from it.
REDACTION_FILE_FIELDS = [
    "redacted_attachment",
    "redacted_attachment_type",
    "public_attachment",
    "updated_at",
]


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
