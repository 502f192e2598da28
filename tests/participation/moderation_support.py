"""Helpers for the moderation tests: admin addresses, demo input by sender, staff users."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from participation.models import Submission

PASSWORD = "langt-og-trygt-passord"
LISTING = "/admin/innspill/"
ROUNDS = "/admin/innspillsrunder/"


def demo_input(name):
    """A demo submission by its sender's name, e.g. «Nils Dahl»."""
    return Submission.objects.get(name=name)


def make_user(username, group=None, **fields):
    user = get_user_model().objects.create_user(
        username, f"{username}@asker.kommune.no", PASSWORD, **fields
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user
