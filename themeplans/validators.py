"""Validators for the facts of the political process."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_case_number = RegexValidator(
    r"^\d{3,4}/\d{2}$",
    _("Skriv saksnummeret som løpenummer/år, for eksempel 0008/20."),
)
