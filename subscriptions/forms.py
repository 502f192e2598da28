"""The follow form: one address, and the input form's spam checks (participation.antispam)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import antispam
from core.text import WithoutBidiControls
from subscriptions.models import Scope


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


class FollowAllForm(FollowForm):
    """Following every plan under a page (the index): all that happens, or rounds opening."""

    scope = forms.ChoiceField(
        label=_("Hva vil du ha e-post om?"),
        choices=[
            (Scope.ALL, _("Alt som skjer med alle planene")),
            (Scope.ROUNDS, _("Bare når en innspillsrunde åpner, på hvilken som helst plan")),
        ],
        initial=Scope.ALL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Velg hva du vil ha e-post om.")},
    )

    field_order = ["scope", "email"]
