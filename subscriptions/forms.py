"""The follow form: one address, and the input form's spam checks (participation.antispam)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import antispam
from core.text import WithoutBidiControls


class FollowForm(WithoutBidiControls, antispam.SpamCheckedForm):
    email = forms.EmailField(
        label=_("E-postadressen din"),
        help_text=_("Vi sender en e-post med en lenke du må klikke på for å bekrefte."),
        max_length=254,
        error_messages={
            "required": _("Skriv e-postadressen din."),
            "invalid": _("Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no."),
            "max_length": _("E-postadressen er for lang."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
