"""How participation words its rounds in text read elsewhere (feeds, calendars, e-mails)."""

from django.template.defaultfilters import date as format_date
from django.utils import timezone

from participation.models import RoundKind


def local_moment(value):
    """«29. desember 2026 kl. 23.59», in Oslo time whatever the active time zone."""
    return format_date(timezone.localtime(value), "DATETIME_FORMAT")


def by_kind(round, hearing, other):
    """`hearing` for a public hearing, else `other`: whole sentences, each its own string, so
    a translation can name the round the way its grammar needs."""
    return hearing if round.kind == RoundKind.HEARING else other
