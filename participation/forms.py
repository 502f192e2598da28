"""The input form: every field with a label, help and error a sender can act on (in gettext)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import antispam, languages
from core.text import WithoutBidiControls
from participation import attachments, kept_attachments
from participation.models import Submission

TEXT_MAX = 10_000


class InputTextField(forms.CharField):
    """The input text, counted as the sender sees it.

    Browsers send line breaks as CRLF but count them as one character, so they are made LF
    before the length is checked. No maxlength attribute either: a browser would silently
    cut a longer pasted text, and the error message that says so would never be seen.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class ContentSelect(forms.Select):
    """A list of editors' labels (the plan's topics): under /en/ each option but the empty one
    is marked lang="nb", so a screen reader reads the Norwegian words as Norwegian."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value and not languages.is_content_language():
            option["attrs"]["lang"] = settings.LANGUAGE_CODE
        return option


def _blank_form_field(model_field, **kwargs):
    """The model's form field without an initial value: the sender picks every choice, none is
    preselected, and a choice list has no «---------» option (an initial in kwargs tells Django so).
    """
    return model_field.formfield(initial=None, **kwargs)


class SubmissionForm(WithoutBidiControls, antispam.SpamCheckedForm, forms.ModelForm):
    """The sender's side of a Submission: the model's fields with the words a sender needs, plus
    the round, the topic and the attachment (whose choices and rules depend on the plan and its
    rounds) and the privacy confirmation."""

    round = forms.TypedChoiceField(
        label=_("Hvilken runde gjelder innspillet?"),
        coerce=int,
        error_messages={
            "required": _("Velg hvilken runde innspillet gjelder."),
            "invalid_choice": _("Runden du valgte, tar ikke imot innspill nå. Velg en åpen runde."),
        },
    )
    topic = forms.ChoiceField(
        label=_("Tema (valgfritt)"),
        help_text=_("Velg temaet innspillet handler mest om, hvis det passer."),
        required=False,
        widget=ContentSelect,
        error_messages={"invalid_choice": _("Velg et tema fra listen, eller «Ikke valgt».")},
    )
    text = InputTextField(
        label=_("Innspillet ditt"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("Skriv innspillet ditt."),
            "max_length": _(
                "Innspillet kan være høyst %(limit_value)d tegn. Nå er det %(show_value)d tegn. "
                "Legg gjerne resten ved som fil."
            ),
        },
    )
    attachment = forms.FileField(
        label=_("Vedlegg (valgfritt)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": attachments.ACCEPT_ATTRIBUTE}),
        error_messages={
            "invalid": _("Filen kom ikke fram. Prøv å velge den på nytt."),
            "empty": _("Filen er tom. Velg en annen fil."),
        },
    )
    # The signed token of an attachment kept from a failed post (participation.kept_attachments).
    kept_attachment = forms.CharField(required=False, widget=forms.HiddenInput)
    remove_kept = forms.BooleanField(label=_("Send uten dette vedlegget"), required=False)
    privacy = forms.BooleanField(
        label=_("Jeg har lest hvordan kommunen behandler innspillet og opplysningene om meg."),
        error_messages={
            "required": _("Kryss av for at du har lest hvordan kommunen behandler innspillet.")
        },
    )

    field_order = [
        "website",
        "shown_at",
        "round",
        "name",
        "email",
        "organisation",
        "category",
        "topic",
        "text",
        "attachment",
        "kept_attachment",
        "remove_kept",
        "publication",
        "privacy",
    ]

    class Meta:
        model = Submission
        # The round, the attachment and the privacy answer are stored by services.submit().
        fields = ["name", "email", "organisation", "category", "topic", "text", "publication"]
        formfield_callback = _blank_form_field
        labels = {
            "organisation": _("Organisasjon (valgfritt)"),
            "category": _("Jeg sender innspill som"),
            "publication": _("Kan vi publisere innspillet ditt på nettsidene?"),
        }
        help_texts = {
            "email": _(
                "Vi sender kvitteringen og svaret hit. Kvitteringen har referansenummeret og en "
                "lenke til din egen side, ikke teksten din. Vi publiserer aldri e-postadressen din."
            ),
            "organisation": _(
                "Fyll ut hvis du skriver på vegne av et lag, en forening, en bedrift eller en "
                "annen virksomhet."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "category": forms.RadioSelect,
            "publication": forms.RadioSelect,
        }
        error_messages = {
            "name": {
                "required": _("Skriv navnet ditt."),
                "max_length": _(
                    "Navnet kan være høyst %(limit_value)d tegn. Nå er det %(show_value)d tegn."
                ),
            },
            "email": {
                "required": _("Skriv e-postadressen din, så vi kan sende deg en kvittering."),
                "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
                "max_length": _("E-postadressen kan være høyst %(limit_value)d tegn."),
            },
            "organisation": {
                "max_length": _(
                    "Navnet på organisasjonen kan være høyst %(limit_value)d tegn. "
                    "Nå er det %(show_value)d tegn."
                ),
            },
            "category": {
                "required": _("Velg hvem du sender innspillet som."),
                "invalid_choice": _("Velg ett av alternativene for hvem du sender innspillet som."),
            },
            "publication": {
                "required": _("Velg om vi kan publisere innspillet ditt."),
                "invalid_choice": _("Velg ett av de tre alternativene for publisering."),
            },
        }

    def __init__(self, *args, rounds, plan, attachment_too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        # Skipped while it arrived (upload_limits): not in the files, but worth an error.
        self.attachment_too_large = attachment_too_large
        self.rounds = {r.pk: r for r in rounds}
        self.fields["round"].choices = [(r.pk, r.title) for r in rounds]
        if len(rounds) == 1:
            self.fields["round"].widget = forms.HiddenInput()
            self.fields["round"].initial = rounds[0].pk
        else:
            self.fields["round"].widget = forms.RadioSelect()
        topics = plan.participation_topics()
        self.fields["topic"].choices = [("", gettext("Ikke valgt")), *[(t, t) for t in topics]]
        self.has_topics = bool(topics)
        if any(r.allow_attachments for r in rounds):
            self.fields["attachment"].help_text = gettext(
                "Du kan legge ved én fil: %(types)s. Den kan være høyst %(size)s."
            ) % {
                "types": attachments.allowed_text(),
                "size": attachments.megabytes(settings.PARTICIPATION_MAX_ATTACHMENT_BYTES),
            }
        else:
            del self.fields["attachment"]
            del self.fields["kept_attachment"]
            del self.fields["remove_kept"]
        self.kept_token = ""
        self.attachment_was_kept = False

    @property
    def kept_name(self):
        """The sender's name of the file kept from the previous post, shown by the file field."""
        return kept_attachments.name_of(self.kept_token)

    def _kept_upload(self):
        """The file kept from the previous post, unless the sender chose a new one or ticked
        «send without it»; checked again below like any new file."""
        token = self.cleaned_data.get("kept_attachment", "")
        if not token or self.cleaned_data.get("remove_kept"):
            return None
        upload = kept_attachments.restore(token)
        if upload is not None:
            self.kept_token = token
            self.attachment_was_kept = True
        return upload

    @property
    def chosen_round(self):
        return self.rounds.get(self.cleaned_data.get("round"))

    def clean_attachment(self):
        if self.attachment_too_large:
            raise forms.ValidationError(attachments.too_large_message())
        upload = self.cleaned_data.get("attachment")
        if not upload:
            # Fields are cleaned in field_order: the token and the checkbox come after.
            return None
        self.attachment_kind = attachments.validate(upload)
        return upload

    def _clean_kept_attachment(self, cleaned):
        """A post without a new file uses the kept one, after the same checks."""
        if (
            "attachment" not in self.fields
            or cleaned.get("attachment")
            or self.has_error("attachment")
        ):
            return
        upload = self._kept_upload()
        if upload is None:
            return
        try:
            self.attachment_kind = attachments.validate(upload)
        except forms.ValidationError as error:
            self.add_error("attachment", error)
            return
        cleaned["attachment"] = upload

    def keep_attachment(self):
        """After a failed post: keep a checked attachment for the next post, and put its token
        in the hidden field the page shows again. The views call this only when the form has
        errors (a stored input needs no kept file)."""
        if "attachment" not in self.fields or not hasattr(self, "cleaned_data"):
            return
        upload = self.cleaned_data.get("attachment")
        if not upload or self.has_error("attachment"):
            token = ""
        elif self.attachment_was_kept:
            token = self.kept_token
        else:
            token = kept_attachments.keep(upload, self.attachment_kind)
            kept_attachments.discard(self.data.get("kept_attachment", ""))  # replaced
        self.kept_token = token
        self.data = self.data.copy()
        self.data["kept_attachment"] = token
        self.data.pop("remove_kept", None)

    def discard_kept_attachment(self):
        """The input is stored with its own copy: the kept file is no longer needed."""
        if self.attachment_was_kept:
            kept_attachments.discard(self.kept_token)

    def clean(self):
        cleaned = super().clean()
        self._clean_kept_attachment(cleaned)
        chosen = self.chosen_round
        if chosen and cleaned.get("attachment") and not chosen.allow_attachments:
            self.add_error(
                "attachment",
                gettext("Runden du valgte, tar ikke imot vedlegg. Send innspillet uten vedlegg."),
            )
        return cleaned


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Ja, jeg vil trekke tilbake innspillet mitt."),
        error_messages={
            "required": _("Kryss av for å bekrefte at du vil trekke tilbake innspillet.")
        },
    )
