"""The input form: every field with a label, help and error a sender can act on (in gettext)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import antispam, languages
from participation import attachments
from participation.models import Publication, SenderCategory

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


class SubmissionForm(antispam.SpamCheckedForm):
    round = forms.TypedChoiceField(
        label=_("Hvilken runde gjelder innspillet?"),
        coerce=int,
        error_messages={
            "required": _("Velg hvilken runde innspillet gjelder."),
            "invalid_choice": _("Runden du valgte, tar ikke imot innspill nå. Velg en åpen runde."),
        },
    )
    name = forms.CharField(
        label=_("Navn"),
        max_length=200,
        error_messages={
            "required": _("Skriv navnet ditt."),
            "max_length": _(
                "Navnet kan være høyst %(limit_value)d tegn. Nå er det %(show_value)d tegn."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-post"),
        help_text=_(
            "Vi sender kvitteringen og svaret hit. Vi publiserer aldri e-postadressen din."
        ),
        max_length=254,
        error_messages={
            "required": _("Skriv e-postadressen din, så vi kan sende deg en kvittering."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
            "max_length": _("E-postadressen kan være høyst %(limit_value)d tegn."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Organisasjon (valgfritt)"),
        help_text=_(
            "Fyll ut hvis du skriver på vegne av et lag, en forening, en bedrift eller en annen "
            "virksomhet."
        ),
        max_length=200,
        required=False,
        error_messages={
            "max_length": _(
                "Navnet på organisasjonen kan være høyst %(limit_value)d tegn. "
                "Nå er det %(show_value)d tegn."
            ),
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    category = forms.ChoiceField(
        label=_("Jeg sender innspill som"),
        choices=SenderCategory.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg hvem du sender innspillet som."),
            "invalid_choice": _("Velg ett av alternativene for hvem du sender innspillet som."),
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
    publication = forms.ChoiceField(
        label=_("Kan vi publisere innspillet ditt på nettsidene?"),
        choices=Publication.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Velg om vi kan publisere innspillet ditt."),
            "invalid_choice": _("Velg ett av de tre alternativene for publisering."),
        },
    )
    privacy = forms.BooleanField(
        label=_("Jeg har lest hvordan kommunen behandler innspillet og opplysningene om meg."),
        error_messages={
            "required": _("Kryss av for at du har lest hvordan kommunen behandler innspillet.")
        },
    )

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

    @property
    def chosen_round(self):
        return self.rounds.get(self.cleaned_data.get("round"))

    def clean_attachment(self):
        if self.attachment_too_large:
            raise forms.ValidationError(attachments.too_large_message())
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        self.attachment_kind = attachments.validate(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
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
