"""Staff users for the admin's browser tests, with their permissions given outright: earlier
transactional tests may have emptied the groups the migrations filled."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

PASSWORD = "langt-og-trygt-passord"
# What the group «Innspillsmoderatorer» has, but the right to export personal data.
MODERATION = ["access_admin", "view_submission", "change_submission", "view_subscription"]


def make_staff(username, permissions, group=None):
    user = get_user_model().objects.create_user(username, f"{username}@asker.kommune.no", PASSWORD)
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    if group is not None:
        user.groups.add(group)
    return user
