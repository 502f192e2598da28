"""Validators for the facts of the political process."""

from django.core.validators import RegexValidator

validate_case_number = RegexValidator(
    r"^\d{3,4}/\d{2}$",
    "Saksnummer skrives som løpenummer/år med fire sifre og to sifre, for eksempel 0008/20.",
)
